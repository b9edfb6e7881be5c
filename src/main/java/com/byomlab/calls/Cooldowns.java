package com.byomlab.calls;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Credentials cooling down after a failure, kept in the database (table credential_cooldowns) so that every
 * instance skips them alike. A failure in a row doubles the wait (30 s, 1 min, 2 min, ... up to 10 min by default);
 * a success clears it; a failure long after the last cooldown ended (more than the cap) starts again from the first
 * step. Only calls that have a fallback order read or write these rows: without one nothing changes.
 */
@Service
public class Cooldowns {

    private static final String COLUMNS = "credential_id, failures, reason, failed_at, cooling_until";

    private final JdbcClient jdbc;
    private final FallbackSettings.Backoff policy;

    Cooldowns(JdbcClient jdbc, FallbackSettings settings) {
        this.jdbc = jdbc;
        this.policy = settings.cooldown();
    }

    /** The rows of these credentials, ended cooldowns included (a success clears them). */
    Map<UUID, Cooldown> of(Collection<UUID> credentialIds) {
        if (credentialIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM credential_cooldowns WHERE credential_id IN (:ids)")
                .param("ids", List.copyOf(credentialIds)).query(Cooldowns::map).list().stream()
                .collect(Collectors.toMap(Cooldown::credentialId, Function.identity()));
    }

    /** The owner's credentials that are cooling down now. */
    public List<Cooldown> activeFor(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credential_cooldowns WHERE user_id = ? AND cooling_until > ? "
                        + "ORDER BY cooling_until").params(userId, utc(Instant.now()))
                .query(Cooldowns::map).list();
    }

    /**
     * Records a failure: the credential is skipped until the returned cooldown ends, which is the policy's wait for
     * this many failures in a row, or the provider's own Retry-After if that is longer (up to the cap).
     */
    Cooldown failed(UUID userId, UUID credentialId, String reason, Duration retryAfter, Instant now) {
        Optional<Cooldown> before = Optional.ofNullable(of(List.of(credentialId)).get(credentialId));
        int failures = before.filter(b -> now.isBefore(b.until().plus(policy.max()))).map(b -> b.failures() + 1)
                .orElse(1);
        Duration wait = policy.after(failures);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(policy.max()) > 0 ? policy.max() : retryAfter;
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Cooldown next = new Cooldown(credentialId, failures, reason, at, at.plus(wait));
        // two instances may count the same streak at once; the longer wait of the two is no harm
        if (before.isEmpty()) {
            try {
                jdbc.sql("INSERT INTO credential_cooldowns (credential_id, user_id, failures, reason, failed_at, "
                                + "cooling_until) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(credentialId, userId, failures, reason, utc(at), utc(next.until())).update();
                return next;
            } catch (DuplicateKeyException another) {
                // another instance wrote it first: update it below
            }
        }
        jdbc.sql("UPDATE credential_cooldowns SET failures = ?, reason = ?, failed_at = ?, cooling_until = ? "
                        + "WHERE credential_id = ?")
                .params(failures, reason, utc(at), utc(next.until()), credentialId).update();
        return next;
    }

    /** The credential answered: its streak ends. */
    void cleared(UUID credentialId) {
        jdbc.sql("DELETE FROM credential_cooldowns WHERE credential_id = ?").param(credentialId).update();
    }

    private static Cooldown map(ResultSet rs, int row) throws SQLException {
        return new Cooldown(rs.getObject("credential_id", UUID.class), rs.getInt("failures"), rs.getString("reason"),
                rs.getObject("failed_at", OffsetDateTime.class).toInstant(),
                rs.getObject("cooling_until", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
