package com.byomlab.agent;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The running totals the loop writes for a session: what the seven SUM subqueries over its steps used to give. */
class SessionTotalsTest {

    @Test
    void sumsModelTurnsAndFailedCallsAndKeepsAnUnknownCostUnknown() {
        SessionRepository.Totals totals = SessionRepository.Totals.NONE
                .plus(turn(1, 1_000, 200, 300, 50, 1, new BigDecimal("0.0042"), true))
                .plus(turn(2, 2_000, 100, null, null, 3, null, false))   // unpriced model: cost unknown
                .plus(turn(3, null, null, null, null, 2, BigDecimal.ZERO, true)); // a failed call: attempts, no cost

        assertThat(totals.llmCalls()).isEqualTo(6);
        assertThat(totals.inputTokens()).isEqualTo(3_000);
        assertThat(totals.outputTokens()).isEqualTo(300);
        assertThat(totals.cachedInputTokens()).isEqualTo(300);
        assertThat(totals.cacheWriteTokens()).isEqualTo(7);
        assertThat(totals.reasoningTokens()).isEqualTo(50);
        assertThat(totals.costUsd()).isEqualByComparingTo("0.0042");
        assertThat(totals.costComplete()).isFalse();
    }

    @Test
    void aSessionWhoseCallsAreAllPricedIsComplete() {
        SessionRepository.Totals totals = SessionRepository.Totals.NONE
                .plus(turn(1, 10, 5, 0, 0, 1, new BigDecimal("0.001"), true))
                .plus(turn(2, 20, 5, 0, 0, 1, new BigDecimal("0.002"), true));

        assertThat(totals.costUsd()).isEqualByComparingTo("0.003");
        assertThat(totals.costComplete()).isTrue();
        assertThat(SessionRepository.Totals.NONE.costComplete()).isTrue();
    }

    private static AgentStep turn(int seq, Integer in, Integer out, Integer cached, Integer reasoning, int attempts,
                                  BigDecimal cost, boolean costKnown) {
        return new AgentStep(seq, AgentStep.MODEL_TURN, "text", null, null, in, out, cached, cached == null ? null : 7,
                reasoning, 10L, attempts, cost, costKnown, Instant.now(), null);
    }
}
