package com.byomlab.usage.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeBedrock;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.usage.Cost;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bedrock Converse's TokenUsage (API reference, runtime TokenUsage): {@code inputTokens} leaves out
 * {@code cacheReadInputTokens} and {@code cacheWriteInputTokens}, which {@code cacheDetails} splits by TTL (5m, 1h);
 * streamed, they come in the {@code metadata} event.
 * Signed with SigV4 like every Bedrock call (the fake checks the signature).
 *
 * <p>anthropic.claude-sonnet-4-5-20250929-v1:0, USD per million: input 3, cache read 0.30, cache write 3.75, output 15;
 * above 200K: 6, 0.60, 7.50, 22.50.
 */
class BedrockCostConformanceTest extends CostConformance {

    static final String PAIR = "AKIAUSERKEY000000001:wJalrXUtnFEMI/K7MDENG/bPxRfiCYUSERSECRET";
    static final String MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    final FakeBedrock fake = (FakeBedrock) FakeBedrock.start(PAIR).models(MODEL);

    @Override
    FakeProviderServer fake() {
        return fake;
    }

    @Override
    Provider provider() {
        return Provider.BEDROCK;
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.bedrock(FakeBedrock.REGION);
    }

    @Override
    String key() {
        return PAIR;
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cacheReadsAndWritesEachAtTheirRate(boolean stream) throws Exception {
        // wire: inputTokens 4000, cacheReadInputTokens 4000, cacheWriteInputTokens 2000, outputTokens 200
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(10_000, 200).cached(4_000).cacheWrite(2_000), stream);

        assertThat(turn.usage().input()).isEqualTo(10_000);
        // 4000 x 3 + 4000 x 0.30 + 2000 x 3.75 + 200 x 15 = 12000 + 1200 + 7500 + 3000 = 23700
        assertUsd(cost(MODEL, turn), "0.0237");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void oneHourWritesFromCacheDetailsAtTheirRate(boolean stream) throws Exception {
        // cacheDetails: [{ttl: 1h, inputTokens: 500}, {ttl: 5m, inputTokens: 1500}]
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(10_000, 200).cached(4_000).cacheWrite(2_000)
                .cacheWrite1h(500), stream);

        assertThat(turn.usage().cacheWrite1h()).isEqualTo(500);
        // 4000 x 3 + 4000 x 0.30 + 1500 x 3.75 + 500 x 6 + 200 x 15 = 12000 + 1200 + 5625 + 3000 + 3000 = 24825
        assertUsd(cost(MODEL, turn), "0.024825");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aLongContextCallIsPricedWhollyAtTheTierRates(boolean stream) throws Exception {
        ChatTurn turn = call(MODEL, ChatReply.text("ok").usage(250_000, 1_000).cached(200_000).cacheWrite(10_000),
                stream);

        Cost cost = cost(MODEL, turn);
        // 40000 x 6 + 200000 x 0.60 + 10000 x 7.50 + 1000 x 22.50 = 240000 + 120000 + 75000 + 22500 = 457500
        assertUsd(cost, "0.4575");
        assertThat(cost.longContext()).isTrue();
    }
}
