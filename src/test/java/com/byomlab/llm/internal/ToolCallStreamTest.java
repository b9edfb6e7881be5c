package com.byomlab.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.ToolCallDelta;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

/** The bookkeeping that makes every provider's tool call pieces add up to the final calls. */
class ToolCallStreamTest {

    final List<ToolCallDelta> out = new ArrayList<>();
    final ToolCallStream stream = new ToolCallStream(out::add);

    static ToolExecutionRequest request(String id, String name, String arguments) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build();
    }

    @Test
    void providerIndexesBecomePositionsInOrderOfFirstAppearance() {
        stream.partial(3, "call_a", "f", "{\"a\":");
        stream.partial(7, "call_b", "g", "{}");
        stream.partial(3, null, null, "1}");

        assertThat(out).extracting(ToolCallDelta::index).containsExactly(0, 1, 0);
        assertThat(out).extracting(ToolCallDelta::first).containsExactly(true, true, false);
        assertThat(out.get(2).id()).isEqualTo("call_a");
        assertThat(out.get(2).name()).isEqualTo("f");
    }

    @Test
    void anthropicsRepeatedEmptyInputIsNotPassedOnTwice() {
        // LangChain4j's Anthropic client sends "{}" again at the block's end when the input was {}
        stream.partial(0, "toolu_1", "list_coins", "{");
        stream.partial(0, null, null, "}");
        stream.partial(0, "toolu_1", "list_coins", "{}");
        stream.complete(0, request("toolu_1", "list_coins", "{}"));

        assertThat(out).extracting(ToolCallDelta::arguments).containsExactly("{", "}");
    }

    @Test
    void aCallThatCameWholeGoesOutWholeWithAnIdTheFinalAnswerKeeps() {
        // Gemini: complete calls only, no ids
        stream.complete(0, request(null, "get_price_history", "{\"symbol\":\"BTC\"}"));
        stream.complete(1, request(null, "list_coins", "{}"));

        AiMessage message = stream.finish(AiMessage.from(List.of(request(null, "get_price_history",
                "{\"symbol\":\"BTC\"}"), request(null, "list_coins", "{}"))));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).arguments()).isEqualTo("{\"symbol\":\"BTC\"}");
        assertThat(out.get(0).id()).startsWith("call_");
        assertThat(message.toolExecutionRequests()).extracting(ToolExecutionRequest::id)
                .containsExactly(out.get(0).id(), out.get(1).id());
    }

    @Test
    void whatOnlyTheFinalAnswerHoldsIsSentBeforeItReturns() {
        stream.partial(0, "call_1", "f", "{\"a\"");
        AiMessage message = AiMessage.from(List.of(request("call_1", "f", "{\"a\":1}"),
                request("call_2", "g", "{\"b\":2}")));

        stream.finish(message);

        assertThat(out).extracting(ToolCallDelta::index, ToolCallDelta::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "{\"a\""), org.assertj.core.groups.Tuple.tuple(0, ":1}"),
                org.assertj.core.groups.Tuple.tuple(1, "{\"b\":2}"));
        assertThat(out.get(2).first()).isTrue();
    }

    @Test
    void piecesWaitForTheNameOfTheirCall() {
        stream.partial(0, "call_1", null, "{\"a\"");
        assertThat(out).isEmpty();
        stream.partial(0, null, "f", ":1}");

        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("f");
            assertThat(d.arguments()).isEqualTo("{\"a\":1}");
        });
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheCall() {
        ToolCallStream throwing = new ToolCallStream(d -> {
            throw new IllegalStateException("listener bug");
        });
        throwing.partial(0, "call_1", "f", "{}");
        AiMessage message = throwing.finish(AiMessage.from(List.of(request("call_1", "f", "{}"))));
        assertThat(message.toolExecutionRequests()).hasSize(1);
    }
}
