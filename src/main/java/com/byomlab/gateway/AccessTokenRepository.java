package com.byomlab.gateway;

import com.byomlab.database.CachedRows;
import com.byomlab.database.RowCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** personal_access_tokens. Every query of a user's tokens is scoped by the owner's id; lookup by hash only. */
@Repository
class AccessTokenRepository {

    private static final String COLUMNS = "id, user_id, name, token_last4, credential_id, created_at, expires_at, "
            + "last_used_at, revoked_at";

    private final JdbcClient jdbc;
    /** Live rows by hash (an unknown hash is not kept): read on every gateway request. */
    private final CachedRows<String, Optional<AccessToken>> byHash;
    private final Function<String, Optional<AccessToken>> readByHash = this::readByHash;

    AccessTokenRepository(JdbcClient jdbc, RowCache cache) {
        this.jdbc = jdbc;
        this.byHash = cache.rows(10_000);
    }

    void insert(AccessToken t, String hash) {
        jdbc.sql("""
                INSERT INTO personal_access_tokens (id, user_id, name, token_hash, token_last4, credential_id,
                                                    created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.userId(), t.name(), hash, t.last4(), t.credentialId(), utc(t.createdAt()),
                        utc(t.expiresAt()))
                .update();
    }

    Optional<AccessToken> findByHash(String hash) {
        return byHash.get(hash, readByHash, Optional::isPresent);
    }

    private Optional<AccessToken> readByHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM personal_access_tokens WHERE token_hash = ?").param(hash)
                .query(AccessTokenRepository::map).optional();
    }

    /** The owner's tokens that are not revoked, newest first (expired ones included: they show as expired). */
    List<AccessToken> listActive(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM personal_access_tokens WHERE user_id = ? AND revoked_at IS NULL "
                + "ORDER BY created_at DESC, id").param(userId).query(AccessTokenRepository::map).list();
    }

    int countActive(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM personal_access_tokens WHERE user_id = ? AND revoked_at IS NULL")
                .param(userId).query(Integer.class).single();
    }

    Optional<AccessToken> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM personal_access_tokens WHERE user_id = ? AND id = ?")
                .params(userId, id).query(AccessTokenRepository::map).optional();
    }

    boolean revoke(UUID userId, UUID id, Instant at) {
        return jdbc.sql("UPDATE personal_access_tokens SET revoked_at = ? WHERE user_id = ? AND id = ? "
                + "AND revoked_at IS NULL").params(utc(at), userId, id).update() == 1;
    }

    /**
     * Keeps the hashes of the account's tokens in gone_access_tokens before its rows are deleted with it, and drops
     * those kept since before {@code keepSince}.
     */
    void rememberGone(UUID userId, Instant now, Instant keepSince) {
        jdbc.sql("DELETE FROM gone_access_tokens WHERE gone_at < ?").param(utc(keepSince)).update();
        jdbc.sql("INSERT INTO gone_access_tokens (token_hash, gone_at) SELECT token_hash, ? FROM personal_access_tokens "
                + "WHERE user_id = ?").params(utc(now), userId).update();
    }

    /** Whether a token with this hash belonged to an account that was deleted (within the kept 90 days). */
    boolean isGone(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM gone_access_tokens WHERE token_hash = ?").param(hash)
                .query(Integer.class).single() > 0;
    }

    void markUsed(UUID id, Instant at) {
        jdbc.sql("UPDATE personal_access_tokens SET last_used_at = ? WHERE id = ?").params(utc(at), id).update();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A row of {@link #COLUMNS}, read by position: by name, H2 builds a map of the columns' names per result set. */
    private static AccessToken map(ResultSet rs, int row) throws SQLException {
        return new AccessToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getObject(5, UUID.class), instant(rs, 6), instant(rs, 7), instant(rs, 8),
                instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
