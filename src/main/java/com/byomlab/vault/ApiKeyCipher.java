package com.byomlab.vault;

import com.byomlab.keyring.MasterKeyRing;
import com.byomlab.llm.ApiKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Encrypts a key for one owner and one row: the associated data binds the ciphertext to
 * (user id, credential id), so a ciphertext copied into another row or account does not decrypt.
 */
@Component
class ApiKeyCipher {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyCipher.class);

    record Sealed(byte[] ciphertext, long keyId) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    /** Thrown when no key of the ring opens a value for this owner and row. Carries ids only. */
    static class UnreadableKeyException extends Exception {
        UnreadableKeyException(UUID credentialId) {
            super("credential " + credentialId + " cannot be decrypted with any configured master key", null, false, false);
        }
    }

    private final MasterKeyRing ring;
    private final Counter encryptionErrors;

    ApiKeyCipher(MasterKeyRing ring, MeterRegistry metrics) {
        this.ring = ring;
        this.encryptionErrors = Counter.builder("byom.encryption.errors")
                .description("Values that no configured master key could encrypt or decrypt").register(metrics);
    }

    Sealed seal(UUID userId, UUID credentialId, ApiKey key) {
        byte[] plain = key.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = ring.encrypt(plain, associatedData(userId, credentialId));
            return new Sealed(ciphertext, Integer.toUnsignedLong(MasterKeyRing.keyIdOf(ciphertext)));
        } catch (GeneralSecurityException e) {
            encryptionErrors.increment();
            throw new IllegalStateException("encryption failed for credential " + credentialId);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    ApiKey open(UUID userId, UUID credentialId, byte[] ciphertext) throws UnreadableKeyException {
        if (ciphertext == null) {
            encryptionErrors.increment();
            throw new UnreadableKeyException(credentialId);
        }
        byte[] plain = null;
        try {
            plain = ring.decrypt(ciphertext, associatedData(userId, credentialId));
            return ApiKey.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            encryptionErrors.increment();
            log.error("Credential {} could not be decrypted with any configured master key (ciphertext key id {}); "
                    + "it is kept as it is", credentialId, keyIdOrUnknown(ciphertext));
            throw new UnreadableKeyException(credentialId);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Key rotation: opens a value with whichever key of the ring made it and seals it again under the
     * current key, with the same associated data. The plaintext exists only as bytes, wiped at once.
     */
    Sealed reseal(UUID userId, UUID credentialId, byte[] ciphertext) throws UnreadableKeyException {
        byte[] associatedData = associatedData(userId, credentialId);
        byte[] plain;
        try {
            if (ciphertext == null) {
                throw new GeneralSecurityException("no ciphertext");
            }
            plain = ring.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            encryptionErrors.increment();
            log.error("Credential {} could not be decrypted with any configured master key (ciphertext key id {}); "
                    + "it is kept as it is and stays under its old key", credentialId, keyIdOrUnknown(ciphertext));
            throw new UnreadableKeyException(credentialId);
        }
        try {
            byte[] resealed = ring.encrypt(plain, associatedData);
            return new Sealed(resealed, Integer.toUnsignedLong(MasterKeyRing.keyIdOf(resealed)));
        } catch (GeneralSecurityException e) {
            encryptionErrors.increment();
            throw new IllegalStateException("encryption failed for credential " + credentialId);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static byte[] associatedData(UUID userId, UUID credentialId) {
        return ("byom-lab/user_llm_credentials/v1/" + userId + "/" + credentialId).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyIdOrUnknown(byte[] ciphertext) {
        try {
            return Integer.toUnsignedString(MasterKeyRing.keyIdOf(ciphertext));
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
