package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeAnthropic;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;
import com.byomlab.testsupport.fakes.Scenario;

import tools.jackson.databind.JsonNode;

class AnthropicChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeAnthropic.start(expectedKey);
    }

    @Override
    int eventsIntoAToolCall() {
        return 5; // message_start, ping, content_block_start, two input_json_delta
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.ANTHROPIC);
    }

    @Override
    String model() {
        return "claude-sonnet-4-20250514";
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("anthropic", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    boolean reportsCacheWrites() {
        return true;
    }

    @Override
    boolean reportsReasoningTokens() {
        return false;
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).hasValue(key);
        assertThat(request.header("anthropic-version")).hasValue("2023-06-01");
        assertThat(request.header("authorization")).isEmpty();
    }

    /** tool_use in the assistant turn, tool_result with the same id inside the next user turn; system top-level. */
    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        assertThat(body.path("system").toString()).contains(SYSTEM);
        JsonNode toolUse = null;
        JsonNode toolResult = null;
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.path("type").asString("").equals("tool_use")) {
                    assertThat(message.path("role").asString()).isEqualTo("assistant");
                    toolUse = block;
                }
                if (block.path("type").asString("").equals("tool_result")) {
                    assertThat(message.path("role").asString()).isEqualTo("user");
                    toolResult = block;
                }
            }
        }
        assertThat(toolUse).isNotNull();
        assertThat(toolUse.path("id").asString()).isEqualTo(toolCallId);
        assertThat(toolResult).isNotNull();
        assertThat(toolResult.path("tool_use_id").asString()).isEqualTo(toolCallId);
    }

    @Test
    void overloadedErrorEventMidStreamIsRetried() throws Exception {
        fake.chat().enqueue(ChatReply.failure(Scenario.overloaded()), ChatReply.text("ok"));

        ChatTurn turn = send(true, firstTurn());

        assertThat(turn.message().text()).isEqualTo("ok");
        assertThat(turn.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(10));
    }
}
