package com.byomlab.database;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What drops the kept rows: any statement that may change their tables, once it ran and once its transaction ended,
 * so that a row read in between (still the old one) is not served after the commit; reads and other tables' writes
 * (every call's usage and audit rows) do not.
 */
class WriteWatchTest {

    WatchedDataSource db;
    CachedRows<String, String> names;
    final AtomicInteger reads = new AtomicInteger();
    Function<String, String> read;

    @BeforeEach
    void database() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:watch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db = new WatchedDataSource(h2);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id VARCHAR(10) PRIMARY KEY, full_name VARCHAR(50))");
            s.execute("CREATE TABLE llm_usage (id INT)");
            s.execute("INSERT INTO users VALUES ('a', 'old')");
        }
        names = new RowCache(db).rows(100);
        read = id -> {
            reads.incrementAndGet();
            try (Connection c = db.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT full_name FROM users WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void aWatchedPoolTurnsTheCacheOnAndReadsAreKept() {
        assertThat(new RowCache(db).on()).isTrue();
        assertThat(new RowCache(new JdbcDataSource()).on()).isFalse();
        assertThat(names.get("a", read)).isEqualTo("old");
        assertThat(names.get("a", read)).isEqualTo("old");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRowReadWhileAChangeIsUncommittedIsNotServedAfterTheCommit() throws SQLException {
        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement("UPDATE users SET full_name = 'new' WHERE id = 'a'")) {
                s.executeUpdate();
            }
            assertThat(names.get("a", read)).isEqualTo("old"); // read before the commit
            writer.commit();
            assertThat(names.get("a", read)).isEqualTo("new");
        }
        assertThat(names.get("a", read)).isEqualTo("new");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aTransactionReadsItsOwnRowsAndKeepsNone() {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        Function<String, String> readInTransaction = id -> {
            reads.incrementAndGet();
            return jdbc.queryForObject("SELECT full_name FROM users WHERE id = ?", String.class, id);
        };
        assertThat(names.get("a", read)).isEqualTo("old");
        new TransactionTemplate(new DataSourceTransactionManager(db)).executeWithoutResult(status -> {
            jdbc.update("UPDATE users SET full_name = 'uncommitted' WHERE id = 'a'");
            assertThat(names.get("a", readInTransaction)).isEqualTo("uncommitted");
            assertThat(names.get("a", readInTransaction)).isEqualTo("uncommitted");
            status.setRollbackOnly();
        });
        assertThat(names.get("a", read)).isEqualTo("old");
        assertThat(names.get("a", read)).isEqualTo("old");
        assertThat(reads).hasValue(4);
    }

    @Test
    void aRolledBackChangeDropsTheRowsToo() throws SQLException {
        assertThat(names.get("a", read)).isEqualTo("old");
        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement("DELETE FROM users WHERE id = 'a'")) {
                s.executeUpdate();
            }
            writer.rollback();
        }
        assertThat(names.get("a", read)).isEqualTo("old");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aPlainStatementThatWritesCountsAndOneThatReadsDoesNot() throws SQLException {
        assertThat(names.get("a", read)).isEqualTo("old");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM users").close();
            assertThat(names.get("a", read)).isEqualTo("old");
            assertThat(reads).hasValue(1);
            s.executeUpdate("UPDATE users SET full_name = 'plain' WHERE id = 'a'");
        }
        assertThat(names.get("a", read)).isEqualTo("plain");
    }

    @Test
    void writesToOtherTablesKeepTheRows() throws SQLException {
        assertThat(names.get("a", read)).isEqualTo("old");
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO llm_usage (id) VALUES (1)")) {
            s.executeUpdate();
        }
        assertThat(names.get("a", read)).isEqualTo("old");
        assertThat(reads).hasValue(1);
    }

    @Test
    void onlyPlainReadsAndOtherTablesWritesAreLeftOut() {
        assertThat(WriteWatch.mayChange("SELECT * FROM users WHERE id = ?")).isFalse();
        assertThat(WriteWatch.mayChange("  select id from user_budgets")).isFalse();
        assertThat(WriteWatch.mayChange("INSERT INTO llm_usage (user_id) VALUES (?)")).isFalse();
        assertThat(WriteWatch.mayChange("UPDATE agent_sessions SET status = ?")).isFalse();

        assertThat(WriteWatch.mayChange("DELETE FROM Users WHERE id = ?")).isTrue();
        assertThat(WriteWatch.mayChange("UPDATE user_llm_credentials SET last_used_at = ?")).isTrue();
        assertThat(WriteWatch.mayChange("update PERSONAL_ACCESS_TOKENS set revoked_at = ?")).isTrue();
        assertThat(WriteWatch.mayChange("MERGE INTO user_budgets KEY (user_id) VALUES (?)")).isTrue();
        assertThat(WriteWatch.mayChange("INSERT INTO llm_fallback_orders VALUES (?)")).isTrue();
        assertThat(WriteWatch.mayChange("INSERT INTO gone_access_tokens SELECT token_hash FROM "
                + "personal_access_tokens")).isTrue();
        assertThat(WriteWatch.mayChange("TRUNCATE TABLE llm_usage")).isTrue();      // not a plain write: counted
        assertThat(WriteWatch.mayChange("DROP ALL OBJECTS")).isTrue();
        assertThat(WriteWatch.mayChange("SELECT 1; DELETE FROM llm_usage")).isTrue();
        assertThat(WriteWatch.mayChange("/* x */ SELECT 1")).isTrue();
        assertThat(WriteWatch.mayChange(null)).isTrue();
    }

    @Test
    void theEmbeddedH2IsTheOnlyDatabaseCachedByDefault() {
        assertThat(ReadCacheBackend.embeddedH2("jdbc:h2:file:./data/byom;MODE=PostgreSQL")).isTrue();
        assertThat(ReadCacheBackend.embeddedH2("jdbc:h2:mem:byom;DB_CLOSE_DELAY=-1")).isTrue();
        assertThat(ReadCacheBackend.embeddedH2("jdbc:h2:tcp://db:9092/byom")).isFalse();
        assertThat(ReadCacheBackend.embeddedH2("jdbc:h2:file:./data/byom;AUTO_SERVER=TRUE")).isFalse();
        assertThat(ReadCacheBackend.embeddedH2("jdbc:postgresql://db:5432/byom")).isFalse();
    }
}
