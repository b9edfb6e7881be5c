package com.byomlab.account;

import com.byomlab.database.CachedRows;
import com.byomlab.database.RowCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

@Repository
class UserRepository {

    record StoredUser(UUID id, String email, String passwordHash, String fullName, String role, Instant createdAt) {
        UserAccount account() {
            return new UserAccount(id, email, fullName, role, createdAt);
        }
    }

    private final JdbcClient jdbc;
    /** Accounts that exist (a missing one is not kept): checked on every signed-in request. */
    private final CachedRows<UUID, Boolean> existing;
    private final Function<UUID, Boolean> readExists = this::readExists;
    private static final Predicate<Boolean> EXISTS = Boolean.TRUE::equals;

    UserRepository(JdbcClient jdbc, RowCache cache) {
        this.jdbc = jdbc;
        this.existing = cache.rows(10_000);
    }

    void insert(StoredUser user) {
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, full_name, role, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(user.id(), user.email(), user.passwordHash(), user.fullName(), user.role(),
                        user.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql(SELECT + " WHERE email = ?").param(email).query(UserRepository::map).optional();
    }

    Optional<StoredUser> findById(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(UserRepository::map).optional();
    }

    boolean exists(UUID id) {
        return existing.get(id, readExists, EXISTS);
    }

    private Boolean readExists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE id = ?").param(id).query(Integer.class).single() > 0;
    }

    private static final String SELECT = "SELECT id, email, password_hash, full_name, role, created_at FROM users";

    private static StoredUser map(ResultSet rs, int row) throws SQLException {
        return new StoredUser(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("full_name"), rs.getString("role"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** True when the account exists (and now has the ADMIN role). */
    boolean promoteToAdmin(String email) {
        return jdbc.sql("UPDATE users SET role = 'ADMIN' WHERE email = ?").param(email).update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
    }
}
