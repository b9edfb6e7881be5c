package com.byomlab.calls;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET/PUT /api/v1/users/me/llm-fallback}: only the caller's own active credentials, each once, at most ten; the
 * system default only where the operator allows it (not here); and no call ever reaches another user's credential,
 * even through an order that names one.
 */
class FallbackOrderApiTest extends ApiIntegrationTest {

    static final String FALLBACK = "/api/v1/users/me/llm-fallback";
    static final String CREDENTIALS = "/api/v1/users/me/llm-credentials";
    static final String SESSIONS = "/api/v1/lab/agent/sessions";

    @Test
    void anOrderIsSetReadAndRemoved() {
        String login = api.newUser();
        JsonNode none = api.get(FALLBACK, login).json();
        assertThat(none.path("credential_ids").isEmpty()).isTrue();
        assertThat(none.path("use_system_default").asBoolean()).isFalse();
        assertThat(none.path("system_default_allowed").asBoolean()).isFalse();

        String one = credential(login, OPENAI, "openai", "sk-order-1-" + UUID.randomUUID(), "gpt-4o-mini");
        String two = credential(login, ANTHROPIC, "anthropic", "sk-ant-order-2-" + UUID.randomUUID(),
                "claude-sonnet-4-20250514");
        Response put = api.put(FALLBACK, login, Map.of("credential_ids", List.of(two, one), "use_system_default", false));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(ids(put.json())).containsExactly(two, one);
        assertThat(ids(api.get(FALLBACK, login).json())).containsExactly(two, one);
        assertThat(api.get("/api/v1/users/me/audit", login).body()).contains("fallback.update");

        // a credential deleted since leaves the order
        assertThat(api.delete(CREDENTIALS + "/" + two, login).status()).isEqualTo(204);
        assertThat(ids(api.get(FALLBACK, login).json())).containsExactly(one);

        assertThat(api.put(FALLBACK, login, Map.of("credential_ids", List.of())).status()).isEqualTo(200);
        assertThat(ids(api.get(FALLBACK, login).json())).isEmpty();
        UUID userId = UUID.fromString(api.get("/api/v1/users/me", login).text("id"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_fallback_orders WHERE user_id = ?", Integer.class,
                userId)).isZero();
    }

    @Test
    void onlyTheCallersOwnActiveCredentialsEachOnceAndAtMostTen() {
        String login = api.newUser();
        String mine = credential(login, OPENAI, "openai", "sk-own-" + UUID.randomUUID(), "gpt-4o-mini");
        String stranger = api.newUser();
        String theirs = credential(stranger, OPENAI, "openai", "sk-theirs-" + UUID.randomUUID(), "gpt-4o-mini");
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(mine)));

        refused(api.put(FALLBACK, login, Map.of("credential_ids", List.of(mine, theirs))), "invalid_fallback_order",
                theirs);
        refused(api.put(FALLBACK, login, Map.of("credential_ids", List.of(UUID.randomUUID().toString()))),
                "invalid_fallback_order", "not one of your active credentials");
        refused(api.put(FALLBACK, login, Map.of("credential_ids", List.of(mine, mine))), "invalid_fallback_order",
                "twice");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UUID.randomUUID().toString());
        }
        refused(api.put(FALLBACK, login, Map.of("credential_ids", eleven)), "invalid_fallback_order", "at most 10");
        refused(api.put(FALLBACK, login, "{\"credential_ids\": [null]}"), "invalid_fallback_order", "null");
        refused(api.put(FALLBACK, login, Map.of("credential_ids", List.of(), "use_system_default", true)),
                "system_default_fallback_not_allowed", "use_system_default");
        assertThat(api.put(FALLBACK, login, "{\"credential_ids\": [\"not-a-uuid\"]}").status()).isEqualTo(400);
        assertThat(api.put(FALLBACK, login, "{\"credential_ids\": ").status()).isEqualTo(400);
        assertThat(api.put(FALLBACK, null, Map.of("credential_ids", List.of(mine))).status()).isEqualTo(401);
        // nothing of that changed the order
        assertThat(ids(api.get(FALLBACK, login).json())).containsExactly(mine);
        // and the stranger's own order is theirs alone
        assertThat(ids(api.get(FALLBACK, stranger).json())).isEmpty();
    }

    @Test
    void noCallEverReachesAnotherUsersCredentialEvenIfAnOrderNamedIt() {
        String login = api.newUser();
        String mine = credential(login, ANTHROPIC, "anthropic", "sk-ant-mine-" + UUID.randomUUID(),
                "claude-sonnet-4-20250514");
        String stranger = api.newUser();
        String theirs = credential(stranger, OPENAI, "openai", "sk-theirs-" + UUID.randomUUID(), "gpt-4o-mini");
        // an order that names it anyway (as a bug or a tampered row would): the call reads credentials owner-scoped
        UUID userId = UUID.fromString(api.get("/api/v1/users/me", login).text("id"));
        jdbc.update("INSERT INTO llm_fallback_orders (user_id, scope, credential_ids, use_system_default, updated_at) "
                + "VALUES (?, 'user', ?, FALSE, CURRENT_TIMESTAMP)", userId, theirs);
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));

        String id = api.post(SESSIONS, login, Map.of("user_goal", "BTC?", "llm_credential_id", mine)).text("id");
        JsonNode done = api.awaitSessionEnd(login, id, Duration.ofSeconds(20));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("invalid_key");
        assertThat(OPENAI.chat().requests()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE credential_id = ?", Integer.class,
                UUID.fromString(theirs))).isZero();
        // and it is not shown as part of the order either
        assertThat(ids(api.get(FALLBACK, login).json())).isEmpty();

        // the gateway reads the order as stored, and each credential of it owner-scoped at the call: skipped too
        String token = api.post("/api/v1/users/me/tokens", login, Map.of("name", "t", "credential_id", mine))
                .text("token");
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        Response answer = api.post("/v1/chat/completions", token, Map.of("model", "claude-sonnet-4-20250514",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).contains("invalid_key");
        assertThat(OPENAI.chat().requests()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE credential_id = ?", Integer.class,
                UUID.fromString(theirs))).isZero();
    }

    private String credential(String login, FakeProviderServer fake, String provider, String key, String model) {
        fake.expectKey(key);
        Response r = api.post(CREDENTIALS, login, Map.of("provider", provider, "api_key", key, "model_name", model));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private static void refused(Response r, String code, String says) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo(code);
        assertThat(r.text("detail")).contains(says);
    }

    private static List<String> ids(JsonNode order) {
        List<String> ids = new ArrayList<>();
        order.path("credential_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
