package com.byomlab.usage.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.Provider;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeGemini;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.usage.Cost;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gemini's usageMetadata (ai.google.dev UsageMetadata): {@code promptTokenCount} includes
 * {@code cachedContentTokenCount} (counted once, not twice); {@code thoughtsTokenCount} is outside
 * {@code candidatesTokenCount} and billed as output. Streamed, the last chunk holds the totals. Above 200K prompt
 * tokens Gemini 2.5 Pro bills the whole call at its long-context rates.
 *
 * <p>gemini-2.5-pro, USD per million: input 1.25, cache read 0.125, output (thinking included) 10; above 200K:
 * 2.50, 0.25, 15.
 */
class GeminiCostConformanceTest extends CostConformance {

    static final String MODEL = "gemini-2.5-pro";
    final FakeGemini fake = FakeGemini.start(KEY);

    @Override
    FakeProviderServer fake() {
        return fake;
    }

    @Override
    Provider provider() {
        return Provider.GOOGLE;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void thinkingIsOutputAndCacheReadsAreCountedOnce(boolean stream) throws Exception {
        // wire: promptTokenCount 10000, cachedContentTokenCount 4000, candidatesTokenCount 200, thoughtsTokenCount 1000
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(10_000, 1_200).cached(4_000).reasoning(1_000), stream);

        assertThat(turn.usage().output()).isEqualTo(1_200);
        assertThat(turn.usage().reasoning()).isEqualTo(1_000);
        assertThat(turn.usage().cachedInput()).isEqualTo(4_000);
        // 6000 x 1.25 + 4000 x 0.125 + 1200 x 10 = 7500 + 500 + 12000 = 20000
        assertUsd(cost(MODEL, turn), "0.02");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aLongContextCallIsPricedWhollyAtTheTierRates(boolean stream) throws Exception {
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(300_000, 2_000).cached(100_000).reasoning(1_500), stream);

        Cost cost = cost(MODEL, turn);
        // 200000 x 2.50 + 100000 x 0.25 + 2000 x 15 = 500000 + 25000 + 30000 = 555000
        assertUsd(cost, "0.555");
        assertThat(cost.longContext()).isTrue();
        // without caching: 300000 x 2.50 + 2000 x 15 = 780000; saved 225000 / 1e6
        assertThat(cost.cacheSavingUsd()).isEqualByComparingTo("0.225");
    }
}
