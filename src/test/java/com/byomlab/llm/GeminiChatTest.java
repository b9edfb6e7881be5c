package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeGemini;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

import tools.jackson.databind.JsonNode;

class GeminiChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeGemini.start(expectedKey);
    }

    @Override
    int eventsIntoAToolCall() {
        return 1; // its first chunk holds the first functionCall
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.GOOGLE);
    }

    @Override
    String model() {
        return "gemini-2.0-flash";
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("google", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    boolean nonStreamedAnswersMayOmitUsage() {
        return false;
    }

    @Override
    boolean streamsToolArgumentsWhole() {
        return true;
    }

    @Override
    boolean protocolHasToolCallIds() {
        return false;
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).startsWith("/v1beta/models/gemini-2.0-flash:");
        assertThat(request.header("x-goog-api-key")).hasValue(key);
        assertThat(request.query() == null ? "" : request.query()).doesNotContain("key=");
    }

    /** functionCall in a "model" turn, then a functionResponse part naming the same function (no ids). */
    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        assertThat(body.path("systemInstruction").toString()).contains(SYSTEM);
        JsonNode functionCall = null;
        JsonNode functionResponse = null;
        for (JsonNode content : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                if (part.has("functionCall")) {
                    assertThat(content.path("role").asString()).isEqualTo("model");
                    functionCall = part.path("functionCall");
                }
                if (part.has("functionResponse")) {
                    functionResponse = part.path("functionResponse");
                }
            }
        }
        assertThat(functionCall).isNotNull();
        assertThat(functionCall.path("name").asString()).isEqualTo("get_price_history");
        assertThat(functionResponse).isNotNull();
        assertThat(functionResponse.path("name").asString()).isEqualTo("get_price_history");
    }
}
