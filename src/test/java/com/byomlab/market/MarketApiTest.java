package com.byomlab.market;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.byomlab.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketApiTest {

    private static final String HEADER = "date,open,high,low,close,volume\n";
    private static final String IMPORT = "/api/v1/market/prices/import?symbol=";

    @LocalServerPort
    int port;
    @Autowired
    MarketData market;
    @Autowired
    MarketRepository repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    ApiClient api;
    /** An administrator's: only they may import. */
    String token;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        token = api.newAdmin(jdbc);
    }

    /** Each test its own symbol: the database is shared by every test in the run. */
    private static String freshSymbol() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    }

    private Response importCsv(String symbolAndParams, String csv) {
        return api.raw("POST", IMPORT + symbolAndParams, token, "text/csv", csv);
    }

    @Test
    void importThenReadBackThenReplaceSomeDays() {
        String symbol = freshSymbol();
        // the coin list is kept for a few seconds: an import must replace it at once, not after that
        assertThat(api.get("/api/v1/market/coins", token).body()).doesNotContain(symbol);
        Response first = importCsv(symbol.toLowerCase(Locale.ROOT) + "&name=Test%20Coin", HEADER
                + "2026-01-01,10,12,9,11,1000\n"
                + "2026-01-02,11,13,10.5,12.5,2000.25\n"
                + "2026-01-03,12.5,12.5,8,8.75,0\n");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode result = first.json();
        assertThat(result.path("symbol").asText()).isEqualTo(symbol); // upper-cased
        assertThat(result.path("rows_imported").asInt()).isEqualTo(3);
        assertThat(result.path("inserted").asInt()).isEqualTo(3);
        assertThat(result.path("replaced").asInt()).isZero();
        assertThat(result.path("first_date").asText()).isEqualTo("2026-01-01");
        assertThat(result.path("last_date").asText()).isEqualTo("2026-01-03");

        Response prices = api.get("/api/v1/market/prices?symbol=" + symbol + "&from=2026-01-02", token);
        assertThat(prices.status()).isEqualTo(200);
        JsonNode bars = prices.json().path("bars");
        assertThat(bars.size()).isEqualTo(2);
        assertThat(bars.get(0).path("date").asText()).isEqualTo("2026-01-02");
        assertThat(bars.get(0).path("volume").asDouble()).isEqualTo(2000.25);

        Response coins = api.get("/api/v1/market/coins", token);
        JsonNode coin = find(coins.json(), symbol);
        assertThat(coin.path("name").asText()).isEqualTo("Test Coin");
        assertThat(coin.path("days").asInt()).isEqualTo(3);
        assertThat(coin.path("first_date").asText()).isEqualTo("2026-01-01");
        assertThat(coin.path("source").asText()).startsWith("Imported from CSV");

        Response again = importCsv(symbol, HEADER + "2026-01-03,12.5,13,8,9,5\n2026-01-04,9,10,8,9.5,7\n");
        assertThat(find(api.get("/api/v1/market/coins", token).json(), symbol).path("days").asInt()).isEqualTo(4);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("inserted").asInt()).isEqualTo(1);
        assertThat(again.json().path("replaced").asInt()).isEqualTo(1);
        assertThat(market.history(symbol, null, null)).extracting(PriceBar::close).containsExactly(11.0, 12.5, 9.0, 9.5);
    }

    @Test
    void onlyAdministratorsMayImportAndBothTheRefusalAndTheImportAreAudited() {
        List<PriceBar> btcBefore = market.history("BTC", null, null);
        String user = api.newUser();
        String userId = api.get("/api/v1/users/me", user).text("id");

        Response refused = api.raw("POST", IMPORT + "BTC", user, "text/csv", HEADER + "2026-01-01,1,1,1,1,1\n");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("forbidden");
        assertThat(refused.text("detail")).contains("administrators", "byom.admin.emails");
        assertThat(market.history("BTC", null, null)).isEqualTo(btcBefore); // every user's BTC is as it was
        audit.flush(); // entries are written behind the operation (docs/operations.md)
        assertThat(jdbc.queryForList("SELECT outcome || ' ' || detail FROM audit_events WHERE user_id = ? AND "
                + "operation = 'market.import'", String.class, UUID.fromString(userId)))
                .containsExactly("DENIED not an administrator: BTC");

        String symbol = freshSymbol();
        String adminId = api.get("/api/v1/users/me", token).text("id");
        assertThat(importCsv(symbol, HEADER + "2026-01-01,10,12,9,11,1000\n").status()).isEqualTo(200);
        audit.flush();
        assertThat(jdbc.queryForList("SELECT outcome || ' ' || detail FROM audit_events WHERE user_id = ? AND "
                + "operation = 'market.import'", String.class, UUID.fromString(adminId)))
                .containsExactly("SUCCESS " + symbol + ": 1 rows (1 new, 0 replaced)");
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryRowNamed() {
        String symbol = freshSymbol();
        assertThat(importCsv(symbol, HEADER + "2026-01-01,10,12,9,11,1000\n").status()).isEqualTo(200);
        List<PriceBar> before = market.history(symbol, null, null);

        Response r = importCsv(symbol, HEADER
                + "2026-01-01,10,120,9,99,1000\n"    // 2: valid, would change the stored close
                + "2026-01-02,10,12,9,11,1000\n"     // 3: valid, would add a day
                + "2026-13-01,10,12,9,11,1000\n"     // 4: bad date
                + "2026-01-03,10,abc,9,11,1000\n"    // 5: not a number
                + "2026-01-04,10,12,9,11,-1\n"       // 6: negative
                + "2026-01-05,10,8,9,9,1\n"          // 7: high < low
                + "2026-01-02,10,12,9,11,1000\n"     // 8: duplicate of line 3
                + "2026-01-06,10,12\n");             // 9: wrong column count
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo("invalid_csv_rows");
        assertThat(r.text("detail")).contains("nothing was imported");
        assertThat(r.json().path("error_count").asInt()).isEqualTo(6);
        assertThat(r.json().path("errors_truncated").asBoolean()).isFalse();
        JsonNode errors = r.json().path("errors");
        assertThat(errors.size()).isEqualTo(6);
        assertThat(errors.values()).extracting(e -> e.path("line").asInt()).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(errors.get(0).path("column").asText()).isEqualTo("date");
        assertThat(errors.get(1).path("message").asText()).isEqualTo(
                "high is not a number: 'abc' (use digits and a decimal point, no thousands separators)");
        assertThat(errors.get(2).path("message").asText()).isEqualTo("volume must not be negative, got -1");
        assertThat(errors.get(3).path("message").asText()).isEqualTo("high 8 is below low 9");
        assertThat(errors.get(4).path("message").asText()).isEqualTo("duplicate date 2026-01-02 (first on line 3)");
        assertThat(errors.get(5).path("message").asText()).startsWith("expected 6 columns");
        assertThat(errors.get(5).has("column")).isFalse(); // a whole-row problem

        assertThat(market.history(symbol, null, null)).isEqualTo(before); // not even the valid rows
    }

    @Test
    void importIntoASampleCoinSaysTheDataIsNowMixed() {
        String symbol = freshSymbol();
        repository.insertCoinIfAbsent(symbol, "Synth", "SYNTHETIC, not real market prices: test", Instant.now());
        assertThat(importCsv(symbol, HEADER + "2026-01-01,10,12,9,11,1000\n").status()).isEqualTo(200);
        assertThat(importCsv(symbol, HEADER + "2026-01-02,10,12,9,11,1000\n").status()).isEqualTo(200);
        Coin coin = market.listCoins().stream().filter(c -> c.symbol().equals(symbol)).findFirst().orElseThrow();
        assertThat(coin.source()).isEqualTo("SYNTHETIC, not real market prices: test; some rows imported from CSV");
        assertThat(coin.name()).isEqualTo("Synth");
        assertThat(coin.days()).isEqualTo(2);
    }

    @Test
    void badSymbolsAreRefused() {
        for (String bad : List.of("BTC-USD", "%C3%A9", "ABCDEFGHIJKLMNOP", "")) {
            Response r = importCsv(bad, HEADER + "2026-01-01,10,12,9,11,1000\n");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.text("code")).isEqualTo("invalid_symbol");
        }
    }

    @Test
    void fileLevelProblemsAreClear() {
        String symbol = freshSymbol();
        Response noHeader = importCsv(symbol, "2026-01-01,10,12,9,11,1000\n");
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.text("code")).isEqualTo("invalid_csv");
        assertThat(noHeader.text("detail")).contains("date,open,high,low,close,volume");

        Response json = api.raw("POST", IMPORT + symbol, token, "application/json", "{}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.text("code")).isEqualTo("unsupported_media_type");
        assertThat(json.text("detail")).contains("text/csv");

        String row = "2026-01-01,10,12,9,11,1000\n";
        Response big = importCsv(symbol, HEADER + row.repeat(MarketController.MAX_BYTES / row.length() + 1));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.text("code")).isEqualTo("payload_too_large");
        assertThat(big.text("detail")).contains("5 MB");

        assertThat(market.listCoins()).extracting(Coin::symbol).doesNotContain(symbol);
    }

    @Test
    void loginIsRequired() {
        Response r = api.raw("POST", IMPORT + freshSymbol(), null, "text/csv", HEADER + "2026-01-01,10,12,9,11,1\n");
        assertThat(r.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/market/coins", null).status()).isEqualTo(401);
    }

    @Test
    void unknownSymbolIsA404ThatListsTheKnownOnes() {
        Response r = api.get("/api/v1/market/prices?symbol=NOPE", token);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("code")).isEqualTo("unknown_symbol");
        assertThat(r.text("detail")).startsWith("Unknown symbol 'NOPE'. Available symbols: ").contains("BTC");

        Response backwards = api.get("/api/v1/market/prices?symbol=BTC&from=2026-02-01&to=2026-01-01", token);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.text("code")).isEqualTo("invalid_date_range");
    }

    @Test
    void coinsListTheSample() {
        Response r = api.get("/api/v1/market/coins", token);
        assertThat(r.status()).isEqualTo(200);
        JsonNode btc = find(r.json(), "BTC");
        assertThat(btc.path("days").asInt()).isEqualTo(730);
        assertThat(btc.path("last_date").asText()).isEqualTo(LocalDate.of(2026, 11, 30).toString());
        assertThat(btc.path("source").asText()).contains("not real market prices");
    }

    private static JsonNode find(JsonNode coins, String symbol) {
        for (JsonNode coin : coins) {
            if (coin.path("symbol").asText().equals(symbol)) {
                return coin;
            }
        }
        throw new AssertionError(symbol + " not in " + coins);
    }
}
