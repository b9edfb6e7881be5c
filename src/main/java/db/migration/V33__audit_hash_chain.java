package db.migration;

import com.byomlab.audit.AuditHash;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The audit log's hash chain (issue 25): each entry keeps the hash of the one before ({@code prev_hash}) and its own
 * ({@code entry_hash}, {@link AuditHash}); {@code audit_chain_head} holds the last entry's id and hash and is the row
 * appends take turns on. The entries already there are chained here, in id order, from the genesis hash, so the
 * whole log verifies from its first entry. A Java migration because the hash (its canonical encoding) is Java's.
 */
public class V33__audit_hash_chain extends BaseJavaMigration {

    private static final int PAGE = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_events ADD COLUMN prev_hash VARCHAR(64)");
            s.execute("ALTER TABLE audit_events ADD COLUMN entry_hash VARCHAR(64)");
            s.execute("""
                    CREATE TABLE audit_chain_head (
                        id        INT PRIMARY KEY,
                        last_id   BIGINT NOT NULL,
                        last_hash VARCHAR(64) NOT NULL,
                        CONSTRAINT ck_audit_chain_head_one_row CHECK (id = 1)
                    )""");
        }
        String prev = AuditHash.GENESIS;
        long lastId = 0;
        try (PreparedStatement page = c.prepareStatement("""
                SELECT id, occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                       client_address, detail
                FROM audit_events WHERE id > ? ORDER BY id LIMIT ?""");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE audit_events SET prev_hash = ?, entry_hash = ? WHERE id = ?")) {
            while (true) {
                page.setLong(1, lastId);
                page.setInt(2, PAGE);
                int read = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        lastId = rs.getLong("id");
                        String hash = AuditHash.of(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                                rs.getObject("user_id", UUID.class), rs.getString("operation"),
                                rs.getString("outcome"), rs.getString("provider"),
                                rs.getObject("credential_id", UUID.class), rs.getObject("session_id", UUID.class),
                                rs.getString("client_address"), rs.getString("detail"), prev);
                        update.setString(1, prev);
                        update.setString(2, hash);
                        update.setLong(3, lastId);
                        update.addBatch();
                        prev = hash;
                    }
                }
                if (read > 0) {
                    update.executeBatch();
                }
                if (read < PAGE) {
                    break;
                }
            }
        }
        try (PreparedStatement head = c.prepareStatement(
                "INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, ?, ?)")) {
            head.setLong(1, lastId);
            head.setString(2, prev);
            head.executeUpdate();
        }
    }
}
