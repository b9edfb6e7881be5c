package com.byomlab.telemetry;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The opt-in content attributes in the conventions' message shape. */
class ContentJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aConversationWithAToolRoundTripInTheConventionsShape() {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("get_price_history")
                .arguments("{\"symbol\":\"BTC\"}").build();
        List<ChatMessage> messages = List.of(SystemMessage.from("You are a market analyst."),
                UserMessage.from("How did BTC do?"), AiMessage.from(List.of(call)),
                ToolExecutionResultMessage.from(call, "{\"bars\":[]}"));

        JsonNode system = JSON.readTree(ContentJson.systemInstructions(messages));
        assertThat(system.get(0).path("type").asText()).isEqualTo("text");
        assertThat(system.get(0).path("content").asText()).isEqualTo("You are a market analyst.");

        JsonNode input = JSON.readTree(ContentJson.inputMessages(messages));
        assertThat(input.findValuesAsString("role")).containsExactly("user", "assistant", "tool");
        assertThat(input.get(0).path("parts").get(0).path("content").asText()).isEqualTo("How did BTC do?");
        JsonNode toolCall = input.get(1).path("parts").get(0);
        assertThat(toolCall.path("type").asText()).isEqualTo("tool_call");
        assertThat(toolCall.path("id").asText()).isEqualTo("call_1");
        assertThat(toolCall.path("arguments").path("symbol").asText()).isEqualTo("BTC");
        JsonNode response = input.get(2).path("parts").get(0);
        assertThat(response.path("type").asText()).isEqualTo("tool_call_response");
        assertThat(response.path("id").asText()).isEqualTo("call_1");
        assertThat(response.path("result").asText()).isEqualTo("{\"bars\":[]}");

        JsonNode output = JSON.readTree(ContentJson.outputMessages(AiMessage.from("BTC rose 4%."), "stop"));
        assertThat(output.get(0).path("role").asText()).isEqualTo("assistant");
        assertThat(output.get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(output.get(0).path("parts").get(0).path("content").asText()).isEqualTo("BTC rose 4%.");
    }

    @Test
    void aLongConversationIsCutAndSaysSo() {
        String capped = ContentJson.capped("x".repeat(ContentJson.MAX_CHARS + 10));
        assertThat(capped).startsWith("x".repeat(ContentJson.MAX_CHARS)).endsWith("characters]");
    }
}
