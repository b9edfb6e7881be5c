package com.byomlab.llm;

import java.util.Optional;

/**
 * The one check of a model id, for every surface that takes one from a client (the gateway's {@code model} and
 * {@code /v1/models/{id}}, a Lab session's {@code llm_model}, a credential's {@code model_name}) and once more before
 * a chat call. Provider clients put the id into the request path ({@code …/models/{id}:generateContent} for Gemini,
 * {@code …/deployments/{id}/…} for Azure), so an id must not be able to leave its path segment: no {@code ?} (query),
 * {@code #} (fragment), {@code %} (escapes), backslash, whitespace or control characters, and no {@code .} / {@code ..}
 * or empty segments between slashes.
 *
 * <p>Allowed: ASCII letters, digits and {@code . _ - : / @ +}, at most {@value #MAX_LENGTH} characters (the
 * database's column width). That covers the ids providers issue: {@code gpt-4o-mini},
 * {@code claude-sonnet-4-5-20250929}, {@code meta-llama/Llama-3.1-8B-Instruct}, {@code llama3.1:8b},
 * {@code accounts/fireworks/models/x}, {@code anthropic.claude-3-5-sonnet-20240620-v1:0},
 * {@code ft:gpt-4o-mini:org:suffix:id}, {@code claude-3-5-sonnet@20240620}. Gemini's own resource name
 * {@code models/gemini-2.0-flash} is accepted too; the Gemini client is given the id without the {@code models/}
 * prefix, since it adds that itself.
 */
public final class ModelIds {

    public static final int MAX_LENGTH = 100;

    /** What a model id may look like, for error messages. */
    public static final String RULE = "A model id is made of letters, digits and . _ - : / @ + (e.g. gpt-4o-mini, "
            + "meta-llama/Llama-3.1-8B-Instruct, llama3.1:8b), at most " + MAX_LENGTH + " characters, with no empty, "
            + "'.' or '..' part between slashes. GET the model list to see the ids your key can use.";

    private ModelIds() {
    }

    public static boolean isValid(String id) {
        return problem(id).isEmpty();
    }

    /**
     * What is wrong with {@code id}, as words that follow the field's name ("is empty"); empty when it is a valid
     * model id. The words never quote the id (it may carry anything a client sent), only the offending character
     * where it is printable ASCII.
     */
    public static Optional<String> problem(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("is empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!allowed(c)) {
                return Optional.of("contains " + describe(c) + ", which a model id cannot contain");
            }
        }
        for (String segment : id.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("has an empty, '.' or '..' part between slashes");
            }
        }
        return Optional.empty();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == ':' || c == '/' || c == '@' || c == '+';
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (c > 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("the character U+%04X", (int) c);
    }
}
