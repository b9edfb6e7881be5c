package com.byomlab.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes token secrets: {@code byom_pat_} + 32 random bytes in base64url (43 characters). The prefix
 * lets people and secret scanners recognise a leaked token. A SHA-256 is enough to store: the secret has 256 bits of
 * entropy, so there is nothing to brute-force, and a plain hash (unlike an HMAC under the master key) survives a
 * master-key rotation.
 */
final class TokenSecrets {

    static final String PREFIX = "byom_pat_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean looksLikeToken(String presented) {
        return presented != null && presented.startsWith(PREFIX) && presented.length() == PREFIX.length() + 43;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String last4(String secret) {
        return secret.substring(secret.length() - 4);
    }
}
