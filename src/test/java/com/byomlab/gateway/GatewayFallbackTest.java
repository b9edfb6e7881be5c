package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway follows the token's (else the user's) fallback order the same way a Lab session does, plain and
 * streamed: the answer's model is the model that ran, headers say which credential answered and why it moved, each
 * attempt is metered and audited. A stream moves on only before its first byte.
 */
class GatewayFallbackTest extends ApiIntegrationTest {

    static final String CHAT = "/v1/chat/completions";
    static final String FALLBACK = "/api/v1/users/me/llm-fallback";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry metrics;

    enum Failure {
        RATE_LIMITED("rate_limited", 4), SERVER_ERROR("provider_unavailable", 4), HANG("timeout", 1),
        OUT_OF_CREDIT("insufficient_quota", 1), KEY_REVOKED("invalid_key", 1);

        final String code;
        final int attempts;

        Failure(String code, int attempts) {
            this.code = code;
            this.attempts = attempts;
        }

        ChatReply[] replies(CountDownLatch release) {
            ChatReply one = switch (this) {
                case RATE_LIMITED -> ChatReply.failure(Scenario.rateLimited(0));
                case SERVER_ERROR -> ChatReply.failure(Scenario.serverError(503));
                case HANG -> ChatReply.text("too late").heldUntil(release);
                case OUT_OF_CREDIT -> ChatReply.failure(Scenario.quotaExhausted());
                case KEY_REVOKED -> ChatReply.failure(Scenario.unauthorized());
            };
            ChatReply[] all = new ChatReply[attempts];
            Arrays.fill(all, one);
            return all;
        }
    }

    static Stream<Arguments> failures() {
        return Arrays.stream(Failure.values()).flatMap(f -> Stream.of(Arguments.of(f, false), Arguments.of(f, true)));
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("failures")
    void aFailingCredentialHandsTheRequestToTheNextOne(Failure failure, boolean stream) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Upstream claude = Upstream.anthropic(ANTHROPIC);
            Upstream gpt = Upstream.openAi(OPENAI);
            String login = api.newUser();
            String first = GatewayFixtures.credential(api, login, claude);
            String second = GatewayFixtures.credential(api, login, gpt);
            assertThat(api.put(FALLBACK, login, Map.of("credential_ids", List.of(second))).status()).isEqualTo(200);
            String token = GatewayFixtures.secret(api, login, first);
            ANTHROPIC.chat().enqueue(failure.replies(release));
            OPENAI.chat().enqueue(ChatReply.text("Answered by the second key.").usage(20, 6));

            Answer answer = ask(token, claude.model(), stream);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("Answered by the second key.");
            assertThat(answer.models()).containsOnly(gpt.model()); // the model that ran, on every chunk
            assertThat(answer.header("x-byom-credential")).isEqualTo(second);
            assertThat(answer.header("x-byom-provider")).isEqualTo("openai");
            assertThat(answer.header("x-byom-fallback")).isEqualTo(first + ";reason=" + failure.code);
            assertThat(OPENAI.chat().lastRequest().model()).isEqualTo(gpt.model());
            assertThat(OPENAI.chat().lastRequest().stream()).isEqualTo(stream);

            assertThat(usage(login)).containsExactly("anthropic " + claude.model() + " " + failure.code + " " + first
                    + " " + failure.attempts, "openai " + gpt.model() + " ok " + second + " 1");
            String audit = api.get("/api/v1/users/me/audit", login).body();
            assertThat(audit).contains("gateway " + failure.code).contains(second);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStreamThatHasStartedDoesNotMoveOn() throws Exception {
        Upstream claude = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String first = GatewayFixtures.credential(api, login, claude);
        String second = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(second)));
        String token = GatewayFixtures.secret(api, login, first);
        // the first words reach the client, then the connection drops
        ANTHROPIC.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("The first words and then nothing more"), 5));

        Answer answer = ask(token, claude.model(), true);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).startsWith("The ");
        assertThat(answer.body()).contains("\"error\"").doesNotContain("[DONE]");
        assertThat(answer.header("x-byom-credential")).isEqualTo(first);
        assertThat(answer.header("x-byom-fallback")).isNull();
        assertThat(OPENAI.chat().requests()).isEmpty();
    }

    @Test
    void aCoolingCredentialIsSkippedOnTheNextRequest() throws Exception {
        Upstream claude = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String first = GatewayFixtures.credential(api, login, claude);
        String second = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(second)));
        String token = GatewayFixtures.secret(api, login, first);
        ANTHROPIC.chat().enqueue(Failure.RATE_LIMITED.replies(null));
        assertThat(ask(token, claude.model(), false).header("x-byom-fallback")).endsWith("reason=rate_limited");
        assertThat(ANTHROPIC.chat().requests()).hasSize(4);

        Answer next = ask(token, claude.model(), true);
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.header("x-byom-fallback")).isEqualTo(first + ";reason=cooling_down");
        assertThat(ANTHROPIC.chat().requests()).as("the cooling key is not asked").hasSize(4);
        // operators see the moves by provider and reason, nothing about whose
        assertThat(metrics.get("byom.llm.fallbacks").tags("from", "anthropic", "to", "openai", "reason", "cooling_down")
                .counter().count()).isPositive();
    }

    @Test
    void aRetryAfterLongerThanTheFirstCooldownIsHonoured() throws Exception {
        Upstream claude = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String first = GatewayFixtures.credential(api, login, claude);
        String second = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(second)));
        String token = GatewayFixtures.secret(api, login, first);
        // more than byom.llm.retry.max-retry-after (60 s): not waited for, the request moves on at once
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.rateLimited(100)));

        assertThat(ask(token, claude.model(), false).header("x-byom-fallback")).isEqualTo(first + ";reason=rate_limited");
        assertThat(ANTHROPIC.chat().requests()).hasSize(1);
        Duration cooling = jdbc.queryForObject("SELECT failed_at, cooling_until FROM credential_cooldowns "
                + "WHERE credential_id = ?", (rs, n) -> Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                rs.getObject(2, java.time.OffsetDateTime.class)), UUID.fromString(first));
        assertThat(cooling).isEqualTo(Duration.ofSeconds(100)); // not the first 30 s
    }

    @Test
    void twoKeysOfOneProviderShareTheLoadOnTheRequestedModel() throws Exception {
        String login = api.newUser();
        Upstream one = Upstream.openAi(OPENAI);
        Upstream two = Upstream.openAi(OPENAI);
        String first = GatewayFixtures.credential(api, login, one);
        String second = GatewayFixtures.credential(api, login, two); // the fake now accepts only the second key
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(second)));
        String token = GatewayFixtures.secret(api, login, first);

        Answer answer = ask(token, "gpt-4o", false);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.models()).containsOnly("gpt-4o"); // the request's model, not the credential's gpt-4o-mini
        assertThat(answer.header("x-byom-fallback")).isEqualTo(first + ";reason=invalid_key");
        assertThat(OPENAI.chat().lastRequest().authKey()).isEqualTo(two.key());
    }

    @Test
    void aRequestErrorIsAnsweredAsIsAndNothingCoolsDown() throws Exception {
        Upstream claude = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String first = GatewayFixtures.credential(api, login, claude);
        String second = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(second)));
        String token = GatewayFixtures.secret(api, login, first);
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.badRequest()));

        Answer answer = ask(token, claude.model(), true);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).contains("provider_unavailable");
        assertThat(OPENAI.chat().requests()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credential_cooldowns WHERE credential_id = ?",
                Integer.class, UUID.fromString(first))).isZero();
    }

    @Test
    void aTokenMayHaveItsOwnOrderOrNone() throws Exception {
        Upstream claude = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String first = GatewayFixtures.credential(api, login, claude);
        String second = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));

        // the user has no order; the token has its own
        Response own = api.post(GatewayFixtures.TOKENS, login, Map.of("name", "with fallback", "credential_id", first,
                "llm_fallback", Map.of("credential_ids", List.of(second))));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("llm_fallback").path("credential_ids").get(0).asText()).isEqualTo(second);
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        assertThat(ask(own.text("token"), claude.model(), false).header("x-byom-credential")).isEqualTo(second);

        // the user has an order; this token opted out of it
        api.put(FALLBACK, login, Map.of("credential_ids", List.of(second)));
        jdbc.update("DELETE FROM credential_cooldowns WHERE credential_id = ?", UUID.fromString(first));
        Response none = api.post(GatewayFixtures.TOKENS, login, Map.of("name", "no fallback", "credential_id", first,
                "llm_fallback", Map.of("credential_ids", List.of())));
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        Answer refused = ask(none.text("token"), claude.model(), false);
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.body()).contains("invalid_key");
        assertThat(refused.header("x-byom-credential")).isNull();

        // another user's credential cannot be put in a token's order
        String stranger = api.newUser();
        String theirs = GatewayFixtures.credential(api, stranger, Upstream.openAi(OPENAI));
        Map<String, Object> foreign = new HashMap<>(Map.of("name", "foreign", "credential_id", first));
        foreign.put("llm_fallback", Map.of("credential_ids", List.of(theirs)));
        Response bad = api.post(GatewayFixtures.TOKENS, login, foreign);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text("code")).isEqualTo("invalid_fallback_order");
    }

    /** A completion as the client saw it: status, headers, the text, and the model of each chunk (or the answer). */
    record Answer(int status, Map<String, List<String>> headers, String body, String text, List<String> models) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private Answer ask(String token, String model, boolean stream) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"How is BTC?\"}]}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + CHAT)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder text = new StringBuilder();
        List<String> models = new ArrayList<>();
        if (r.statusCode() == 200 && stream) {
            for (String line : r.body().split("\n")) {
                if (line.startsWith("data: {")) {
                    JsonNode chunk = JSON.readTree(line.substring(6));
                    if (chunk.has("model")) {
                        models.add(chunk.path("model").asText());
                        text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
                    }
                }
            }
        } else if (r.statusCode() == 200) {
            JsonNode json = JSON.readTree(r.body());
            models.add(json.path("model").asText());
            text.append(json.path("choices").path(0).path("message").path("content").asText());
        }
        return new Answer(r.statusCode(), r.headers().map(), r.body(), text.toString(), models);
    }

    /** "provider model outcome credential attempts" of the user's gateway calls, in order. */
    private List<String> usage(String login) {
        UUID userId = UUID.fromString(api.get("/api/v1/users/me", login).text("id"));
        return jdbc.query("SELECT provider, model, outcome, credential_id, attempts FROM llm_usage WHERE user_id = ? "
                + "AND purpose = 'gateway' ORDER BY id", (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                + rs.getString(3) + " " + rs.getObject(4) + " " + rs.getInt(5), userId);
    }
}
