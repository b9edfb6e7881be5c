package com.byomlab.gateway;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenAI request JSON to LangChain4j's neutral messages, tools and options. */
class CompletionRequestsTest {

    @Test
    void messagesOfEveryRoleAndToolResultsPairedWithTheirCallByIdAndName() {
        CompletionRequest r = CompletionRequests.parse("""
                {"model":"m","messages":[
                  {"role":"developer","content":"Be exact."},
                  {"role":"user","name":"ada","content":[{"type":"text","text":"Weather "},{"type":"text","text":"in Paris?"}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\\"t\\":21}"}],
                 "temperature":0.2,"top_p":0.9,"max_completion_tokens":50,"stop":"END",
                 "stream":true,"stream_options":{"include_usage":true}}""");

        assertThat(r.messages()).hasSize(4);
        assertThat(((SystemMessage) r.messages().get(0)).text()).isEqualTo("Be exact.");
        UserMessage user = (UserMessage) r.messages().get(1);
        assertThat(user.singleText()).isEqualTo("Weather in Paris?");
        assertThat(user.name()).isEqualTo("ada");
        AiMessage assistant = (AiMessage) r.messages().get(2);
        assertThat(assistant.toolExecutionRequests()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("call_1");
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(c.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        });
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) r.messages().get(3);
        assertThat(result.id()).isEqualTo("call_1");
        assertThat(result.toolName()).isEqualTo("get_weather");
        assertThat(result.text()).isEqualTo("{\"t\":21}");
        assertThat(r.options().temperature()).isEqualTo(0.2);
        assertThat(r.options().topP()).isEqualTo(0.9);
        assertThat(r.options().maxOutputTokens()).isEqualTo(50);
        assertThat(r.options().stopSequences()).containsExactly("END");
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
    }

    @Test
    void toolJsonSchemaBecomesNeutralSchemaElements() {
        CompletionRequest r = CompletionRequests.parse("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"search","description":"Find things",
                   "parameters":{"type":"object","properties":{
                     "query":{"type":"string","description":"what"},
                     "limit":{"type":["integer","null"]},
                     "order":{"type":"string","enum":["asc","desc"]},
                     "tags":{"type":"array","items":{"type":"string"}},
                     "range":{"type":"object","properties":{"from":{"type":"integer"}},"required":["from"]}},
                   "required":["query"],"additionalProperties":false}}},
                  {"type":"function","function":{"name":"other"}}],
                 "tool_choice":{"type":"function","function":{"name":"search"}}}""");

        assertThat(r.tools()).hasSize(1); // a named tool_choice offers only that tool, and requires it
        assertThat(r.options().toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        ToolSpecification search = r.tools().get(0);
        assertThat(search.description()).isEqualTo("Find things");
        JsonObjectSchema p = search.parameters();
        assertThat(p.required()).containsExactly("query");
        assertThat(p.additionalProperties()).isFalse();
        assertThat(p.properties().get("query")).isInstanceOf(JsonStringSchema.class);
        assertThat(p.properties().get("query").description()).isEqualTo("what");
        assertThat(p.properties().get("limit")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(((JsonEnumSchema) p.properties().get("order")).enumValues()).containsExactly("asc", "desc");
        assertThat(((JsonArraySchema) p.properties().get("tags")).items()).isInstanceOf(JsonStringSchema.class);
        assertThat(((JsonObjectSchema) p.properties().get("range")).required()).containsExactly("from");
    }

    @Test
    void whatTheNeutralApiCannotCarryIsRefusedNotDropped() {
        assertThatThrownBy(() -> CompletionRequests.parse("{\"model\":\"m\",\"response_format\":{\"type\":"
                + "\"json_schema\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.param()).isEqualTo("response_format"));
        assertThatThrownBy(() -> CompletionRequests.parse("{\"model\":\"m\",\"functions\":[],\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}")).isInstanceOf(GatewayError.class);
        assertThatThrownBy(() -> CompletionRequests.parse("[1,2]")).isInstanceOf(GatewayError.class);
    }

    /** Numbers and flags the gateway once answered with a 500, accepted silently, or cut: each is a 400 naming it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "\"max_tokens\":3000000000                  | max_tokens",
            "\"max_tokens\":99999999999999999999999999  | max_tokens",
            "\"max_completion_tokens\":3000000000       | max_completion_tokens",
            "\"max_tokens\":1e400                       | max_tokens",
            "\"max_tokens\":0                           | max_tokens",
            "\"max_tokens\":2.5                         | max_tokens",
            "\"temperature\":1e400                      | temperature",
            "\"temperature\":-1e400                     | temperature",
            "\"temperature\":99999999999999999999999999 | temperature",
            "\"temperature\":-0.1                       | temperature",
            "\"temperature\":2.01                       | temperature",
            "\"temperature\":\"hot\"                    | temperature",
            "\"top_p\":1.5                              | top_p",
            "\"top_p\":1e400                            | top_p",
            "\"n\":3000000000                           | n",
            "\"n\":1e400                                | n",
            "\"n\":\"x\"                                | n",
            "\"stream\":\"yes\"                         | stream",
            "\"stream\":1                               | stream",
            "\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"} | stream_options.include_usage",
            "\"stop\":[1,{}]                            | stop[0]",
            "\"stop\":{}                                | stop",
            "\"model\":123                              | model",
            "\"model\":[\"gpt-4o\"]                     | model"})
    void malformedValuesAre400sNamingTheParameter(String field, String param) {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + field + "}";
        assertThatThrownBy(() -> CompletionRequests.parse(body)).isInstanceOfSatisfying(GatewayError.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).contains(param.replaceAll("\\[\\d+]$", ""));
        });
    }

    @Test
    void boundaryValuesStillPass() {
        CompletionRequest r = CompletionRequests.parse("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":2147483647,
                 "temperature":2,"top_p":0,"n":1.0,"stream":false,"stop":["a","b"],"seed":1e400}""");
        assertThat(r.options().maxOutputTokens()).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.options().temperature()).isEqualTo(2.0);
        assertThat(r.options().topP()).isEqualTo(0.0);
        assertThat(r.options().stopSequences()).containsExactly("a", "b");
    }
}
