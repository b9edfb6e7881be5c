package com.byomlab.gateway;

import com.byomlab.database.RowCache;
import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows every call reads (token, credential, fallback order, budget, account) are kept in memory on the embedded
 * H2 and read at every call on PostgreSQL; either way every change counts on the very next call. Each test first
 * makes calls enough for the rows to be kept (the first calls write last_used_at, which drops them), then changes
 * one thing the way the product does, then calls once.
 */
class KeptRowsTest extends ApiIntegrationTest {

    static final String CHAT = "/v1/chat/completions";
    static final String FALLBACK = "/api/v1/users/me/llm-fallback";

    @Autowired
    RowCache cache;
    @Autowired
    DataSource dataSource;

    record Caller(String login, String credential, String token, Upstream upstream) {
    }

    private Caller warmedUp() {
        String login = api.newUser();
        Upstream gpt = Upstream.openAi(OPENAI);
        String credential = GatewayFixtures.credential(api, login, gpt);
        String token = GatewayFixtures.secret(api, login, credential);
        for (int i = 0; i < 3; i++) {
            assertThat(call(token).status()).isEqualTo(200);
        }
        return new Caller(login, credential, token, gpt);
    }

    private Response call(String token) {
        return api.post(CHAT, token, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
    }

    private boolean onH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return "H2".equals(c.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void rowsAreKeptOnTheEmbeddedH2AndReadEveryTimeOnPostgreSql() throws Exception {
        assertThat(cache.on()).isEqualTo(onH2());
        Caller c = warmedUp();
        // a change that bypasses the pool's watch (as no code of the service can): on H2 the kept row still serves
        try (Connection raw = dataSource.unwrap(HikariDataSource.class).getConnection();
             PreparedStatement revoke = raw.prepareStatement(
                     "UPDATE personal_access_tokens SET revoked_at = ? WHERE user_id = (SELECT id FROM users "
                             + "WHERE email = ?)")) {
            raw.setAutoCommit(true);
            revoke.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            revoke.setString(2, api.get("/api/v1/users/me", c.login()).text("email"));
            assertThat(revoke.executeUpdate()).isEqualTo(1);
        }
        assertThat(call(c.token()).status()).isEqualTo(onH2() ? 200 : 401);
        // any write to those tables through the service's pool, whatever it changes, drops every kept row
        jdbc.update("UPDATE users SET full_name = full_name WHERE email = ?",
                api.get("/api/v1/users/me", c.login()).text("email"));
        AccessTokenApiTest.assertOpenAiUnauthorized(call(c.token()));
    }

    @Test
    void aRevokedTokenIsRefusedAtTheNextCall() {
        Caller c = warmedUp();
        String id = api.get(GatewayFixtures.TOKENS, c.login()).json().get(0).path("id").asString();
        assertThat(api.delete(GatewayFixtures.TOKENS + "/" + id, c.login()).status()).isEqualTo(204);
        int upstreamCalls = OPENAI.chat().requests().size();

        Response refused = call(c.token());

        AccessTokenApiTest.assertOpenAiUnauthorized(refused);
        assertThat(refused.json().path("error").path("message").asString()).contains("revoked");
        assertThat(OPENAI.chat().requests()).hasSize(upstreamCalls);
    }

    @Test
    void aDeletedCredentialIsRefusedAtTheNextCall() {
        Caller c = warmedUp();
        assertThat(api.delete(GatewayFixtures.CREDENTIALS + "/" + c.credential(), c.login()).status()).isEqualTo(204);
        int upstreamCalls = OPENAI.chat().requests().size();

        assertThat(call(c.token()).status()).isNotEqualTo(200);
        assertThat(OPENAI.chat().requests()).hasSize(upstreamCalls);
    }

    @Test
    void anAdministratorsRevocationOfTheKeysCountsAtTheNextCall() {
        Caller c = warmedUp();
        String admin = api.newAdmin(jdbc);
        String userId = api.get("/api/v1/users/me", c.login()).text("id");
        warmedUpAgain(c);
        assertThat(api.post("/api/v1/admin/users/" + userId + "/revoke-credentials", admin, null).status())
                .isEqualTo(200);
        int upstreamCalls = OPENAI.chat().requests().size();

        assertThat(call(c.token()).status()).isNotEqualTo(200);
        assertThat(OPENAI.chat().requests()).hasSize(upstreamCalls);
    }

    @Test
    void aDeletedAccountIsGoneAtTheNextCallAndTheNextRequest() {
        Caller c = warmedUp();
        assertThat(api.get("/api/v1/users/me", c.login()).status()).isEqualTo(200); // the account's row kept
        assertThat(api.delete("/api/v1/users/me", c.login()).status()).isEqualTo(204);

        Response call = call(c.token());
        assertThat(call.status()).isEqualTo(401);
        assertThat(call.body()).contains("account_gone");
        Response me = api.get("/api/v1/users/me", c.login());
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.body()).contains("account_gone");
    }

    @Test
    void aReplacedKeyIsTheOneSentAtTheNextCall() {
        Caller c = warmedUp();
        String newKey = "sk-gw-new-" + UUID.randomUUID();
        OPENAI.expectKey(newKey);
        assertThat(api.patch(GatewayFixtures.CREDENTIALS + "/" + c.credential(), c.login(),
                Map.of("api_key", newKey)).status()).isEqualTo(200);

        assertThat(call(c.token()).status()).isEqualTo(200);
        assertThat(OPENAI.chat().lastRequest().authKey()).isEqualTo(newKey);
    }

    @Test
    void aNewFallbackOrderIsFollowedAtTheNextCall() {
        Caller c = warmedUp();
        Upstream claude = Upstream.anthropic(ANTHROPIC);
        String second = GatewayFixtures.credential(api, c.login(), claude);
        warmedUpAgain(c);
        assertThat(api.put(FALLBACK, c.login(), Map.of("credential_ids", List.of(second))).status()).isEqualTo(200);
        OPENAI.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        ANTHROPIC.chat().enqueue(ChatReply.text("Answered by the second key."));

        Response answer = call(c.token());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().get("x-byom-credential")).containsExactly(second);
    }

    @Test
    void aNewBudgetCountsAtTheNextCall() {
        Caller c = warmedUp();
        OPENAI.chat().enqueue(ChatReply.text("expensive").usage(1_000_000, 0)); // $1 spent, no cap yet
        assertThat(call(c.token()).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/users/me/budget", c.login(), Map.of("monthly_cap_usd", "0.0001")).status())
                .isEqualTo(200);
        int upstreamCalls = OPENAI.chat().requests().size();

        Response refused = call(c.token());

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.body()).contains("cost_limit_reached");
        assertThat(OPENAI.chat().requests()).hasSize(upstreamCalls);
    }

    /** After a change made to set a test up, calls until the rows are kept again. */
    private void warmedUpAgain(Caller c) {
        for (int i = 0; i < 2; i++) {
            assertThat(call(c.token()).status()).isEqualTo(200);
        }
    }
}
