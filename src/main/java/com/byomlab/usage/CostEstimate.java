package com.byomlab.usage;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * The expected cost of a session before it runs. {@code lowUsd}/{@code highUsd} are null when the
 * model has no price. {@code basis} says where the range comes from: the past sessions on this model
 * ({@code sampleSize} of them), or typical session sizes times the price table.
 */
public record CostEstimate(String provider, String model, BigDecimal lowUsd, BigDecimal highUsd, String basis,
                           int sampleSize, @JsonProperty("input_per_1k_usd") BigDecimal inputPer1kUsd,
                           @JsonProperty("output_per_1k_usd") BigDecimal outputPer1kUsd, String pricesAsOf,
                           List<ModelRate> models) {

    /**
     * Cost per 1,000 tokens of a model the provider offers, as the price table has it, with the date and source of
     * its entry. Cache rates are null where the table gives none (a call that needs one is priced as incomplete).
     */
    public record ModelRate(String model, @JsonProperty("input_per_1k_usd") BigDecimal inputPer1kUsd,
                            @JsonProperty("output_per_1k_usd") BigDecimal outputPer1kUsd, Integer contextWindow,
                            @JsonProperty("cache_read_per_1k_usd") BigDecimal cacheReadPer1kUsd,
                            @JsonProperty("cache_write_per_1k_usd") BigDecimal cacheWritePer1kUsd,
                            @JsonProperty("cache_write_1h_per_1k_usd") BigDecimal cacheWrite1hPer1kUsd,
                            Integer longContextAboveTokens, String priceAsOf, String priceSource) {
    }
}
