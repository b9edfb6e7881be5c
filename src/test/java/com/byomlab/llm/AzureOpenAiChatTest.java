package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.byomlab.testsupport.fakes.FakeAzureOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

import tools.jackson.databind.JsonNode;

/** Chat completions on a deployment, api-key header and api-version query, at the user's resource endpoint. */
class AzureOpenAiChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeAzureOpenAi.start(expectedKey);
    }

    @Override
    ProviderTarget target() {
        return new ProviderTarget(Provider.AZURE_OPENAI, fake.baseUrl(), null);
    }

    @Override
    String model() {
        return "gpt-4o-mini"; // the deployment name
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
        assertThat(request.query()).isEqualTo("api-version=2024-10-21");
        assertThat(request.header("api-key")).hasValue(key);
        assertThat(request.header("authorization")).isEmpty();
    }

    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        OpenAiChatTest.assertOpenAiToolResult(body, toolCallId);
    }
}
