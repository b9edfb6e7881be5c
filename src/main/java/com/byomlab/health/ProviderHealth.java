package com.byomlab.health;

import com.byomlab.calls.Cooldown;
import com.byomlab.calls.Cooldowns;
import com.byomlab.llm.Provider;
import com.byomlab.usage.UsageMeter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Provider health from the service's own metering: llm_usage rows of the last {@code byom.health.window}, summed per
 * provider over every user (counts and latencies only) and, for one owner, per credential. The providers' figures
 * are reused for {@code byom.health.refresh} on each instance, so pages that show them cost one query per refresh.
 */
@Service
public class ProviderHealth {

    /** Failures that are the provider's, not the key's or the request's. */
    static final List<String> PROVIDER_SIDE = List.of("provider_unavailable", "timeout", "network");
    /** Outcomes that say nothing about the provider: a request it refused as such, a call the caller stopped. */
    static final List<String> NOT_COUNTED = List.of("request_rejected", "interrupted");

    private final JdbcClient jdbc;
    private final HealthSettings settings;
    private final Cooldowns cooldowns;
    private final UsageMeter meter;
    private volatile Snapshot snapshot;

    ProviderHealth(JdbcClient jdbc, HealthSettings settings, Cooldowns cooldowns, UsageMeter meter) {
        this.jdbc = jdbc;
        this.meter = meter;
        this.settings = settings;
        this.cooldowns = cooldowns;
    }

    private record Snapshot(Instant at, List<ProviderStatus> providers) {
    }

    /** Every provider's health, in the order of {@link Provider}. */
    public List<ProviderStatus> providers() {
        Snapshot s = snapshot;
        Instant now = Instant.now();
        if (s == null || !now.isBefore(s.at().plus(settings.refresh()))) {
            s = new Snapshot(now, read(now));
            snapshot = s;
        }
        return s.providers();
    }

    /** The providers that are degraded now. */
    public List<ProviderStatus> degraded() {
        return providers().stream().filter(ProviderStatus::degraded).toList();
    }

    /** The owner's credentials that made calls in the window or are cooling down now. */
    public List<CredentialHealth> credentials(UUID userId) {
        Map<UUID, Cooldown> cooling = cooldowns.activeFor(userId).stream()
                .collect(Collectors.toMap(Cooldown::credentialId, Function.identity()));
        Map<UUID, CredentialHealth> byId = new LinkedHashMap<>();
        meter.flush(); // the owner's last calls count
        jdbc.sql("SELECT credential_id, MAX(provider) AS provider, COUNT(*) AS calls, "
                        + "SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS errors, "
                        + "AVG(CASE WHEN outcome = 'ok' THEN latency_ms END) AS avg_latency "
                        + "FROM llm_usage WHERE user_id = :user AND occurred_at >= :since AND credential_id IS NOT NULL "
                        + "AND outcome NOT IN (:skipped) GROUP BY credential_id")
                .param("user", userId).param("since", since(Instant.now())).param("skipped", NOT_COUNTED)
                .query((rs, n) -> {
                    UUID id = rs.getObject("credential_id", UUID.class);
                    long calls = rs.getLong("calls");
                    long errors = rs.getLong("errors");
                    return new CredentialHealth(id, rs.getString("provider"), calls, errors, rate(errors, calls),
                            latency(rs), CredentialHealth.CooldownView.of(cooling.get(id)));
                }).list().forEach(c -> byId.put(c.credentialId(), c));
        for (Cooldown c : cooling.values()) {
            byId.computeIfAbsent(c.credentialId(), id -> new CredentialHealth(id, null, 0, 0, 0, null,
                    CredentialHealth.CooldownView.of(c)));
        }
        return new ArrayList<>(byId.values());
    }

    public HealthSettings settings() {
        return settings;
    }

    private List<ProviderStatus> read(Instant now) {
        meter.flush(); // calls recorded up to now, whether or not their rows were written yet
        Map<String, ProviderStatus> found = jdbc.sql("SELECT provider, COUNT(*) AS calls, "
                        + "SUM(CASE WHEN outcome IN (:providerSide) THEN 1 ELSE 0 END) AS provider_errors, "
                        + "SUM(CASE WHEN outcome = 'rate_limited' THEN 1 ELSE 0 END) AS rate_limited, "
                        + "AVG(CASE WHEN outcome = 'ok' THEN latency_ms END) AS avg_latency "
                        + "FROM llm_usage WHERE occurred_at >= :since AND outcome NOT IN (:skipped) GROUP BY provider")
                .param("providerSide", PROVIDER_SIDE).param("since", since(now)).param("skipped", NOT_COUNTED)
                .query(this::status).list().stream()
                .collect(Collectors.toMap(ProviderStatus::provider, Function.identity()));
        return Arrays.stream(Provider.values()).map(p -> found.getOrDefault(p.id(), new ProviderStatus(p.id(),
                p.displayName(), 0, 0, 0, 0, null, ProviderStatus.UNKNOWN, null))).toList();
    }

    private ProviderStatus status(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("provider");
        String name = Provider.fromId(id).map(Provider::displayName).orElse(id);
        long calls = rs.getLong("calls");
        long errors = rs.getLong("provider_errors");
        Long latency = latency(rs);
        double rate = rate(errors, calls);
        String minutes = human(settings.window());
        String status = ProviderStatus.OK;
        String reason = null;
        if (calls < settings.minCalls()) {
            status = ProviderStatus.UNKNOWN;
        } else if (rate >= settings.errorRate()) {
            status = ProviderStatus.DEGRADED;
            reason = errors + " of the last " + calls + " calls to " + name + " (" + minutes + ") failed on its side "
                    + "(errors, time-outs, network).";
        } else if (latency != null && latency >= settings.slowLatency().toMillis()) {
            status = ProviderStatus.DEGRADED;
            reason = name + " answered in " + Math.round(latency / 1000.0) + " s on average over the last " + minutes
                    + ".";
        }
        return new ProviderStatus(id, name, calls, errors, rs.getLong("rate_limited"), rate, latency, status, reason);
    }

    private java.time.OffsetDateTime since(Instant now) {
        return now.minus(settings.window()).atOffset(ZoneOffset.UTC);
    }

    private static Long latency(ResultSet rs) throws SQLException {
        double avg = rs.getDouble("avg_latency");
        return rs.wasNull() ? null : Math.round(avg);
    }

    private static double rate(long errors, long calls) {
        return calls == 0 ? 0 : Math.round(errors * 1000.0 / calls) / 1000.0;
    }

    private static String human(java.time.Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
