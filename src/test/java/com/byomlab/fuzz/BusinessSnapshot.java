package com.byomlab.fuzz;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The business state a refused request must not change, as text. Scoped to the fuzz test's own users (the in-memory
 * database is shared by every Spring context of the test JVM, and other test classes' leftovers may still be
 * working in it), plus global row counts of the tables only requests create rows in, so that a refused request
 * that creates a row for somebody else is caught too.
 *
 * <p>Left out, on purpose:
 * <ul>
 *   <li>{@code audit_events}: append-only, and records refusals by design (denied token uses, failed checks);</li>
 *   <li>{@code rate_limit_buckets}: a request takes its unit once authenticated and well formed, even when it is
 *       refused afterwards (README, "Rate limits"), and the sweeper deletes rows on its own schedule;</li>
 *   <li>{@code key_rotation_runs} and {@code flyway_schema_history}: written by operator jobs, no endpoint;</li>
 *   <li>the {@code last_used_at} columns of {@code personal_access_tokens} and {@code user_llm_credentials}: "the
 *       token/key was presented", bookkeeping like the audit trail, written by authentication before a body is
 *       judged (a gateway call with a live token and a malformed body still used the token);</li>
 *   <li>{@code user_llm_credentials.last_validated_at}: "the stored key last worked", written by every live use of
 *       the stored key, reads included (its model list over the API, the page or {@code GET /v1/models}). A refused
 *       PATCH cannot hide behind it: a change to the key, model, endpoint or label shows in the other columns.</li>
 * </ul>
 * {@code price_bars} is compared in full at phase boundaries and by per-symbol aggregates per request (full rows
 * per request would cost seconds per thousand requests).
 */
final class BusinessSnapshot {

    private final JdbcTemplate jdbc;
    private final List<UUID> users;

    BusinessSnapshot(JdbcTemplate jdbc, List<UUID> users) {
        this.jdbc = jdbc;
        this.users = List.copyOf(users);
    }

    /** Everything; {@code fullPrices} adds every price bar rather than aggregates. */
    String take(boolean fullPrices) {
        String in = users.stream().map(u -> "'" + u + "'").collect(Collectors.joining(","));
        StringBuilder out = new StringBuilder(8192);
        rows(out, "counts", "SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM user_llm_credentials) AS creds,"
                + " (SELECT COUNT(*) FROM agent_sessions) AS sessions, (SELECT COUNT(*) FROM personal_access_tokens) AS pats,"
                + " (SELECT COUNT(*) FROM user_budgets) AS budgets, (SELECT COUNT(*) FROM coins) AS coins,"
                + " (SELECT COUNT(*) FROM price_bars) AS bars");
        rows(out, "users", "SELECT id, email, password_hash, full_name, role, created_at FROM users WHERE id IN (" + in
                + ") ORDER BY id");
        rows(out, "user_llm_credentials", "SELECT id, user_id, provider, model_name, label, encrypted_api_key, "
                + "encryption_key_id, api_key_masked, base_url, api_version, is_default, is_active, created_at, updated_at "
                + "FROM user_llm_credentials WHERE user_id IN (" + in + ") ORDER BY id");
        rows(out, "agent_sessions", "SELECT * FROM agent_sessions WHERE user_id IN (" + in + ") ORDER BY id");
        rows(out, "agent_steps", "SELECT * FROM agent_steps WHERE session_id IN (SELECT id FROM agent_sessions WHERE user_id IN ("
                + in + ")) ORDER BY session_id, seq");
        rows(out, "llm_usage", "SELECT * FROM llm_usage WHERE user_id IN (" + in + ") ORDER BY id");
        rows(out, "user_budgets", "SELECT * FROM user_budgets WHERE user_id IN (" + in + ") ORDER BY user_id");
        rows(out, "usage_alerts", "SELECT * FROM usage_alerts WHERE user_id IN (" + in + ") ORDER BY id");
        rows(out, "personal_access_tokens", "SELECT id, user_id, name, token_hash, token_last4, credential_id, created_at, "
                + "expires_at, revoked_at FROM personal_access_tokens WHERE user_id IN (" + in + ") ORDER BY id");
        rows(out, "llm_fallback_orders", "SELECT * FROM llm_fallback_orders WHERE user_id IN (" + in
                + ") ORDER BY user_id, scope");
        rows(out, "credential_cooldowns", "SELECT * FROM credential_cooldowns WHERE user_id IN (" + in
                + ") ORDER BY credential_id");
        rows(out, "coins", "SELECT * FROM coins ORDER BY symbol");
        if (fullPrices) {
            rows(out, "price_bars", "SELECT * FROM price_bars ORDER BY symbol, trade_date");
        } else {
            rows(out, "price_bars", "SELECT symbol, COUNT(*) AS n, MIN(trade_date) AS first, MAX(trade_date) AS last, "
                    + "SUM(close_price) AS closes, SUM(open_price + high_price + low_price) AS ohl, SUM(volume) AS volume "
                    + "FROM price_bars GROUP BY symbol ORDER BY symbol");
        }
        return out.toString();
    }

    private void rows(StringBuilder out, String table, String sql) {
        for (Map<String, Object> row : jdbc.queryForList(sql)) {
            out.append(table);
            row.forEach((column, value) -> out.append(' ').append(column).append('=')
                    .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
                            : String.valueOf(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")));
            out.append('\n');
        }
    }

    /** The rows that differ, column by column where a row kept its key, for a failure message. */
    static String diff(String before, String after) {
        List<String> a = List.of(before.split("\n"));
        List<String> b = List.of(after.split("\n"));
        List<String> gone = a.stream().filter(l -> !b.contains(l)).toList();
        List<String> added = b.stream().filter(l -> !a.contains(l)).toList();
        List<String> out = new ArrayList<>();
        for (String g : gone) {
            String key = key(g);
            String same = added.stream().filter(n -> key(n).equals(key)).findFirst().orElse(null);
            if (same == null) {
                out.add("- " + Hostile.clip(g, 400));
                continue;
            }
            List<String> oldCols = List.of(g.split(" "));
            List<String> newCols = List.of(same.split(" "));
            out.add("~ " + key + ": " + oldCols.stream().filter(c -> !newCols.contains(c)).map(c -> Hostile.clip(c, 120))
                    .collect(Collectors.joining(" ")) + "  ->  " + newCols.stream().filter(c -> !oldCols.contains(c))
                    .map(c -> Hostile.clip(c, 120)).collect(Collectors.joining(" ")));
        }
        added.stream().filter(n -> gone.stream().noneMatch(g -> key(g).equals(key(n))))
                .forEach(n -> out.add("+ " + Hostile.clip(n, 400)));
        return String.join("\n", out.subList(0, Math.min(out.size(), 20)));
    }

    private static String key(String line) {
        String[] t = line.split(" ", 3);
        return t.length < 2 ? line : t[0] + " " + t[1];
    }
}
