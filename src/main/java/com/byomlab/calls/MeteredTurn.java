package com.byomlab.calls;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.EmbeddingAnswer;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.Cost;

import java.util.List;

/**
 * A call that answered, with what it cost (unknown, never zero, when the price or the usage is missing). A model
 * listing, which runs through the same checks, carries its {@code models} instead of a turn; an embeddings call its
 * {@code embedding}.
 *
 * @param route     the route that answered: the one asked for, or after {@code fallbacks} another of its fallback
 *                  order (whose own order then goes on from there, so a session that keeps it tries the rest next)
 * @param fallbacks the moves to another credential this call made, in order; empty when the first route answered
 */
public record MeteredTurn(ChatTurn turn, Cost cost, List<ModelInfo> models, CallRoute route, List<Fallback> fallbacks,
                          EmbeddingAnswer embedding) {

    public MeteredTurn {
        models = models == null ? List.of() : models;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    public MeteredTurn(ChatTurn turn, Cost cost, List<ModelInfo> models, CallRoute route, List<Fallback> fallbacks) {
        this(turn, cost, models, route, fallbacks, null);
    }

    MeteredTurn(ChatTurn turn, Cost cost, CallRoute route) {
        this(turn, cost, List.of(), route, List.of());
    }

    MeteredTurn withCost(Cost known) {
        return new MeteredTurn(turn, known, models, route, fallbacks, embedding);
    }

    MeteredTurn after(List<Fallback> moves, CallRoute answered) {
        return new MeteredTurn(turn, cost, models, answered, moves, embedding);
    }

    /** The usage to meter: the chat turn's, or the embeddings call's. */
    TokenCounts usage() {
        return turn != null ? turn.usage() : embedding != null ? embedding.usage() : TokenCounts.notReported();
    }

    int attempts() {
        return turn != null ? turn.attempts() : embedding != null ? embedding.attempts() : 1;
    }

    long latencyMs() {
        return turn != null ? turn.latencyMs() : embedding != null ? embedding.latencyMs() : 0;
    }

    /** True when another credential than the one asked for answered. */
    public boolean fellBack() {
        return !fallbacks.isEmpty();
    }
}
