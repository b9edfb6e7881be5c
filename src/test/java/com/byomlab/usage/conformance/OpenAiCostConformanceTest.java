package com.byomlab.usage.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.Provider;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.usage.Cost;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenAI's Chat Completions usage (openai-python types/completion_usage.py; prompt caching guide): {@code prompt_tokens}
 * includes {@code prompt_tokens_details.cached_tokens} and, on GPT-5.6 and later, {@code cache_write_tokens} (billed at
 * 1.25x input); {@code completion_tokens} includes {@code completion_tokens_details.reasoning_tokens} (billed as
 * output). Streamed, the usage is the last chunk's, when {@code stream_options.include_usage} was asked for.
 *
 * <p>USD per million: gpt-4o-mini input 0.15, cache read 0.075, output 0.60. gpt-5.6 input 5, cache read 0.50,
 * cache write 6.25, output 30; above 272K input: 10, 1, 12.50, 45. gpt-4o-2024-05-13 has no cache-read rate.
 */
class OpenAiCostConformanceTest extends CostConformance {

    final FakeOpenAi fake = (FakeOpenAi) FakeOpenAi.start(KEY).models("gpt-4o-mini", "gpt-5.6", "gpt-4o-2024-05-13");

    @Override
    FakeProviderServer fake() {
        return fake;
    }

    @Override
    Provider provider() {
        return Provider.OPENAI;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cacheReadsAndReasoning(boolean stream) throws Exception {
        ChatTurn turn = call("gpt-4o-mini", ChatReply.text("ok").usage(10_000, 200).cached(4_000).reasoning(50), stream);

        assertThat(turn.usage().reasoning()).isEqualTo(50);
        // 6000 x 0.15 + 4000 x 0.075 + 200 x 0.60 (reasoning is output) = 900 + 300 + 120 = 1320
        assertUsd(cost("gpt-4o-mini", turn), "0.00132");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cacheWritesOfGpt56AreNotDropped(boolean stream) throws Exception {
        ChatTurn turn = call("gpt-5.6", ChatReply.text("ok").usage(10_000, 200).cached(4_000).cacheWrite(3_000)
                .reasoning(50), stream);

        assertThat(turn.usage().cacheWrite()).isEqualTo(3_000);
        // 3000 x 5 + 4000 x 0.50 + 3000 x 6.25 + 200 x 30 = 15000 + 2000 + 18750 + 6000 = 41750
        assertUsd(cost("gpt-5.6", turn), "0.04175");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aLongContextCallIsPricedWhollyAtTheTierRates(boolean stream) throws Exception {
        ChatTurn turn = call("gpt-5.6", ChatReply.text("ok").usage(300_000, 1_000).cached(250_000).cacheWrite(20_000),
                stream);

        Cost cost = cost("gpt-5.6", turn);
        // 30000 x 10 + 250000 x 1 + 20000 x 12.50 + 1000 x 45 = 300000 + 250000 + 250000 + 45000 = 845000
        assertUsd(cost, "0.845");
        assertThat(cost.longContext()).isTrue();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cacheReadsWithoutACacheRateAreIncompleteNotFullPrice(boolean stream) throws Exception {
        ChatTurn turn = call("gpt-4o-2024-05-13", ChatReply.text("ok").usage(10_000, 200).cached(4_000), stream);

        Cost cost = cost("gpt-4o-2024-05-13", turn);
        assertThat(cost.known()).isFalse();
        assertThat(cost.reason()).contains("cache-read");
    }
}
