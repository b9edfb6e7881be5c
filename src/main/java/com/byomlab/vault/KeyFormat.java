package com.byomlab.vault;

import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderProfile;
import com.byomlab.web.ApiProblem;

/**
 * The cheap checks before any network call: a key that cannot be right is refused with an
 * example of what a right one looks like. Prefixes are only enforced where providers document them; the shape of
 * each provider's keys is its profile's {@link com.byomlab.llm.KeyShape}.
 */
public final class KeyFormat {

    static final int MAX_LENGTH = 512;

    private KeyFormat() {
    }

    static void check(Provider provider, String key) {
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("invalid_key_format", "api_key is required: paste the key your provider issued.")
                    .with("hint", example(provider));
        }
        if (key.length() > MAX_LENGTH) {
            throw ApiProblem.badRequest("invalid_key_format", "api_key is longer than " + MAX_LENGTH
                    + " characters; no provider issues keys that long. Check that you pasted only the key.");
        }
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch) || ch > 0x7e) {
                throw ApiProblem.badRequest("invalid_key_format", "api_key contains spaces, line breaks or "
                        + "non-ASCII characters; copy the key again without them.").with("hint", example(provider));
            }
        }
        ProviderProfile profile = provider.profile();
        profile.keyShape().problem(key, profile.displayName()).ifPresent(problem -> {
            throw ApiProblem.badRequest("invalid_key_format", problem).with("hint", example(provider))
                    .with("docs_url", profile.keyPageUrl());
        });
    }

    /** The documented start of the provider's keys ("" when there is none), also for the pages' live format check. */
    public static String prefix(Provider provider) {
        return provider.profile().keyShape().prefix();
    }

    /** What a right key looks like, for error hints and the pages' help next to the key field. */
    public static String example(Provider provider) {
        return provider.profile().keyShape().example();
    }
}
