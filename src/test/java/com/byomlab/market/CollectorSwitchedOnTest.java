package com.byomlab.market;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.FakeBinance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with {@code byom.market.source=binance}: once it is up, the collector backfills its coin from the
 * (fake) exchange by itself, the coin says where its prices come from, and administrators (only they) see the
 * source, coins, coverage, last run and errors.
 */
class CollectorSwitchedOnTest extends ApiIntegrationTest {

    static final FakeBinance BINANCE = FakeBinance.start();
    static final String COIN = CollectorFixture.freshCoin();

    @DynamicPropertySource
    static void collector(DynamicPropertyRegistry registry) {
        BINANCE.list(COIN + "USDT", LocalDate.of(2015, 1, 1)).today(LocalDate.now(ZoneOffset.UTC));
        registry.add("byom.market.source", () -> "binance");
        registry.add("byom.market.binance.base-url", BINANCE::baseUrl);
        registry.add("byom.market.coins", () -> COIN + ",NOSUCH");
        registry.add("byom.market.history-days", () -> "40");
    }

    @Test
    void theCollectorRunsByItselfAndAdministratorsSeeWhatItDid() throws Exception {
        for (int i = 0; i < 400 && finishedRuns() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(finishedRuns()).as("a finished collector run").isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM price_bars WHERE symbol = ?", Integer.class, COIN))
                .isEqualTo(40);

        String user = api.newUser();
        JsonNode coins = api.get("/api/v1/market/coins", user).json();
        JsonNode coin = null;
        for (JsonNode c : coins) {
            if (c.path("symbol").asText().equals(COIN)) {
                coin = c;
            }
        }
        assertThat(coin).isNotNull();
        assertThat(coin.path("source").asText()).isEqualTo("Binance spot " + COIN + "USDT daily klines (UTC days)");
        assertThat(coin.path("last_date").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());

        Response refused = api.get("/api/v1/admin/market", user);
        assertThat(refused.status()).isEqualTo(403);

        String admin = api.newUser();
        String email = api.get("/api/v1/users/me", admin).text("email");
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", email);
        admin = api.login(email, "correct-horse-9");
        Response r = api.get("/api/v1/admin/market", admin);
        assertThat(r.status()).isEqualTo(200);
        JsonNode status = r.json();
        assertThat(status.path("enabled").asBoolean()).isTrue();
        assertThat(status.path("source").asText()).isEqualTo("binance");
        assertThat(status.path("base_url").asText()).isEqualTo(BINANCE.baseUrl());
        assertThat(status.path("coins").toString()).isEqualTo("[\"" + COIN + "\",\"NOSUCH\"]");
        assertThat(status.path("last_run").path("outcome").asText()).isNotEmpty();
        String instance = status.path("this_instance").path("id").asText();
        assertThat(instance).isNotEmpty();
        JsonNode row = find(status.path("coverage"), COIN);
        assertThat(row.path("collected").asBoolean()).isTrue();
        assertThat(row.path("pair").asText()).isEqualTo(COIN + "USDT");
        assertThat(row.path("days").asInt()).isEqualTo(40);
        assertThat(row.path("missing_days").asInt()).isZero();
        assertThat(row.path("sources").get(0).path("source").asText()).isEqualTo("binance:" + COIN + "USDT");
        assertThat(row.path("last_success_at").asText()).isNotEmpty();
        JsonNode unknown = find(status.path("coverage"), "NOSUCH");
        assertThat(unknown.path("last_error").asText()).contains("Binance has no spot pair NOSUCHUSDT");
        // the listing shows the latest runs, which in this shared test database may be other tests' (at test times)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM market_collector_runs WHERE instance = ? AND outcome = "
                + "'partial'", Integer.class, instance)).isEqualTo(1);
    }

    /** Runs of this context's collector that collected the coin (the start-up run, once it is over). */
    private int finishedRuns() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM market_collection WHERE symbol = ? AND last_success_at IS NOT "
                + "NULL", Integer.class, COIN) > 0 && jdbc.queryForObject("SELECT COUNT(*) FROM market_collector_runs "
                + "WHERE message LIKE ? AND finished_at IS NOT NULL", Integer.class, "%" + COIN + "%") > 0 ? 1 : 0;
    }

    private static JsonNode find(JsonNode coverage, String symbol) {
        for (JsonNode c : coverage) {
            if (c.path("symbol").asText().equals(symbol)) {
                return c;
            }
        }
        throw new AssertionError(symbol + " not in " + coverage);
    }
}
