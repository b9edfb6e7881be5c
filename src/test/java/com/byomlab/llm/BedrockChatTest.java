package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeBedrock;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

import tools.jackson.databind.JsonNode;

/**
 * The chat contract on AWS Bedrock (Converse / ConverseStream through the AWS SDK) with a Bedrock API key, which the
 * SDK sends as a bearer token; {@link BedrockSigV4Test} does the same calls with an access key pair the SDK signs.
 */
class BedrockChatTest extends ChatContract {

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeBedrock.start(expectedKey);
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.bedrock(FakeBedrock.REGION);
    }

    @Override
    String model() {
        return "anthropic.claude-3-5-haiku-20241022-v1:0";
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("bedrock", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).matches("/model/anthropic\\.claude-3-5-haiku-20241022-v1(%3A|:)0/converse(-stream)?");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }

    @Override
    boolean reportsReasoningTokens() {
        return false;
    }

    @Override
    boolean reportsCacheWrites() {
        return true;
    }

    @Override
    boolean sendsRetryAfter() {
        return false;
    }

    @Override
    void assertToolResultShape(JsonNode body, String toolCallId) {
        JsonNode last = body.path("messages").get(body.path("messages").size() - 1);
        assertThat(last.path("role").asString()).isEqualTo("user");
        JsonNode result = last.path("content").get(0).path("toolResult");
        assertThat(result.path("toolUseId").asString()).isEqualTo(toolCallId);
        assertThat(result.path("content").get(0).path("text").asString()).contains("61000");
        JsonNode assistant = body.path("messages").get(body.path("messages").size() - 2);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("content").get(0).path("toolUse").path("input").path("symbol").asString())
                .isEqualTo("BTC");
    }
}
