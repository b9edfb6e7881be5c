package com.byomlab.vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** History of key-rotation runs (table key_rotation_runs), shared by every instance. */
@Repository
class RotationRuns {

    /** A run whose heartbeat is older than this, without a finish, was cut short. */
    static final Duration SILENCE_OF_AN_INTERRUPTED_RUN = Duration.ofMinutes(2);

    record Run(UUID id, String startedBy, long targetKeyId, Instant startedAt, Instant heartbeatAt,
               Instant finishedAt, long reencrypted, long unreadable, Long remaining) {

        String state(Instant now) {
            if (finishedAt != null) {
                return "finished";
            }
            return heartbeatAt.plus(SILENCE_OF_AN_INTERRUPTED_RUN).isBefore(now) ? "interrupted" : "in_progress";
        }
    }

    private final JdbcClient jdbc;

    RotationRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID start(String startedBy, long targetKeyId) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO key_rotation_runs (id, started_by, target_key_id, started_at, heartbeat_at, reencrypted, unreadable)
                VALUES (?, ?, ?, ?, ?, 0, 0)""")
                .params(id, startedBy, targetKeyId, now, now).update();
        return id;
    }

    void heartbeat(UUID id, long reencrypted, long unreadable) {
        jdbc.sql("UPDATE key_rotation_runs SET heartbeat_at = ?, reencrypted = ?, unreadable = ? WHERE id = ?")
                .params(now(), reencrypted, unreadable, id).update();
    }

    void finish(UUID id, long reencrypted, long unreadable, long remaining) {
        OffsetDateTime now = now();
        jdbc.sql("""
                UPDATE key_rotation_runs SET heartbeat_at = ?, finished_at = ?, reencrypted = ?, unreadable = ?,
                       remaining = ?
                WHERE id = ?""")
                .params(now, now, reencrypted, unreadable, remaining, id).update();
    }

    Optional<Run> latest() {
        return jdbc.sql("""
                SELECT id, started_by, target_key_id, started_at, heartbeat_at, finished_at, reencrypted, unreadable,
                       remaining
                FROM key_rotation_runs ORDER BY started_at DESC, id DESC LIMIT 1""")
                .query(RotationRuns::map).optional();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static Run map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        long remaining = rs.getLong("remaining");
        Long remainingOrNull = rs.wasNull() ? null : remaining;
        return new Run(rs.getObject("id", UUID.class), rs.getString("started_by"), rs.getLong("target_key_id"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), rs.getLong("reencrypted"), rs.getLong("unreadable"),
                remainingOrNull);
    }
}
