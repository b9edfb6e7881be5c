package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

import tools.jackson.databind.JsonNode;

/** A preset chats like every provider: OpenAI's protocol at the preset's API root, moved to the fake by the override. */
class GroqChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.compatible(expectedKey, "/openai/v1");
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.GROQ);
    }

    @Override
    String model() {
        return "gpt-4o-mini";
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("groq", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }

    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        OpenAiChatTest.assertOpenAiToolResult(body, toolCallId);
    }
}
