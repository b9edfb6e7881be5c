package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

import tools.jackson.databind.JsonNode;

/** A user's OpenAI-compatible server (OpenRouter-like API root), reached through the user-endpoint pool. */
class OpenAiCompatibleChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.compatible(expectedKey, "/api/v1");
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.OPENAI_COMPATIBLE, fake.baseUrl());
    }

    @Override
    String model() {
        return "gpt-4o";
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/api/v1/chat/completions");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }

    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        OpenAiChatTest.assertOpenAiToolResult(body, toolCallId);
    }
}
