package com.byomlab.llm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a provider's keys look like, as far as its documentation says: a prefix where one is documented
 * ({@code sk-ant-}, {@code gsk_}, {@code xai-}), otherwise at most a length and charset check. Only refuses what
 * cannot be a key of this provider; the live check decides the rest.
 *
 * @param prefix    the documented start of every key, "" when there is none
 * @param body      the whole key must match this when not null (a length/charset rule)
 * @param bodyRule  the body rule in words, for the refusal ("32 or more letters and digits")
 * @param example   what a right key looks like, for hints and the help next to the key field
 */
public record KeyShape(String prefix, Pattern body, String bodyRule, String example) {

    public KeyShape {
        prefix = prefix == null ? "" : prefix;
    }

    public static KeyShape prefixed(String prefix, String example) {
        return new KeyShape(prefix, null, null, example);
    }

    public static KeyShape anyKey(String example) {
        return new KeyShape("", null, null, example);
    }

    /** Keys with no documented prefix: the whole key must match {@code regex}, described as {@code rule}. */
    public static KeyShape matching(String regex, String rule, String example) {
        return new KeyShape("", Pattern.compile(regex), rule, example);
    }

    /** Why this key cannot be one of {@code providerName}'s, or empty. Never quotes the key. */
    public Optional<String> problem(String key, String providerName) {
        if (!key.startsWith(prefix)) {
            return Optional.of(providerName + " keys start with '" + prefix + "'. Check that this key is for "
                    + providerName + ".");
        }
        if (body != null && !body.matcher(key).matches()) {
            return Optional.of(providerName + " keys are " + bodyRule + ". Check that this key is for "
                    + providerName + " and that you copied all of it.");
        }
        return Optional.empty();
    }
}
