package com.byomlab.vault;

import com.byomlab.llm.Provider;
import com.byomlab.database.CachedRows;
import com.byomlab.database.RowCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/** Every query is scoped by owner: a credential id alone never finds a row. */
@Repository
class CredentialRepository {

    private static final String COLUMNS = """
            id, user_id, provider, model_name, label, encrypted_api_key, encryption_key_id, api_key_masked,
            base_url, api_version, is_default, is_active, created_at, updated_at, last_used_at, last_validated_at,
            region""";

    private final JdbcClient jdbc;
    /** Active rows as stored (the key encrypted), and each user's default: read on every LLM call. */
    private final CachedRows<Owned, Optional<StoredCredential>> active;
    private final CachedRows<UUID, Optional<StoredCredential>> defaults;
    private final Function<Owned, Optional<StoredCredential>> readActive = this::readActive;
    private final Function<UUID, Optional<StoredCredential>> readDefault = this::readDefault;

    private record Owned(UUID userId, UUID id) {
    }

    CredentialRepository(JdbcClient jdbc, RowCache cache) {
        this.jdbc = jdbc;
        this.active = cache.rows(10_000);
        this.defaults = cache.rows(10_000);
    }

    void insert(StoredCredential c) {
        jdbc.sql("INSERT INTO user_llm_credentials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.userId(), c.provider().id(), c.modelName(), c.label(), c.encryptedApiKey(),
                        c.encryptionKeyId(), c.apiKeyMasked(), c.baseUrl(), c.apiVersion(),
                        c.isDefault() ? Boolean.TRUE : null, c.isActive(), utc(c.createdAt()), utc(c.updatedAt()),
                        utc(c.lastUsedAt()), utc(c.lastValidatedAt()), c.region())
                .update();
    }

    Optional<StoredCredential> findActive(UUID userId, UUID id) {
        return active.get(new Owned(userId, id), readActive, Optional::isPresent);
    }

    private Optional<StoredCredential> readActive(Owned key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_llm_credentials WHERE id = ? AND user_id = ? AND is_active")
                .params(key.id(), key.userId()).query(CredentialRepository::map).optional();
    }

    List<StoredCredential> listActive(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_llm_credentials WHERE user_id = ? AND is_active "
                        + "ORDER BY created_at, id")
                .param(userId).query(CredentialRepository::map).list();
    }

    Optional<StoredCredential> findDefault(UUID userId) {
        return defaults.get(userId, readDefault, Optional::isPresent);
    }

    private Optional<StoredCredential> readDefault(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_llm_credentials WHERE user_id = ? AND is_default")
                .param(userId).query(CredentialRepository::map).optional();
    }

    void clearDefault(UUID userId) {
        jdbc.sql("UPDATE user_llm_credentials SET is_default = NULL WHERE user_id = ? AND is_default")
                .param(userId).update();
    }

    boolean makeDefault(UUID userId, UUID id, Instant now) {
        return jdbc.sql("UPDATE user_llm_credentials SET is_default = TRUE, updated_at = ? "
                        + "WHERE id = ? AND user_id = ? AND is_active")
                .params(utc(now), id, userId).update() == 1;
    }

    /** The newest active credential, to become default when the default one is deleted. */
    Optional<UUID> newestActive(UUID userId) {
        return jdbc.sql("SELECT id FROM user_llm_credentials WHERE user_id = ? AND is_active "
                        + "ORDER BY created_at DESC, id DESC LIMIT 1")
                .param(userId).query(UUID.class).optional();
    }

    void updateDetails(UUID userId, UUID id, String modelName, String label, String baseUrl, String apiVersion,
                       String region, Instant now) {
        jdbc.sql("""
                UPDATE user_llm_credentials SET model_name = ?, label = ?, base_url = ?, api_version = ?, region = ?,
                       updated_at = ?
                WHERE id = ? AND user_id = ? AND is_active""")
                .params(modelName, label, baseUrl, apiVersion, region, utc(now), id, userId).update();
    }

    void replaceKey(UUID userId, UUID id, byte[] ciphertext, long keyId, String masked, Instant now) {
        jdbc.sql("""
                UPDATE user_llm_credentials SET encrypted_api_key = ?, encryption_key_id = ?, api_key_masked = ?,
                       last_validated_at = ?, updated_at = ?
                WHERE id = ? AND user_id = ? AND is_active""")
                .params(ciphertext, keyId, masked, utc(now), utc(now), id, userId).update();
    }

    void markValidated(UUID userId, UUID id, Instant now) {
        jdbc.sql("UPDATE user_llm_credentials SET last_validated_at = ? WHERE id = ? AND user_id = ?")
                .params(utc(now), id, userId).update();
    }

    void markUsed(UUID userId, UUID id, Instant now) {
        jdbc.sql("UPDATE user_llm_credentials SET last_used_at = ? WHERE id = ? AND user_id = ?")
                .params(utc(now), id, userId).update();
    }

    /** Soft delete that destroys the ciphertext: the history row stays, the key is gone. */
    boolean softDelete(UUID userId, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE user_llm_credentials SET is_active = FALSE, is_default = NULL, encrypted_api_key = NULL,
                       encryption_key_id = NULL, updated_at = ?
                WHERE id = ? AND user_id = ? AND is_active""")
                .params(utc(now), id, userId).update() == 1;
    }

    /** Incident response: soft-deletes every active credential of the user, destroying each ciphertext. */
    List<UUID> revokeAll(UUID userId, Instant now) {
        List<UUID> ids = jdbc.sql("SELECT id FROM user_llm_credentials WHERE user_id = ? AND is_active")
                .param(userId).query(UUID.class).list();
        jdbc.sql("""
                UPDATE user_llm_credentials SET is_active = FALSE, is_default = NULL, encrypted_api_key = NULL,
                       encryption_key_id = NULL, updated_at = ?
                WHERE user_id = ? AND is_active""")
                .params(utc(now), userId).update();
        return ids;
    }

    int purgeAll(UUID userId) {
        return jdbc.sql("DELETE FROM user_llm_credentials WHERE user_id = ?").param(userId).update();
    }

    // --- master-key rotation (KeyRotation) ---

    /** Active credentials whose key id is not {@code keyId}, in id order after {@code after} (null: from the start). */
    List<StoredCredential> activeNotUnderKey(long keyId, UUID after, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM user_llm_credentials WHERE is_active AND encryption_key_id <> ? "
                + (after == null ? "" : "AND id > ? ") + "ORDER BY id LIMIT ?";
        var query = jdbc.sql(sql).param(keyId);
        if (after != null) {
            query = query.param(after);
        }
        return query.param(limit).query(CredentialRepository::map).list();
    }

    /**
     * Compare-and-set of a ciphertext: replaces it only if the row still holds exactly the value that
     * was read, so a user's concurrent change (or another instance's rotation) is never overwritten.
     */
    boolean swapCiphertext(UUID userId, UUID id, byte[] expected, long expectedKeyId, byte[] replacement,
                           long replacementKeyId) {
        return jdbc.sql("""
                UPDATE user_llm_credentials SET encrypted_api_key = ?, encryption_key_id = ?
                WHERE id = ? AND user_id = ? AND is_active AND encryption_key_id = ? AND encrypted_api_key = ?""")
                .params(replacement, replacementKeyId, id, userId, expectedKeyId, expected).update() == 1;
    }

    /** How many active credentials each key id holds. */
    Map<Long, Long> activeCountsByKeyId() {
        Map<Long, Long> counts = new TreeMap<>();
        jdbc.sql("SELECT encryption_key_id, COUNT(*) AS n FROM user_llm_credentials WHERE is_active "
                        + "GROUP BY encryption_key_id")
                .query(rs -> {
                    counts.put(rs.getLong("encryption_key_id"), rs.getLong("n"));
                });
        return counts;
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * A row of {@link #COLUMNS}, read by position: H2 builds a map of every column's names for each result set
     * the first time a column is asked for by name (about 4 KB per credential read, on every LLM call).
     */
    private static StoredCredential map(ResultSet rs, int row) throws SQLException {
        long keyId = rs.getLong(7);
        Long encryptionKeyId = rs.wasNull() ? null : keyId;
        return new StoredCredential(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                Provider.fromId(rs.getString(3)).orElseThrow(), rs.getString(4), rs.getString(5), rs.getBytes(6),
                encryptionKeyId, rs.getString(8), rs.getString(9), rs.getString(10), rs.getBoolean(11),
                rs.getBoolean(12), instant(rs, 13), instant(rs, 14), instant(rs, 15), instant(rs, 16),
                rs.getString(17));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
