package com.byomlab.usage;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.LlmChat;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-streamed path (JSON answers, as the OpenAI-compatible gateway will use): the same exact
 * tokens and cost, worked by hand with each provider's semantics (see UsageMeteringTest).
 */
class NonStreamedMeteringTest extends ApiIntegrationTest {

    @Autowired
    LlmChat chat;
    @Autowired
    UsageMeter meter;

    @ParameterizedTest(name = "{0} stream={3}")
    @CsvSource({
            // 10000 in (4000 cached), 200 out (50 of it reasoning), reported by each fake in its provider's terms
            "openai,    gpt-4o-mini,              0.0088,  false",  // 6000*1 + 4000*0.5 + 200*4
            "openai,    gpt-4o-mini,              0.0088,  true",
            "anthropic, claude-sonnet-4-20250514, 0.0222,  false",  // 6000*3 + 4000*0.3 + 200*15
            "anthropic, claude-sonnet-4-20250514, 0.0222,  true",
            "google,    gemini-2.0-flash,         0.00078, false",  // 6000*0.1 + 4000*0.025 + 200*0.4
            "google,    gemini-2.0-flash,         0.00078, true"})
    void oneCallIsRecordedExactly(String providerId, String model, String expectedUsd, boolean stream) throws Exception {
        Provider provider = Provider.fromId(providerId).orElseThrow();
        FakeProviderServer fake = Map.of(Provider.OPENAI, (FakeProviderServer) OPENAI, Provider.ANTHROPIC, ANTHROPIC,
                Provider.GOOGLE, GEMINI).get(provider);
        String key = "key-" + UUID.randomUUID();
        fake.expectKey(key);
        fake.chat().enqueue(ChatReply.text("ok").usage(10_000, 200).cached(4_000).reasoning(50));

        ChatTurn turn;
        try (ApiKey apiKey = ApiKey.of(key)) {
            turn = chat.chat(new ChatCall(ProviderTarget.of(provider), model, List.of(UserMessage.from("hi")), List.of(),
                    stream), apiKey, ChatListener.NONE);
        }
        assertThat(fake.chat().lastRequest().stream()).isEqualTo(stream);

        UUID callId = UUID.randomUUID();
        UUID user = UUID.fromString(api.get("/api/v1/users/me", api.newUser()).text("id"));
        Cost cost = meter.record(new LlmCallRecord(callId, user, null, null, "gateway", provider, model, "ok",
                turn.attempts(), turn.usage(), turn.latencyMs()));
        assertThat(cost.usd()).isEqualByComparingTo(expectedUsd);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM llm_usage WHERE call_id = ?", callId);
        assertThat(row.get("input_tokens")).isEqualTo(10_000);
        assertThat(row.get("output_tokens")).isEqualTo(200);
        assertThat(row.get("cached_input_tokens")).isEqualTo(4_000);
        assertThat(row.get("reasoning_tokens")).isEqualTo(provider == Provider.ANTHROPIC ? null : 50);
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(expectedUsd);

        // recording the same call again writes nothing twice
        meter.record(new LlmCallRecord(callId, user, null, null, "gateway", provider, model, "ok", turn.attempts(),
                turn.usage(), turn.latencyMs()));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE call_id = ?", Integer.class, callId)).isOne();
    }
}
