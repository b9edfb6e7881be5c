package com.byomlab.llm;

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
 * Nothing here prints a secret: the records' {@code toString()} is redacted.
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

    /** How the text is read for a call; its format is checked before it is stored (the Bedrock profile's key shape). */
    static BedrockKey parse(String text) {
        String key = text.strip();
        int colon = key.indexOf(':');
        if (colon < 0) {
            return new ApiKeyToken(key);
        }
        String[] parts = key.split(":", -1);
        return new AccessKey(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : null);
    }
}
