package com.byomlab.keyring;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import com.google.crypto.tink.InsecureSecretKeyAccess;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's master keys as one Tink AES-256-GCM keyset: the current key encrypts, every key
 * (current and former) decrypts. Each ciphertext carries Tink's 5-byte prefix (0x01 + key id), and
 * a key's id is derived from its bytes, so the same key has the same id on every start and instance.
 */
public final class MasterKeyRing {

    static final int KEY_BYTES = 32;
    private static final int TINK_PREFIX_BYTES = 5;

    private final Aead aead;
    private final int primaryKeyId;
    private final Set<Integer> keyIds;
    private final byte[] primaryKeyMaterial;

    private MasterKeyRing(Aead aead, int primaryKeyId, Set<Integer> keyIds, byte[] primaryKeyMaterial) {
        this.aead = aead;
        this.primaryKeyId = primaryKeyId;
        this.keyIds = Set.copyOf(keyIds);
        this.primaryKeyMaterial = primaryKeyMaterial;
    }

    /** Builds the ring from raw 32-byte keys: the first is the current key, the rest are former keys. */
    public static MasterKeyRing of(byte[] currentKey, List<byte[]> formerKeys) throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle.Builder keyset = KeysetHandle.newBuilder();
        Set<Integer> ids = new LinkedHashSet<>();
        int primaryId = keyIdOfMaterial(currentKey);
        keyset.addEntry(KeysetHandle.importKey(aesGcmKey(currentKey, primaryId)).withFixedId(primaryId).makePrimary());
        ids.add(primaryId);
        for (byte[] former : formerKeys) {
            int id = keyIdOfMaterial(former);
            if (!ids.add(id)) {
                continue; // the same key listed twice, or the current key also listed as former
            }
            keyset.addEntry(KeysetHandle.importKey(aesGcmKey(former, id)).withFixedId(id));
        }
        Aead aead = keyset.build().getPrimitive(RegistryConfiguration.get(), Aead.class);
        return new MasterKeyRing(aead, primaryId, ids, currentKey.clone());
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        return aead.encrypt(plaintext, associatedData);
    }

    /** Fails unless some key of the ring made this ciphertext for exactly this associated data. */
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    public int primaryKeyId() {
        return primaryKeyId;
    }

    public Set<Integer> keyIds() {
        return keyIds;
    }

    /** The id of the key that made a ciphertext, read from Tink's output prefix. */
    public static int keyIdOf(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < TINK_PREFIX_BYTES || ciphertext[0] != 0x01) {
            throw new IllegalArgumentException("not a Tink ciphertext");
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    /**
     * A secret for another purpose (e.g. signing login tokens), derived from the current key with
     * HKDF-SHA256 so that the operator has one secret to keep, and the purposes never share bytes.
     */
    public byte[] deriveSecret(String purpose, int length) throws GeneralSecurityException {
        return Hkdf.computeHkdf("HMACSHA256", primaryKeyMaterial,
                "byom-lab".getBytes(StandardCharsets.UTF_8), purpose.getBytes(StandardCharsets.UTF_8), length);
    }

    private static AesGcmKey aesGcmKey(byte[] material, int id) throws GeneralSecurityException {
        if (material.length != KEY_BYTES) {
            throw new GeneralSecurityException("an AES-256 key must be 32 bytes");
        }
        AesGcmParameters parameters = AesGcmParameters.builder()
                .setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.TINK).build();
        return AesGcmKey.builder().setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get()))
                .setIdRequirement(id).build();
    }

    /** Key id = the first 4 bytes of SHA-256("byom-lab key id" || key), never 0 (Tink reserves it). */
    static int keyIdOfMaterial(byte[] material) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("byom-lab key id".getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha.digest(material);
        int id = ByteBuffer.wrap(Arrays.copyOf(digest, 4)).getInt();
        return id == 0 ? 1 : id;
    }

    @Override
    public String toString() {
        return "MasterKeyRing[primaryKeyId=" + Integer.toUnsignedString(primaryKeyId) + ", keys=" + keyIds.size() + "]";
    }
}
