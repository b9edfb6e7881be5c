package com.byomlab.llm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an AWS Bedrock "key" is, as one secret text (so the vault seals, rotates and masks it like any other key):
 * <ul>
 * <li>an IAM access key pair, {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY} (optionally {@code :SESSION_TOKEN} for
 * temporary credentials): the SDK signs each request with it (SigV4);</li>
 * <li>or a Bedrock API key (long-term {@code ABSK…}, short-term {@code bedrock-api-key-…}): sent by the SDK as a
 * bearer token.</li>
 * </ul>
 * Neither form of Bedrock API key nor any part of an access key pair contains ':', so the colon tells them apart.
 * Nothing here prints a secret: {@link #toString()} is redacted and {@link #masked} shows only the access key id's
 * ends (AWS itself lists access key ids in the console) or an API key's ends.
 */
public sealed interface BedrockKey {

    /** Access key ids: 16-128 characters, AKIA (long-term) or ASIA (temporary) followed by upper-case letters and digits. */
    Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{12,124}");
    /** Secret access keys are 40 base64-like characters; a little slack for other lengths AWS may issue. */
    Pattern SECRET = Pattern.compile("[A-Za-z0-9/+=]{30,100}");
    Pattern API_KEY = Pattern.compile("(ABSK|bedrock-api-key-)[A-Za-z0-9+/=_%.-]{16,}");

    String EXAMPLE = "Paste either a Bedrock API key (ABSK…) or an IAM access key pair as "
            + "ACCESS_KEY_ID:SECRET_ACCESS_KEY (AKIA…:wJalr…)";

    /** An IAM access key pair; signed per request by the AWS SDK. */
    record AccessKey(String accessKeyId, String secretAccessKey, String sessionToken) implements BedrockKey {
        @Override
        public String toString() {
            return "BedrockKey.AccessKey[" + accessKeyId + ", secret redacted]";
        }
    }

    /** A Bedrock API key; sent by the AWS SDK as {@code Authorization: Bearer …}. */
    record ApiKeyToken(String token) implements BedrockKey {
        @Override
        public String toString() {
            return "BedrockKey.ApiKeyToken[redacted]";
        }
    }

    /** How the text is read for a call; the format itself is checked (with advice) by {@link #formatProblem}. */
    static BedrockKey parse(String text) {
        String key = text.strip();
        int colon = key.indexOf(':');
        if (colon < 0) {
            return new ApiKeyToken(key);
        }
        String[] parts = key.split(":", -1);
        return new AccessKey(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : null);
    }

    /** Why the text cannot be a Bedrock credential, in words a user can act on; empty when it can be. */
    static Optional<String> formatProblem(String text) {
        String key = text.strip();
        if (key.indexOf(':') < 0) {
            return API_KEY.matcher(key).matches() ? Optional.empty()
                    : Optional.of(key.startsWith("AKIA") || key.startsWith("ASIA")
                            ? "This looks like an access key id alone: add ':' and the secret access key after it."
                            : "AWS Bedrock API keys start with 'ABSK' (or 'bedrock-api-key-' for short-term keys).");
        }
        String[] parts = key.split(":", -1);
        if (parts.length > 3) {
            return Optional.of("Use ACCESS_KEY_ID:SECRET_ACCESS_KEY, with one ':' between them.");
        }
        if (!ACCESS_KEY_ID.matcher(parts[0]).matches()) {
            return Optional.of("The part before ':' must be an AWS access key id (AKIA… or ASIA…, capital letters "
                    + "and digits).");
        }
        if (!SECRET.matcher(parts[1]).matches()) {
            return Optional.of("The part after ':' must be the secret access key (40 characters) shown when the "
                    + "access key was created.");
        }
        if (parts.length == 3 && parts[2].isBlank()) {
            return Optional.of("Nothing follows the second ':'; leave it out unless you add a session token.");
        }
        if (parts[0].startsWith("ASIA") && parts.length < 3) {
            return Optional.of("Temporary (ASIA…) access keys need their session token: "
                    + "ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN.");
        }
        return Optional.empty();
    }

    /**
     * The masked form shown to its owner: an access key pair shows the first and last 4 characters of its access key
     * id (never a character of the secret), an API key its first and last 4 characters.
     */
    static String masked(String text) {
        String key = text.strip();
        int colon = key.indexOf(':');
        String shown = colon < 0 ? key : key.substring(0, colon);
        return shown.length() < 12 ? "..." : shown.substring(0, 4) + "..." + shown.substring(shown.length() - 4);
    }
}
