package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

import tools.jackson.databind.JsonNode;

class OpenAiChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.start(expectedKey);
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.OPENAI);
    }

    @Override
    String model() {
        return "gpt-4o-mini";
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("openai", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }

    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        assertOpenAiToolResult(body, toolCallId);
    }

    /** An assistant message with tool_calls[].id, then {"role":"tool","tool_call_id":id,"content":...}. */
    static void assertOpenAiToolResult(JsonNode body, String toolCallId) {
        JsonNode assistant = null;
        JsonNode tool = null;
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asString("").equals("assistant")) {
                assistant = message;
            }
            if (message.path("role").asString("").equals("tool")) {
                tool = message;
            }
        }
        assertThat(assistant).isNotNull();
        assertThat(assistant.path("tool_calls").get(0).path("id").asString()).isEqualTo(toolCallId);
        assertThat(assistant.path("tool_calls").get(0).path("type").asString()).isEqualTo("function");
        assertThat(tool).isNotNull();
        assertThat(tool.path("tool_call_id").asString()).isEqualTo(toolCallId);
    }
}
