package com.byomlab.calls;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ModelInfo;
import com.byomlab.usage.Cost;

import java.util.List;

/**
 * A call that answered, with what it cost (unknown, never zero, when the price or the usage is missing). A model
 * listing, which runs through the same checks, carries its {@code models} instead of a turn.
 */
public record MeteredTurn(ChatTurn turn, Cost cost, List<ModelInfo> models) {

    MeteredTurn(ChatTurn turn, Cost cost) {
        this(turn, cost, List.of());
    }
}
