package com.byomlab.ui;

import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.Provider;
import com.byomlab.usage.ModelPrice;
import com.byomlab.usage.PriceTable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** A model in a picker: its id, context size and cost per 1,000 tokens (when the price table knows it). */
record ModelOption(String id, String name, Integer contextWindow, BigDecimal inputPer1k, BigDecimal outputPer1k) {

    static List<ModelOption> of(PriceTable prices, Provider provider, List<ModelInfo> models) {
        return models.stream().map(m -> of(prices, provider, m.id(), m.displayName(), m.contextWindow())).toList();
    }

    static ModelOption of(PriceTable prices, Provider provider, String id, String name, Integer contextWindow) {
        Optional<ModelPrice> price = prices.find(provider, id);
        Integer context = contextWindow != null ? contextWindow : price.map(ModelPrice::contextWindow).orElse(null);
        return new ModelOption(id, name == null || name.isBlank() ? id : name, context,
                price.map(ModelPrice::inputPer1k).orElse(null), price.map(ModelPrice::outputPer1k).orElse(null));
    }

    /** "gpt-4o-mini · 128k context · $0.00015 in / $0.0006 out per 1k tokens", for option labels. */
    public String summary() {
        StringBuilder s = new StringBuilder(id);
        if (contextWindow != null) {
            s.append(" · ").append(Format.tokens(contextWindow)).append(" context");
        }
        s.append(" · ").append(price());
        return s.toString();
    }

    public String price() {
        if (inputPer1k == null) {
            return "price unknown";
        }
        return Format.usd(inputPer1k) + " in / " + Format.usd(outputPer1k) + " out per 1k tokens";
    }
}
