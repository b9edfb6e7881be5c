package com.byomlab.keyring;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyRingTest {

    private static final byte[] AD = "user-1/credential-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void ciphertextCarriesTheIdOfTheKeyThatMadeIt() throws Exception {
        MasterKeyRing ring = MasterKeyRing.of(randomKey(), List.of());
        byte[] ct = ring.encrypt(bytes("sk-secret"), AD);

        assertThat(ct[0]).isEqualTo((byte) 0x01);
        assertThat(MasterKeyRing.keyIdOf(ct)).isEqualTo(ring.primaryKeyId());
        assertThat(ct.length).isEqualTo(5 + 12 + "sk-secret".length() + 16);
        assertThat(ring.decrypt(ct, AD)).isEqualTo(bytes("sk-secret"));
    }

    @Test
    void sameKeyGetsSameIdOnEveryStart() throws Exception {
        byte[] key = randomKey();
        assertThat(MasterKeyRing.of(key, List.of()).primaryKeyId()).isEqualTo(MasterKeyRing.of(key, List.of()).primaryKeyId());
        assertThat(MasterKeyRing.of(randomKey(), List.of()).primaryKeyId())
                .isNotEqualTo(MasterKeyRing.of(key, List.of()).primaryKeyId());
    }

    @Test
    void ciphertextDoesNotOpenUnderOtherAssociatedData() throws Exception {
        MasterKeyRing ring = MasterKeyRing.of(randomKey(), List.of());
        byte[] ct = ring.encrypt(bytes("sk-secret"), AD);

        assertThatThrownBy(() -> ring.decrypt(ct, bytes("user-2/credential-1")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void formerKeysStillDecryptButNeverEncrypt() throws Exception {
        byte[] oldKey = randomKey();
        byte[] old = MasterKeyRing.of(oldKey, List.of()).encrypt(bytes("sk-old"), AD);

        MasterKeyRing rotated = MasterKeyRing.of(randomKey(), List.of(oldKey));
        assertThat(rotated.decrypt(old, AD)).isEqualTo(bytes("sk-old"));
        assertThat(MasterKeyRing.keyIdOf(rotated.encrypt(bytes("sk-new"), AD))).isEqualTo(rotated.primaryKeyId())
                .isNotEqualTo(MasterKeyRing.keyIdOf(old));

        MasterKeyRing withoutOld = MasterKeyRing.of(randomKey(), List.of());
        assertThatThrownBy(() -> withoutOld.decrypt(old, AD)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void derivedSecretsDependOnPurposeAndNeverEqualTheKey() throws Exception {
        byte[] key = randomKey();
        MasterKeyRing ring = MasterKeyRing.of(key, List.of());
        assertThat(ring.deriveSecret("a", 32)).isNotEqualTo(ring.deriveSecret("b", 32)).isNotEqualTo(key);
        assertThat(ring.deriveSecret("a", 32)).isEqualTo(MasterKeyRing.of(key, List.of()).deriveSecret("a", 32));
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        byte[] key = randomKey();
        String text = MasterKeyRing.of(key, List.of()).toString();
        assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(key));
        assertThat(text).startsWith("MasterKeyRing[primaryKeyId=");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
