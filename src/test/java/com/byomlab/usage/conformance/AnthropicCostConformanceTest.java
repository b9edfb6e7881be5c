package com.byomlab.usage.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.Provider;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeAnthropic;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.usage.Cost;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anthropic's usage object (https://docs.anthropic.com/en/api/messages): {@code input_tokens},
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} are disjoint; {@code cache_creation} splits
 * the writes into {@code ephemeral_5m_input_tokens} (1.25x input) and {@code ephemeral_1h_input_tokens} (2x); thinking
 * is inside {@code output_tokens}. Streamed, the input counts come in {@code message_start}, the output in
 * {@code message_delta}. Above 200K input tokens (reads and writes included) Claude Sonnet 4 bills the whole call at
 * its long-context rates.
 *
 * <p>claude-sonnet-4-20250514, USD per million: input 3, cache read 0.30, 5-minute write 3.75, 1-hour write 6,
 * output 15; above 200K: input 6, cache read 0.60, 5-minute write 7.50, output 22.50, and no 1-hour write rate.
 */
class AnthropicCostConformanceTest extends CostConformance {

    static final String MODEL = "claude-sonnet-4-20250514";
    final FakeAnthropic fake = FakeAnthropic.start(KEY);

    @Override
    FakeProviderServer fake() {
        return fake;
    }

    @Override
    Provider provider() {
        return Provider.ANTHROPIC;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cacheReadsAndFiveMinuteWritesEachAtTheirRate(boolean stream) throws Exception {
        // wire: input_tokens 4000, cache_read 4000, cache_creation 2000, output 200 (thinking included)
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(10_000, 200).cached(4_000).cacheWrite(2_000), stream);

        assertThat(turn.usage().input()).isEqualTo(10_000);
        assertThat(turn.usage().cacheWrite()).isEqualTo(2_000);
        assertThat(turn.usage().cacheWrite1h()).isNull();
        // 4000 x 3 + 4000 x 0.30 + 2000 x 3.75 + 200 x 15 = 12000 + 1200 + 7500 + 3000 = 23700 / 1e6
        assertUsd(cost(MODEL, turn), "0.0237");
        // without caching: 10000 x 3 + 200 x 15 = 33000 / 1e6; saved 0.0093
        assertThat(cost(MODEL, turn).cacheSavingUsd()).isEqualByComparingTo("0.0093");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void oneHourWritesAtTwiceTheInputRate(boolean stream) throws Exception {
        // cache_creation: {ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500}
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(10_000, 200).cached(4_000).cacheWrite(2_000)
                .cacheWrite1h(500), stream);

        assertThat(turn.usage().cacheWrite()).isEqualTo(2_000);
        assertThat(turn.usage().cacheWrite1h()).isEqualTo(500);
        // 4000 x 3 + 4000 x 0.30 + 1500 x 3.75 + 500 x 6 + 200 x 15 = 12000 + 1200 + 5625 + 3000 + 3000 = 24825
        assertUsd(cost(MODEL, turn), "0.024825");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aLongContextCallIsPricedWhollyAtTheTierRates(boolean stream) throws Exception {
        // 250000 input in all (> 200000): 40000 plain, 200000 read, 10000 written; 1000 out
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(250_000, 1_000).cached(200_000).cacheWrite(10_000),
                stream);

        Cost cost = cost(MODEL, turn);
        // 40000 x 6 + 200000 x 0.60 + 10000 x 7.50 + 1000 x 22.50 = 240000 + 120000 + 75000 + 22500 = 457500
        assertUsd(cost, "0.4575");
        assertThat(cost.longContext()).isTrue();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aRateTheTableLacksMakesTheCostIncompleteNotCheaper(boolean stream) throws Exception {
        // a 1-hour write above 200K: the snapshot gives Sonnet 4 no such rate
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(250_000, 1_000).cached(200_000).cacheWrite(10_000)
                .cacheWrite1h(10_000), stream);

        Cost cost = cost(MODEL, turn);
        assertThat(cost.known()).isFalse();
        assertThat(cost.reason()).contains("1-hour cache-write").contains("above 200000 input tokens");
    }
}
