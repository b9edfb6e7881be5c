package bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.byomlab.usage.Budgets;

/**
 * What a monthly cap costs each LLM call of a heavy user: boots the real service (H2 file database, or
 * {@code --datasource-url=jdbc:postgresql://…} with {@code --datasource-user}), gives one user a monthly cap and
 * {@code --rows} priced calls this month among four times as many of other users, then, {@code --checks} times,
 * records one more call (as every LLM call does, so no database can answer from a result cache) and times the
 * check every call makes first, {@code Budgets.refusal}. For comparison it times, the same way, the query that
 * check ran before 2026-12-07: the sum of the user's month.
 *
 * <pre>java -Dloader.main=bench.MonthlyCapCheck -Dloader.path=CLASSES -cp APP_JAR
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--rows=52000] [--checks=200]</pre>
 */
public final class MonthlyCapCheck {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Bench.options(args);
        int rows = Integer.parseInt(opts.getOrDefault("rows", "52000"));
        int checks = Integer.parseInt(opts.getOrDefault("checks", "200"));
        String url = opts.get("datasource-url");
        try (InProcess service = InProcess.boot(Path.of(opts.getOrDefault("work", "bench/.work")).toAbsolutePath()
                .resolve("run-monthly-cap"), url, opts.get("datasource-user"))) {
            ConfigurableApplicationContext ctx = service.ctx();
            Api api = service.api();
            Api.User user = api.newUser("cap-" + UUID.randomUUID() + "@bench.example", "sk-bench" + "0".repeat(40));
            if (api.put("/api/v1/users/me/budget", user.token(), "{\"monthly_cap_usd\": \"1000000\"}").statusCode() != 200) {
                throw new IllegalStateException("could not set the monthly cap");
            }
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            Instant now = Instant.now();
            Instant monthStart = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            long span = Math.max(1, now.toEpochMilli() - monthStart.toEpochMilli());
            List<UUID> others = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            long t0 = System.nanoTime();
            List<Object[]> batch = new ArrayList<>();
            for (int i = 0; i < rows * 5; i++) {
                UUID owner = i % 5 == 0 ? user.id() : others.get(i % 4);
                batch.add(new Object[] {UUID.randomUUID(),
                        Instant.ofEpochMilli(monthStart.toEpochMilli() + span * i / (rows * 5L)).atOffset(ZoneOffset.UTC),
                        owner, new BigDecimal("0.000150")});
                if (batch.size() == 5_000) {
                    insert(jdbc, batch);
                }
            }
            insert(jdbc, batch);
            Bench.log(String.format(Locale.ROOT, "monthly cap: %,d calls this month, %,d of them the capped user's, in %.1f s",
                    rows * 5, rows, (System.nanoTime() - t0) / 1e9));
            Budgets budgets = ctx.getBean(Budgets.class);
            double[] check = new double[checks];
            double[] sum = new double[checks];
            for (int i = -20; i < checks; i++) { // 20 untimed rounds first: JIT and the first check's sum of the month
                insert(jdbc, new ArrayList<>(List.<Object[]>of(new Object[] {UUID.randomUUID(),
                        Instant.now().atOffset(ZoneOffset.UTC), user.id(), new BigDecimal("0.000150")})));
                long s = System.nanoTime();
                if (budgets.refusal(user.id(), null, BigDecimal.ZERO).isPresent()) {
                    throw new IllegalStateException("refused under a cap of $1,000,000");
                }
                long m = System.nanoTime();
                jdbc.queryForObject("SELECT SUM(cost_usd) FROM llm_usage WHERE user_id = ? AND occurred_at >= ?",
                        BigDecimal.class, user.id(), monthStart.atOffset(ZoneOffset.UTC));
                long e = System.nanoTime();
                if (i >= 0) {
                    check[i] = (m - s) / 1e6;
                    sum[i] = (e - m) / 1e6;
                }
            }
            Stats a = new Stats(check);
            Stats b = new Stats(sum);
            Bench.log(String.format(Locale.ROOT, "monthly cap check on %s, %,d checks: Budgets.refusal p50 %s p99 %s; "
                            + "the month's sum it ran before 2026-12-07: p50 %s p99 %s", url == null ? "h2" : url.split(":")[1], checks,
                    Stats.ms(a.p(50)), Stats.ms(a.p(99)), Stats.ms(b.p(50)), Stats.ms(b.p(99))));
        }
    }

    private static void insert(JdbcTemplate jdbc, List<Object[]> batch) {
        jdbc.batchUpdate("""
                INSERT INTO llm_usage (call_id, occurred_at, user_id, purpose, provider, model, outcome, attempts,
                    input_tokens, output_tokens, usage_reported, latency_ms, cost_usd)
                VALUES (?, ?, ?, 'agent', 'openai', 'gpt-4o-mini', 'ok', 1, 1000, 0, TRUE, 900, ?)""", batch);
        batch.clear();
    }
}
