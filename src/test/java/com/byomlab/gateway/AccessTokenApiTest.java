package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.DatabaseDump;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.byomlab.gateway.GatewayFixtures.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/** Personal access tokens: shown once, stored hashed, listed masked, revocable and expiring with immediate effect. */
class AccessTokenApiTest extends ApiIntegrationTest {

    static final String CHAT = "/v1/chat/completions";
    static final Map<String, Object> HELLO = Map.of("model", "gpt-4o-mini",
            "messages", List.of(Map.of("role", "user", "content", "hi")));

    @Test
    void aTokenIsShownOnceWithItsPrefixAndStoredOnlyAsAHash() {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        Response created = GatewayFixtures.token(api, login, credential, 30);
        String secret = created.text("token");

        assertThat(secret).startsWith("byom_pat_").hasSize("byom_pat_".length() + 43);
        JsonNode body = created.json();
        assertThat(body.path("token_masked").asString()).isEqualTo("byom_pat_..." + secret.substring(secret.length() - 4));
        assertThat(body.path("bound_to").asString()).isEqualTo("credential");
        assertThat(body.path("credential_id").asString()).isEqualTo(credential);
        assertThat(Instant.parse(body.path("expires_at").asString())).isAfter(Instant.now().plusSeconds(29L * 86400));

        Response list = api.get(TOKENS, login);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).contains(body.path("token_masked").asString());
        assertThat(list.json().get(0).has("token")).isFalse();
        String database = DatabaseDump.of(jdbc);
        assertThat(database).doesNotContain(secret).doesNotContain(secret.substring(9));
        assertThat(jdbc.queryForObject("SELECT token_hash FROM personal_access_tokens WHERE id = ?", String.class,
                UUID.fromString(body.path("id").asString()))).hasSize(64);
        assertThat(audit(login)).contains("token.create");
    }

    @Test
    void aRevokedTokenIsRefusedAtTheVeryNextRequest() {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        Response created = GatewayFixtures.token(api, login, credential, null);
        String secret = created.text("token");
        assertThat(api.post(CHAT, secret, HELLO).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT last_used_at FROM personal_access_tokens WHERE id = ?",
                OffsetDateTime.class, UUID.fromString(created.text("id")))).isNotNull();

        assertThat(api.delete(TOKENS + "/" + created.text("id"), login).status()).isEqualTo(204);
        int upstreamCalls = OPENAI.chat().requests().size();
        Response refused = api.post(CHAT, secret, HELLO);

        assertOpenAiUnauthorized(refused);
        assertThat(refused.json().path("error").path("message").asString()).contains("revoked");
        assertThat(OPENAI.chat().requests()).hasSize(upstreamCalls);
        assertThat(api.get("/v1/models", secret).status()).isEqualTo(401);
        assertThat(api.get(TOKENS, login).json()).isEmpty();
        assertThat(api.delete(TOKENS + "/" + created.text("id"), login).status()).isEqualTo(404);
        assertThat(audit(login)).contains("token.revoke", "token.use");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        Response created = GatewayFixtures.token(api, login, credential, 1);
        String secret = created.text("token");
        assertThat(api.post(CHAT, secret, HELLO).status()).isEqualTo(200);

        jdbc.update("UPDATE personal_access_tokens SET expires_at = ? WHERE id = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), UUID.fromString(created.text("id")));
        Response refused = api.post(CHAT, secret, HELLO);

        assertOpenAiUnauthorized(refused);
        assertThat(refused.json().path("error").path("message").asString()).contains("expired");
        assertThat(api.get(TOKENS, login).json().get(0).path("expired").asBoolean()).isTrue();
    }

    @Test
    void anythingButALiveTokenGets401InOpenAisFormat() {
        String login = api.newUser();
        GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));

        assertOpenAiUnauthorized(api.post(CHAT, null, HELLO));
        assertOpenAiUnauthorized(api.post(CHAT, "byom_pat_" + "A".repeat(43), HELLO));     // well-formed, unknown
        assertOpenAiUnauthorized(api.post(CHAT, "sk-not-a-gateway-token", HELLO));
        assertOpenAiUnauthorized(api.post(CHAT, login, HELLO));                             // a login token (JWT)
        assertThat(OPENAI.chat().requests()).isEmpty();
        // and a gateway token is no login token for the rest of the API
        String secret = GatewayFixtures.secret(api, login, null);
        assertThat(api.get("/api/v1/users/me", secret).status()).isEqualTo(401);
    }

    @Test
    void tokensNeedALoginAndANameAndBindOnlyToTheOwnersCredentials() {
        assertThat(api.post(TOKENS, null, Map.of("name", "x")).status()).isEqualTo(401);
        String login = api.newUser();
        assertThat(api.post(TOKENS, login, Map.of("name", " ")).status()).isEqualTo(400);
        assertThat(api.post(TOKENS, login, Map.of("name", "x", "expires_in_days", 0)).status()).isEqualTo(400);
        assertThat(api.post(TOKENS, login, Map.of("name", "x", "credential_id", UUID.randomUUID().toString()))
                .status()).isEqualTo(404);
        Response toDefault = api.post(TOKENS, login, Map.of("name", "default"));
        assertThat(toDefault.status()).isEqualTo(201);
        assertThat(toDefault.text("bound_to")).isEqualTo("default");
        assertThat(toDefault.json().has("expires_at")).isFalse();
    }

    @Test
    void aTokenBoundToTheDefaultFollowsTheCurrentDefault() {
        String login = api.newUser();
        Upstream openAi = Upstream.openAi(OPENAI);
        GatewayFixtures.credential(api, login, openAi);
        String secret = GatewayFixtures.secret(api, login, null);
        OPENAI.chat().enqueue(ChatReply.text("from openai"));
        assertThat(api.post(CHAT, secret, HELLO).json().path("choices").get(0).path("message").path("content")
                .asString()).isEqualTo("from openai");

        Upstream anthropic = Upstream.anthropic(ANTHROPIC);
        String second = GatewayFixtures.credential(api, login, anthropic);
        assertThat(api.put(GatewayFixtures.CREDENTIALS + "/" + second + "/default", login, null).status())
                .isEqualTo(200);
        ANTHROPIC.chat().enqueue(ChatReply.text("from anthropic"));
        Response answer = api.post(CHAT, secret, Map.of("model", anthropic.model(),
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(answer.json().path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("from anthropic");
        assertThat(ANTHROPIC.chat().lastRequest().authKey()).isEqualTo(anthropic.key());
    }

    static void assertOpenAiUnauthorized(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().get("content-type").get(0)).startsWith("application/json");
        JsonNode error = r.json().path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.has("param")).isTrue();
    }

    private String audit(String login) {
        return api.get("/api/v1/users/me/audit", login).body();
    }
}
