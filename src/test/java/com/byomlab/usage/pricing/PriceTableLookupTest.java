package com.byomlab.usage.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.Provider;
import com.byomlab.usage.ModelPrice;
import com.byomlab.usage.PriceTable;

/** The bundled table: what it covers and how names are looked up. */
class PriceTableLookupTest {

    private final PriceTable table = PriceTable.bundled();

    private String input(Provider provider, String model) {
        return table.find(provider, model).map(p -> p.inputPerMTok().toPlainString()).orElse("none");
    }

    @Test
    void bundledTableIsDatedSourcedAndCoversTheModelsOurFakesUse() {
        assertThat(table.asOf()).isEqualTo("2026-07-24");
        assertThat(table.source()).contains("LiteLLM").contains("2026-07-24");
        assertThat(table.overrideFile()).isEmpty();
        for (String model : List.of("gpt-4o", "gpt-4o-mini", "o3-mini")) {
            assertThat(table.find(Provider.OPENAI, model)).as(model).isPresent();
        }
        for (String model : List.of("claude-sonnet-4-20250514", "claude-3-5-haiku-20241022")) {
            assertThat(table.find(Provider.ANTHROPIC, model)).as(model).isPresent();
        }
        for (String model : List.of("gemini-2.0-flash", "gemini-2.5-pro")) {
            assertThat(table.find(Provider.GOOGLE, model)).as(model).isPresent();
        }
        assertThat(table.forProvider(Provider.OPENAI)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(table.forProvider(Provider.ANTHROPIC)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(table.forProvider(Provider.GOOGLE)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void pricesAreExactDecimals() {
        ModelPrice gpt4o = table.find(Provider.OPENAI, "gpt-4o").orElseThrow();
        assertThat(gpt4o.inputPerMTok()).isEqualByComparingTo("2.50");
        assertThat(gpt4o.cachedInputPerMTok()).isEqualByComparingTo("1.25");
        assertThat(gpt4o.outputPerMTok()).isEqualByComparingTo("10.00");
        assertThat(gpt4o.contextWindow()).isEqualTo(128_000);
        assertThat(gpt4o.supportsTools()).isTrue();
        // cost per 1,000 tokens, as the estimate shows it
        assertThat(gpt4o.inputPer1k()).isEqualByComparingTo("0.0025");
        assertThat(gpt4o.outputPer1k()).isEqualByComparingTo("0.01");
        ModelPrice flashLite = table.find(Provider.GOOGLE, "gemini-2.0-flash-lite").orElseThrow();
        assertThat(flashLite.cachedInputPerMTok()).isEqualTo("0.01875");
    }

    @Test
    void exactIdThenAliasThenDateSuffix() {
        assertThat(input(Provider.OPENAI, "gpt-4o-2024-08-06")).isEqualTo("2.50");           // alias
        assertThat(input(Provider.OPENAI, "gpt-4o-2024-05-13")).isEqualTo("5.00");           // own entry beats the date rule
        assertThat(input(Provider.OPENAI, "o3-mini-2025-01-31")).isEqualTo("1.10");
        assertThat(input(Provider.OPENAI, "gpt-4.1-mini-2099-01-01")).isEqualTo("0.40");     // date rule, not listed
        assertThat(input(Provider.ANTHROPIC, "claude-haiku-4-5-20251001")).isEqualTo("1.00"); // alias
        assertThat(input(Provider.ANTHROPIC, "claude-sonnet-4-5-20990101")).isEqualTo("3.00"); // 8-digit date rule
        assertThat(input(Provider.ANTHROPIC, "claude-sonnet-4-0")).isEqualTo("3.00");
        assertThat(input(Provider.ANTHROPIC, "claude-3-5-haiku-latest")).isEqualTo("0.80");
    }

    @Test
    void normalisationIsNarrow() {
        assertThat(input(Provider.GOOGLE, "models/gemini-2.5-pro")).isEqualTo("1.25");
        assertThat(input(Provider.OPENAI, "GPT-4o")).isEqualTo("2.50"); // ids are case-insensitive
        // no price borrowed from a sibling: these differ from the listed model or are not listed at all
        assertThat(input(Provider.GOOGLE, "gemini-2.0-flash-001")).isEqualTo("none");
        assertThat(input(Provider.GOOGLE, "gemini-2.5-pro-latest")).isEqualTo("none");
        assertThat(input(Provider.ANTHROPIC, "claude-opus-4-20250514")).isEqualTo("none");
        assertThat(input(Provider.ANTHROPIC, "claude-3-haiku-20240307")).isEqualTo("none");
        assertThat(input(Provider.OPENAI, "gpt-4o-mini-tts")).isEqualTo("none");
        assertThat(input(Provider.OPENAI, "o1-2024-12-17")).isEqualTo("none");
        assertThat(input(Provider.OPENAI, "")).isEqualTo("none");
        assertThat(table.find(Provider.OPENAI, null)).isEmpty();
    }

    @Test
    void aModelNameIsPricedOnlyUnderItsProviderExceptAzureFallsBackToOpenAi() {
        assertThat(table.find(Provider.ANTHROPIC, "gpt-4o")).isEmpty();
        assertThat(table.find(Provider.OPENAI_COMPATIBLE, "gpt-4o")).isEmpty();
        assertThat(table.forProvider(Provider.OPENAI_COMPATIBLE)).isEmpty();
        ModelPrice azure = table.find(Provider.AZURE_OPENAI, "gpt-4o").orElseThrow();
        assertThat(azure.provider()).isEqualTo(Provider.OPENAI); // says where the price comes from
        assertThat(input(Provider.AZURE_OPENAI, "gpt-4o-2024-05-13")).isEqualTo("5.00");
        assertThat(table.forProvider(Provider.AZURE_OPENAI)).containsExactlyElementsOf(table.forProvider(Provider.OPENAI));
    }
}
