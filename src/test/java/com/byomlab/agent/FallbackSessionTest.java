package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Lab session whose credential fails mid-session (after a tool call, so the conversation has tool calls in its
 * history) moves to the next credential of the user's fallback order: Anthropic, then OpenAI. The switch is a step,
 * the session names every model it ran on, each attempt is metered on the credential that ran, the failed key cools
 * down, and a request error or a missing order changes nothing.
 */
class FallbackSessionTest extends ApiIntegrationTest {

    static final String FALLBACK = "/api/v1/users/me/llm-fallback";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLAUDE = "claude-sonnet-4-20250514";
    static final String GPT = "gpt-4o-mini";

    /** One way for the first credential to fail, with the code and attempts (retries included) it ends with. */
    enum Failure {
        RATE_LIMITED("rate_limited", 4, "was rate limited"),
        SERVER_ERROR("provider_unavailable", 4, "met a provider outage or error"),
        HANG("timeout", 1, "got no answer in time"),
        OUT_OF_CREDIT("insufficient_quota", 1, "ran out of credit or quota"),
        PAYMENT_REQUIRED("insufficient_quota", 1, "ran out of credit or quota"),
        KEY_REVOKED("invalid_key", 1, "was refused (invalid or revoked)");

        final String code;
        final int attempts;
        final String words;

        Failure(String code, int attempts, String words) {
            this.code = code;
            this.attempts = attempts;
            this.words = words;
        }

        /** 402 is how OpenAI-compatible routers say it; the others come from Anthropic. */
        boolean onCompatible() {
            return this == PAYMENT_REQUIRED;
        }

        ChatReply[] replies(CountDownLatch release) {
            ChatReply one = switch (this) {
                case RATE_LIMITED -> ChatReply.failure(Scenario.rateLimited(0));
                case SERVER_ERROR -> ChatReply.failure(Scenario.serverError(500));
                case HANG -> ChatReply.text("too late").heldUntil(release);
                case OUT_OF_CREDIT -> ChatReply.failure(Scenario.quotaExhausted());
                case PAYMENT_REQUIRED -> ChatReply.failure(Scenario.paymentRequired());
                case KEY_REVOKED -> ChatReply.failure(Scenario.unauthorized());
            };
            ChatReply[] all = new ChatReply[attempts];
            java.util.Arrays.fill(all, one);
            return all;
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aSessionMovesToTheNextCredentialAndSaysSo(Failure failure) {
        CountDownLatch release = new CountDownLatch(1);
        try {
            String token = api.newUser();
            FakeProviderServer firstFake = failure.onCompatible() ? COMPATIBLE : ANTHROPIC;
            String firstProvider = failure.onCompatible() ? "openai_compatible" : "anthropic";
            String firstModel = failure.onCompatible() ? "gpt-4o" : CLAUDE;
            String first = failure.onCompatible()
                    ? compatibleCredential(token, "sk-or-" + LabFixtures.rand(), firstModel)
                    : LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-fb-" + LabFixtures.rand(), CLAUDE);
            String second = LabFixtures.credential(api, OPENAI, token, "openai", "sk-fb-" + LabFixtures.rand(), GPT);
            assertThat(api.put(FALLBACK, token, Map.of("credential_ids", List.of(second), "use_system_default", false))
                    .status()).isEqualTo(200);

            firstFake.chat().enqueue(ChatReply.toolCall("get_price_history", "{\"symbol\": \"BTC\", \"days\": 30}"));
            firstFake.chat().enqueue(failure.replies(release));
            OPENAI.chat().enqueue(ChatReply.text("BTC report, written after the switch.").usage(300, 40));

            String id = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "How did BTC do this month?",
                    "llm_credential_id", first)).text("id");
            JsonNode done = LabFixtures.awaitFinal(api, token, id);

            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.path("final_report").asText()).isEqualTo("BTC report, written after the switch.");
            // what runs now, and every model the session ran on
            assertThat(done.path("llm_provider").asText()).isEqualTo("openai");
            assertThat(done.path("llm_model").asText()).isEqualTo(GPT);
            assertThat(done.path("llm_credential_id").asText()).isEqualTo(second);
            assertThat(done.path("models_used").findValuesAsString("provider")).containsExactly(firstProvider, "openai");
            assertThat(done.path("models_used").findValuesAsString("model")).containsExactly(firstModel, GPT);
            assertThat(done.path("models_used").findValuesAsString("credential_id")).containsExactly(first, second);
            assertThat(done.path("llm_calls").asInt()).isEqualTo(1 + failure.attempts + 1);

            // the switch is a step of its own, between the failed turn's tool result and the next model turn
            JsonNode steps = api.get(LabFixtures.SESSIONS + "/" + id + "/messages", token).json();
            assertThat(steps.findValuesAsString("kind")).containsExactly("model_turn", "tool_call", "tool_result",
                    "fallback", "model_turn");
            JsonNode fallback = steps.get(3);
            assertThat(fallback.path("attempts").asInt()).isEqualTo(failure.attempts);
            JsonNode content = JSON.readTree(fallback.path("content").asText());
            assertThat(content.path("code").asText()).isEqualTo(failure.code);
            String from = failure.onCompatible() ? "OpenAI-compatible · gpt-4o" : "Anthropic · " + CLAUDE;
            assertThat(content.path("message").asText()).isEqualTo("Switched from " + from + " to OpenAI · " + GPT
                    + " because the key " + failure.words + ".");
            assertThat(content.path("from").path("credential_id").asText()).isEqualTo(first);
            assertThat(content.path("to").path("credential_id").asText()).isEqualTo(second);

            // the conversation was carried over with its tool call and result, paired by the same id
            ChatRequestSeen toOpenAi = OPENAI.chat().lastRequest();
            assertThat(toOpenAi.authKey()).startsWith("sk-fb-");
            assertThat(toOpenAi.model()).isEqualTo(GPT);
            ChatRequestSeen.Message assistant = toOpenAi.messages().stream().filter(m -> m.role().equals("assistant"))
                    .findFirst().orElseThrow();
            String callId = assistant.toolCalls().get(0).id();
            assertThat(assistant.toolCalls().get(0).name()).isEqualTo("get_price_history");
            assertThat(toOpenAi.toolResults()).singleElement().satisfies(r -> {
                assertThat(r.toolCallId()).isEqualTo(callId);
                assertThat(r.text()).contains("BTC");
            });
            ChatRequestSeen.Message firstAssistant = firstFake.chat().requests().get(1).messages().stream()
                    .filter(m -> m.role().equals("assistant")).findFirst().orElseThrow();
            assertThat(firstAssistant.toolCalls().get(0).id()).isEqualTo(callId);
            assertThat(toOpenAi.system()).contains("market analyst");

            // each attempt metered on what ran; the failed key cools down, the one that answered does not
            assertThat(usage(id)).containsExactly(firstProvider + " ok " + first + " 1",
                    firstProvider + " " + failure.code + " " + first + " " + failure.attempts,
                    "openai ok " + second + " 1");
            assertThat(cooldown(first)).isEqualTo(failure.code + " 1");
            assertThat(cooldown(second)).isNull();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCoolingCredentialIsSkippedAndTheSkipIsAStepToo() {
        String token = api.newUser();
        String first = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-cd-" + LabFixtures.rand(), CLAUDE);
        String second = LabFixtures.credential(api, OPENAI, token, "openai", "sk-cd-" + LabFixtures.rand(), GPT);
        api.put(FALLBACK, token, Map.of("credential_ids", List.of(second)));
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        String one = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", first))
                .text("id");
        assertThat(LabFixtures.awaitFinal(api, token, one).path("status").asText()).isEqualTo("completed");
        assertThat(ANTHROPIC.chat().requests()).hasSize(1);

        String two = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "ETH?", "llm_credential_id", first))
                .text("id");
        JsonNode done = LabFixtures.awaitFinal(api, token, two);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(ANTHROPIC.chat().requests()).as("the cooling key is not asked").hasSize(1);
        JsonNode steps = api.get(LabFixtures.SESSIONS + "/" + two + "/messages", token).json();
        assertThat(steps.findValuesAsString("kind")).containsExactly("fallback", "model_turn");
        JsonNode content = JSON.readTree(steps.get(0).path("content").asText());
        assertThat(content.path("code").asText()).isEqualTo("cooling_down");
        assertThat(content.path("message").asText()).startsWith("Switched from Anthropic · " + CLAUDE
                + " to OpenAI · " + GPT + " because the key is cooling down after it was refused (invalid or revoked)");
        assertThat(content.path("cooling_until").asText()).isNotBlank();
        assertThat(steps.get(0).path("attempts").asInt()).isZero();
        assertThat(usage(two)).containsExactly("openai ok " + second + " 1");
    }

    @Test
    void aRequestTheProviderRefusesAsSuchNeverMovesOn() {
        String token = api.newUser();
        String first = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-400-" + LabFixtures.rand(), CLAUDE);
        String second = LabFixtures.credential(api, OPENAI, token, "openai", "sk-400-" + LabFixtures.rand(), GPT);
        api.put(FALLBACK, token, Map.of("credential_ids", List.of(second)));
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.badRequest()));

        String id = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", first))
                .text("id");
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("provider_unavailable");
        assertThat(OPENAI.chat().requests()).isEmpty();
        assertThat(usage(id)).containsExactly("anthropic request_rejected " + first + " 1");
        assertThat(cooldown(first)).isNull();
    }

    @Test
    void withoutAFallbackOrderAFailingKeyEndsTheSessionAsBeforeAndNothingCoolsDown() {
        String token = api.newUser();
        String first = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-none-" + LabFixtures.rand(), CLAUDE);
        LabFixtures.credential(api, OPENAI, token, "openai", "sk-none-" + LabFixtures.rand(), GPT);
        ANTHROPIC.chat().enqueue(Failure.RATE_LIMITED.replies(null));

        String id = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", first))
                .text("id");
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("rate_limited");
        assertThat(done.path("models_used").findValuesAsString("credential_id")).containsExactly(first);
        assertThat(OPENAI.chat().requests()).isEmpty();
        assertThat(cooldown(first)).isNull();
        JsonNode steps = api.get(LabFixtures.SESSIONS + "/" + id + "/messages", token).json();
        assertThat(steps.findValuesAsString("kind")).containsExactly("error");
    }

    @Test
    void aSessionMayNameItsOwnOrderOrNone() {
        String token = api.newUser();
        String first = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-own-" + LabFixtures.rand(), CLAUDE);
        String second = LabFixtures.credential(api, OPENAI, token, "openai", "sk-own-" + LabFixtures.rand(), GPT);
        api.put(FALLBACK, token, Map.of("credential_ids", List.of(second)));

        // its own empty order: no fallback for this session, whatever the user's order says
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        Map<String, Object> none = new HashMap<>(Map.of("user_goal", "BTC?", "llm_credential_id", first));
        none.put("llm_fallback", Map.of("credential_ids", List.of()));
        String id = api.post(LabFixtures.SESSIONS, token, none).text("id");
        assertThat(LabFixtures.awaitFinal(api, token, id).path("error_code").asText()).isEqualTo("invalid_key");
        assertThat(OPENAI.chat().requests()).isEmpty();

        // another user's credential in a session's order is refused before anything runs
        String stranger = api.newUser();
        String theirs = LabFixtures.credential(api, OPENAI, stranger, "openai", "sk-theirs-" + LabFixtures.rand(), GPT);
        Map<String, Object> foreign = new HashMap<>(Map.of("user_goal", "BTC?", "llm_credential_id", first));
        foreign.put("llm_fallback", Map.of("credential_ids", List.of(theirs)));
        Response refused = api.post(LabFixtures.SESSIONS, token, foreign);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("invalid_fallback_order");
        assertThat(refused.body()).contains(theirs).doesNotContain("sk-theirs");
    }

    private String compatibleCredential(String token, String key, String model) {
        COMPATIBLE.expectKey(key);
        Response r = api.post(LabFixtures.CREDENTIALS, token, Map.of("provider", "openai_compatible", "api_key", key,
                "model_name", model, "base_url", COMPATIBLE.baseUrl()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    /** "provider outcome credential attempts" of each metered call of the session, in order. */
    private List<String> usage(String sessionId) {
        return new ArrayList<>(jdbc.query("SELECT provider, outcome, credential_id, attempts FROM llm_usage "
                        + "WHERE session_id = ? ORDER BY id", (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                        + rs.getObject(3) + " " + rs.getInt(4), java.util.UUID.fromString(sessionId)));
    }

    /** "reason failures" of the credential's cooldown row, or null. */
    private String cooldown(String credentialId) {
        List<String> rows = jdbc.query("SELECT reason, failures FROM credential_cooldowns WHERE credential_id = ?",
                (rs, n) -> rs.getString(1) + " " + rs.getInt(2), java.util.UUID.fromString(credentialId));
        return rows.isEmpty() ? null : rows.get(0);
    }
}
