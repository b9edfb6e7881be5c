package com.byomlab.vault.rotation;

import com.byomlab.keyring.MasterKeyRing;
import com.byomlab.vault.CredentialSealing;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Credentials written straight into the database the way the vault writes them (Tink ciphertext bound
 * to owner and row, key id beside it), and read back for the checks. Also two accounts with passwords,
 * one of them to be made an administrator.
 */
final class StoredKeys {

    static final String ADMIN_EMAIL = "admin@keyrot.test";
    static final String USER_EMAIL = "user@keyrot.test";
    static final String PASSWORD = "rotation-test-password";

    record Row(UUID id, UUID userId, byte[] ciphertext, long keyId) {
    }

    private StoredKeys() {
    }

    static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static String base64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    static MasterKeyRing ringOf(byte[] current, byte[]... former) throws GeneralSecurityException {
        return MasterKeyRing.of(current, List.of(former));
    }

    static long idOf(byte[] key) throws GeneralSecurityException {
        return Integer.toUnsignedLong(ringOf(key).primaryKeyId());
    }

    /** Seeds {@code count} credentials, ten per user, under {@code key}; returns credential id → plaintext. */
    static Map<UUID, String> seed(RotationDatabase db, int count, byte[] key) throws Exception {
        MasterKeyRing ring = ringOf(key);
        Map<UUID, String> plaintexts = new LinkedHashMap<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
        try (Connection c = db.connect();
             PreparedStatement users = c.prepareStatement("INSERT INTO users (id, email, password_hash, full_name, "
                     + "role, created_at) VALUES (?, ?, ?, ?, 'USER', ?)");
             PreparedStatement credentials = c.prepareStatement("""
                     INSERT INTO user_llm_credentials (id, user_id, provider, label, encrypted_api_key, encryption_key_id,
                         api_key_masked, is_default, is_active, created_at, updated_at)
                     VALUES (?, ?, 'openai', ?, ?, ?, ?, ?, TRUE, ?, ?)""")) {
            c.setAutoCommit(false);
            UUID owner = null;
            for (int i = 0; i < count; i++) {
                boolean firstOfUser = i % 10 == 0;
                if (firstOfUser) {
                    owner = UUID.randomUUID();
                    String email = i == 0 ? ADMIN_EMAIL : i == 10 ? USER_EMAIL : "owner" + i + "@keyrot.test";
                    users.setObject(1, owner);
                    users.setString(2, email);
                    users.setString(3, hash);
                    users.setString(4, "Owner " + i);
                    users.setObject(5, now);
                    users.executeUpdate();
                }
                UUID id = UUID.randomUUID();
                String plaintext = "sk-proj-rotation-" + i + "-" + UUID.randomUUID();
                byte[] ciphertext = ring.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                        CredentialSealing.associatedData(owner, id));
                credentials.setObject(1, id);
                credentials.setObject(2, owner);
                credentials.setString(3, "key " + i);
                credentials.setBytes(4, ciphertext);
                credentials.setLong(5, Integer.toUnsignedLong(MasterKeyRing.keyIdOf(ciphertext)));
                credentials.setString(6, "sk-...****");
                credentials.setObject(7, firstOfUser ? Boolean.TRUE : null);
                credentials.setObject(8, now);
                credentials.setObject(9, now);
                credentials.addBatch();
                plaintexts.put(id, plaintext);
            }
            credentials.executeBatch();
            c.commit();
        }
        return plaintexts;
    }

    static List<Row> rows(RotationDatabase db) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, user_id, encrypted_api_key, encryption_key_id "
                     + "FROM user_llm_credentials ORDER BY id")) {
            while (rs.next()) {
                rows.add(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3),
                        rs.getLong(4)));
            }
        }
        return rows;
    }

    static long countUnderKey(RotationDatabase db, long keyId) throws SQLException {
        return rows(db).stream().filter(r -> r.keyId() == keyId).count();
    }

    static String open(MasterKeyRing ring, Row row) throws GeneralSecurityException {
        return new String(ring.decrypt(row.ciphertext(), CredentialSealing.associatedData(row.userId(), row.id())),
                StandardCharsets.UTF_8);
    }

    /** Overwrites one credential's ciphertext (and key id) as given. */
    static void replace(RotationDatabase db, UUID id, byte[] ciphertext, long keyId) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE user_llm_credentials SET encrypted_api_key = ?, encryption_key_id = ? WHERE id = ?")) {
            s.setBytes(1, ciphertext);
            s.setLong(2, keyId);
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    /** Audit entries written by the rotation: operation → how many. */
    static Map<String, Long> rotationAudit(RotationDatabase db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT operation, COUNT(*) FROM audit_events "
                     + "WHERE operation LIKE 'key_rotation.%' GROUP BY operation")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static long unfinishedRuns(RotationDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM key_rotation_runs WHERE finished_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
