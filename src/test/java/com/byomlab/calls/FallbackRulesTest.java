package com.byomlab.calls;

import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderError;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of fallbacks that need no service: when a call moves on, how long a key cools down, what carries over. */
class FallbackRulesTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void aCallMovesOnOnlyOnFailuresAnotherCredentialCanHelpWith(ErrorCode code) {
        boolean expected = switch (code) {
            case RATE_LIMITED, INSUFFICIENT_QUOTA, INVALID_KEY, PROVIDER_UNAVAILABLE, TIMEOUT, NETWORK -> true;
            case BAD_BASE_URL, UNSUPPORTED_PROVIDER, UNKNOWN_MODEL -> false;
        };
        assertThat(Fallbacks.movesOn(failure(code, false))).isEqualTo(expected);
        // a request the provider refused as such (a 400 about the request) never moves on: another would refuse it too
        assertThat(Fallbacks.movesOn(failure(code, true))).isFalse();
    }

    @Test
    void aCooldownDoublesWithEachFailureInARowUpToItsCap() {
        FallbackSettings.Backoff backoff = new FallbackSettings.Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 50).stream().map(backoff::after).toList()).containsExactly(
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10));
        // a cap below the first wait is raised to it: a cooldown never shrinks
        assertThat(new FallbackSettings.Backoff(Duration.ofSeconds(30), Duration.ofSeconds(5)).after(3))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aConversationCarriedToAnotherProviderDropsOnlyWhatOnlyTheFirstCouldRead() {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("toolu_01.ab:c").name("get_price_history")
                .arguments("{\"symbol\":\"BTC\"}").build();
        AiMessage withThinking = AiMessage.builder().text("Let me look.").thinking("secret reasoning")
                .toolExecutionRequests(List.of(call)).attributes(Map.of("thinking_signature", "sig-123")).build();
        List<ChatMessage> history = List.of(SystemMessage.from("You are an analyst."), UserMessage.from("BTC?"),
                withThinking, ToolExecutionResultMessage.from(call, "{\"prices\":[1,2]}"));

        List<ChatMessage> toOpenAi = Conversations.carriedTo(Provider.ANTHROPIC, Provider.OPENAI, history);
        assertThat(toOpenAi).hasSize(4);
        assertThat(toOpenAi.get(0)).isEqualTo(history.get(0));
        assertThat(toOpenAi.get(1)).isEqualTo(history.get(1));
        AiMessage carried = (AiMessage) toOpenAi.get(2);
        assertThat(carried.text()).isEqualTo("Let me look.");
        assertThat(carried.thinking()).isNull();
        assertThat(carried.attributes()).isEmpty();
        assertThat(carried.toolExecutionRequests()).containsExactly(call); // ids and arguments unchanged
        assertThat(toOpenAi.get(3)).isEqualTo(history.get(3));

        // to Anthropic, ids keep only the characters it accepts, in the call and its result alike
        List<ChatMessage> toAnthropic = Conversations.carriedTo(Provider.OPENAI, Provider.ANTHROPIC, history);
        assertThat(((AiMessage) toAnthropic.get(2)).toolExecutionRequests().get(0).id()).isEqualTo("toolu_01_ab_c");
        assertThat(((ToolExecutionResultMessage) toAnthropic.get(3)).id()).isEqualTo("toolu_01_ab_c");
        assertThat(((ToolExecutionResultMessage) toAnthropic.get(3)).text()).isEqualTo("{\"prices\":[1,2]}");

        // the same provider: nothing changes, not even the thinking
        assertThat(Conversations.carriedTo(Provider.OPENAI, Provider.OPENAI, history)).isSameAs(history);
    }

    private static LlmCallException failure(ErrorCode code, boolean rejected) {
        return new LlmCallException(Provider.OPENAI, new ProviderError(code, "m", "h", null), 1, null, rejected);
    }
}
