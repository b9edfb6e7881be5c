package com.byomlab.usage.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.Cost;
import com.byomlab.usage.CostCalculator;
import com.byomlab.usage.ModelPrice;
import com.byomlab.usage.PriceTable;

/** Costs computed by hand from the bundled prices (USD per million tokens), one provider's semantics at a time. */
class CostCalculatorTest {

    private final CostCalculator calculator = new CostCalculator(PriceTable.bundled());

    private static TokenCounts usage(Integer input, Integer output, Integer cached, Integer reasoning) {
        return new TokenCounts(input, output, cached, reasoning, true);
    }

    private static void assertUsd(Cost cost, String expected) {
        assertThat(cost.known()).as(cost.reason()).isTrue();
        assertThat(cost.reason()).isNull();
        assertThat(cost.usd()).isEqualByComparingTo(expected);
    }

    @Test
    void openAiInputIncludesCachedAndOutputIncludesReasoning() {
        // gpt-4o: input 2.50, cached 1.25, output 10.00
        // prompt 10,000 of which 4,000 cached; completion 2,000 of which 500 reasoning (already inside the 2,000)
        // (10,000 - 4,000) x 2.50 = 15,000; 4,000 x 1.25 = 5,000; 2,000 x 10.00 = 20,000
        // 40,000 / 1,000,000 = 0.04
        Cost cost = calculator.cost(Provider.OPENAI, "gpt-4o", usage(10_000, 2_000, 4_000, 500));
        assertUsd(cost, "0.04");
        assertThat(cost.usd()).isEqualTo(new BigDecimal("0.040000000000")); // scale 12, no rounding
    }

    @Test
    void openAiReasoningModel() {
        // o3-mini: input 1.10, cached 0.55, output 4.40
        // prompt 1,200 with 1,024 cached; completion 3,000 with 2,500 reasoning (inside the 3,000)
        // 176 x 1.10 = 193.6; 1,024 x 0.55 = 563.2; 3,000 x 4.40 = 13,200 -> 13,956.8 / 1e6 = 0.0139568
        Cost cost = calculator.cost(Provider.OPENAI, "o3-mini", usage(1_200, 3_000, 1_024, 2_500));
        assertUsd(cost, "0.0139568");
        assertThat(cost.usd()).isEqualTo(new BigDecimal("0.013956800000"));
    }

    @Test
    void anthropicCacheReadsArePricedAtTheirRateOnce() {
        // claude-sonnet-4-20250514: input 3.00, cache read 0.30, output 15.00
        // Anthropic's input_tokens 500 (not cached) + cache_read_input_tokens 20,000 = input 20,500 once normalised
        // 500 x 3 = 1,500; 20,000 x 0.30 = 6,000; 1,000 x 15 = 15,000 -> 22,500 / 1e6 = 0.0225
        assertUsd(calculator.cost(Provider.ANTHROPIC, "claude-sonnet-4-20250514", usage(20_500, 1_000, 20_000, null)),
                "0.0225");
    }

    @Test
    void anthropicHaikuThreeFiveFromThePricingPage() {
        // claude-3-5-haiku-20241022: input 0.80, cache read 0.08, output 4.00
        // 2,000 x 0.80 = 1,600; 10,000 x 0.08 = 800; 300 x 4 = 1,200 -> 3,600 / 1e6 = 0.0036
        // input 12,000 = 2,000 uncached + 10,000 cache reads
        assertUsd(calculator.cost(Provider.ANTHROPIC, "claude-3-5-haiku-20241022", usage(12_000, 300, 10_000, null)),
                "0.0036");
    }

    @Test
    void anthropicCacheWritesArePricedAtTheCacheWriteRate() {
        // claude-sonnet-4-20250514: input 3.00, 5-minute cache write 3.75 (1.25x), 1-hour cache write 6.00 (2x)
        // input 1,500 = 500 uncached + 1,000 written to the cache; output 100
        // 500 x 3 = 1,500; 1,000 x 3.75 = 3,750; 100 x 15 = 1,500 -> 6,750 / 1e6 = 0.00675
        assertUsd(calculator.cost(Provider.ANTHROPIC, "claude-sonnet-4-20250514",
                new TokenCounts(1_500, 100, 0, 1_000, null, true)), "0.00675");
        // the same with 400 of the writes for one hour: 500 x 3 + 600 x 3.75 + 400 x 6 + 100 x 15 = 7,650
        assertUsd(calculator.cost(Provider.ANTHROPIC, "claude-sonnet-4-20250514",
                new TokenCounts(1_500, 100, 0, 1_000, 400, null, true)), "0.00765");
    }

    @Test
    void theLongContextTierPricesTheWholeCallAndStartsAboveItsThreshold() {
        // gemini-2.5-pro above 200,000 input: input 2.50, cached 0.25, output 15.00
        // 200,001 input (1 cached), 10 output: 200,000 x 2.50 + 1 x 0.25 + 10 x 15 = 500,150.25 -> 0.50015025
        Cost above = calculator.cost(Provider.GOOGLE, "gemini-2.5-pro", usage(200_001, 10, 1, null));
        assertUsd(above, "0.50015025");
        assertThat(above.longContext()).isTrue();
        // exactly 200,000 is not above: 199,999 x 1.25 + 1 x 0.125 + 10 x 10 = 250,098.875 -> 0.250098875
        Cost at = calculator.cost(Provider.GOOGLE, "gemini-2.5-pro", usage(200_000, 10, 1, null));
        assertUsd(at, "0.250098875");
        assertThat(at.longContext()).isFalse();
    }

    @Test
    void aReasoningRateAppliesToReasoningOnlyWhereTheTableGivesOne() {
        ModelPrice price = new ModelPrice(Provider.OPENAI_COMPATIBLE, "thinker", new BigDecimal("1"),
                new BigDecimal("2"), null, null, false, null, null, new BigDecimal("5"), null, null, null);
        // 100 x 1 + (50 - 20) x 2 + 20 x 5 = 100 + 60 + 100 = 260 -> 0.00026
        assertUsd(CostCalculator.cost(Provider.OPENAI_COMPATIBLE, price, usage(100, 50, null, 20)), "0.00026");
    }

    @Test
    void geminiInputIncludesCachedAndThinkingIsBilledAsOutputOnce() {
        // gemini-2.5-pro: input 1.25, cached 0.125, output 10.00 (thinking included)
        // promptTokenCount 10,000 with cachedContentTokenCount 2,000; candidates 800 + thoughts 1,200 = output 2,000
        // 8,000 x 1.25 = 10,000; 2,000 x 0.125 = 250; 2,000 x 10 = 20,000 -> 30,250 / 1e6 = 0.03025
        assertUsd(calculator.cost(Provider.GOOGLE, "gemini-2.5-pro", usage(10_000, 2_000, 2_000, 1_200)), "0.03025");
    }

    @Test
    void geminiFlashWithoutCacheOrThinking() {
        // gemini-2.0-flash: input 0.10, output 0.40; one million of each -> 0.10 + 0.40 = 0.50
        assertUsd(calculator.cost(Provider.GOOGLE, "gemini-2.0-flash", usage(1_000_000, 1_000_000, null, null)), "0.50");
    }

    @Test
    void azureUsesOpenAiSemanticsAndFallsBackToTheOpenAiPrice() {
        // gpt-4o-mini (OpenAI entry): input 0.15, cached 0.075, output 0.60
        // 2,000 x 0.15 = 300; 1,000 x 0.075 = 75; 500 x 0.60 = 300 -> 675 / 1e6 = 0.000675
        assertUsd(calculator.cost(Provider.AZURE_OPENAI, "gpt-4o-mini", usage(3_000, 500, 1_000, null)), "0.000675");
    }

    @Test
    void withoutACachedPriceCachedTokensMakeTheCostIncompleteNeverInputPriced() {
        // gpt-4o-2024-05-13 has no cache-read price: a call that read the cache cannot be priced exactly
        Cost cost = calculator.cost(Provider.OPENAI, "gpt-4o-2024-05-13", usage(1_000, 100, 400, null));
        assertThat(cost.known()).isFalse();
        assertThat(cost.usd()).isNull();
        assertThat(cost.reason()).isEqualTo("incomplete: the price table has no cache-read rate for gpt-4o-2024-05-13");
        // one without cache reads is priced: 1,000 x 5 + 100 x 15 = 6,500 -> 0.0065
        assertUsd(calculator.cost(Provider.OPENAI, "gpt-4o-2024-05-13", usage(1_000, 100, 0, null)), "0.0065");
    }

    @Test
    void aDatedSnapshotIsPricedAsItsModel() {
        // gpt-4o-mini-2024-07-18 -> gpt-4o-mini: 1,000 x 0.15 + 1,000 x 0.60 = 750 -> 0.00075
        assertUsd(calculator.cost(Provider.OPENAI, "gpt-4o-mini-2024-07-18", usage(1_000, 1_000, 0, 0)), "0.00075");
    }

    @Test
    void zeroReportedTokensCostZero() {
        assertUsd(calculator.cost(Provider.OPENAI, "gpt-4o", usage(0, 0, 0, 0)), "0");
    }

    @Test
    void unknownModelIsUnknownNotZero() {
        Cost cost = calculator.cost(Provider.OPENAI, "gpt-99-turbo", usage(1_000, 1_000, null, null));
        assertThat(cost.known()).isFalse();
        assertThat(cost.usd()).isNull();
        assertThat(cost.reason()).contains("no price for model gpt-99-turbo");
    }

    @Test
    void aModelIsNotPricedUnderAnotherProvider() {
        // gpt-4o is an OpenAI price; an OpenAI-compatible server named it too, but its price is its own business
        assertThat(calculator.cost(Provider.OPENAI_COMPATIBLE, "gpt-4o", usage(1, 1, null, null)).known()).isFalse();
        assertThat(calculator.cost(Provider.GOOGLE, "gpt-4o", usage(1, 1, null, null)).known()).isFalse();
    }

    @Test
    void unreportedUsageIsUnknownNotZero() {
        Cost cost = calculator.cost(Provider.OPENAI, "gpt-4o", TokenCounts.notReported());
        assertThat(cost.known()).isFalse();
        assertThat(cost.usd()).isNull();
        assertThat(cost.reason()).isEqualTo("usage not reported");
        assertThat(calculator.cost(Provider.OPENAI, "gpt-4o", null).known()).isFalse();
    }

    @Test
    void incompleteOrInconsistentUsageIsUnknown() {
        assertThat(calculator.cost(Provider.OPENAI, "gpt-4o", usage(100, null, null, null)).reason())
                .contains("output tokens not reported");
        assertThat(calculator.cost(Provider.OPENAI, "gpt-4o", usage(null, 100, null, null)).reason())
                .contains("input tokens not reported");
        assertThat(calculator.cost(Provider.OPENAI, "gpt-4o", usage(100, 10, 200, null)).reason())
                .contains("200 cached tokens out of 100 input tokens");
        // input includes cache reads and writes on every provider, Anthropic too
        assertThat(calculator.cost(Provider.ANTHROPIC, "claude-haiku-4-5", usage(100, 10, 200, null)).reason())
                .contains("200 cached tokens out of 100 input tokens");
        assertThat(calculator.cost(Provider.ANTHROPIC, "claude-haiku-4-5",
                new TokenCounts(100, 10, 60, 50, null, true)).reason()).contains("110 cached tokens out of 100");
    }

    @Test
    void costUnderAGivenPrice() {
        ModelPrice price = new ModelPrice(Provider.OPENAI_COMPATIBLE, "local", new BigDecimal("0.20"),
                new BigDecimal("0.60"), null, null, false);
        // 1,000 x 0.20 + 2,000 x 0.60 = 1,400 -> 0.0014
        assertUsd(CostCalculator.cost(Provider.OPENAI_COMPATIBLE, price, usage(1_000, 2_000, null, null)), "0.0014");
        assertThat(price.inputPer1k()).isEqualByComparingTo("0.0002");
        assertThat(price.outputPer1k()).isEqualByComparingTo("0.0006");
        assertThat(price.cachedInputPer1k()).isNull();
    }
}
