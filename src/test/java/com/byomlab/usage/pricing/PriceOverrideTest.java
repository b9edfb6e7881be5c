package com.byomlab.usage.pricing;

import static com.byomlab.usage.pricing.PriceTestFiles.LITELLM_SNAPSHOT;
import static com.byomlab.usage.pricing.PriceTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.CostCalculator;
import com.byomlab.usage.ModelPrice;
import com.byomlab.usage.PriceTable;
import com.byomlab.usage.internal.pricing.PriceFiles;
import com.byomlab.usage.internal.pricing.PriceList;

/** The operator's override file, in our format and in LiteLLM's, over the bundled table. */
class PriceOverrideTest {

    @TempDir
    Path dir;

    @Test
    void ourFormatReplacesAndAdds() {
        Path file = write(dir, "prices.json",
                "{",
                "  \"as_of\": \"2026-12-01\",",
                "  \"source\": \"our negotiated rates\",",
                "  \"models\": [",
                "    {\"provider\": \"openai\", \"model\": \"gpt-4o\", \"input_per_mtok\": 3, \"output_per_mtok\": \"12.00\"},",
                "    {\"provider\": \"openai_compatible\", \"model\": \"llama-3.3-70b\", \"aliases\": [\"llama3.3\"],",
                "     \"input_per_mtok\": \"0.20\", \"output_per_mtok\": \"0.60\", \"context_window\": 131072}",
                "  ]",
                "}");
        PriceTable table = PriceTable.load(file);

        ModelPrice gpt4o = table.find(Provider.OPENAI, "gpt-4o").orElseThrow();
        assertThat(gpt4o.inputPerMTok()).isEqualByComparingTo("3");
        assertThat(gpt4o.outputPerMTok()).isEqualByComparingTo("12.00");
        assertThat(gpt4o.cachedInputPerMTok()).isNull(); // replaced whole: no stale bundled cached price
        // the bundled alias now resolves to the replaced price
        assertThat(table.find(Provider.OPENAI, "gpt-4o-2024-08-06").orElseThrow().inputPerMTok()).isEqualByComparingTo("3");
        // untouched entries stay
        assertThat(table.find(Provider.OPENAI, "gpt-4o-mini").orElseThrow().inputPerMTok()).isEqualByComparingTo("0.15");
        // an OpenAI-compatible model is priced once the operator lists it
        assertThat(table.find(Provider.OPENAI_COMPATIBLE, "LLAMA3.3")).isPresent();
        // 1,000 x 0.20 + 1,000 x 0.60 = 800 -> 0.0008
        assertThat(new CostCalculator(table).cost(Provider.OPENAI_COMPATIBLE, "llama-3.3-70b",
                new TokenCounts(1_000, 1_000, null, null, true)).usd()).isEqualByComparingTo("0.0008");

        assertThat(table.asOf()).isEqualTo("2026-12-01");
        assertThat(table.source()).contains("LiteLLM").contains("our negotiated rates");
        assertThat(table.overrideFile()).contains(file.toString());
    }

    @Test
    void theRealLiteLlmSnapshotLoadsAndConvertsExactly() {
        assertThat(Files.isRegularFile(LITELLM_SNAPSHOT))
                .as("LiteLLM snapshot expected at %s (kept in the repository)", LITELLM_SNAPSHOT.toAbsolutePath())
                .isTrue();
        PriceTable table = PriceTable.load(LITELLM_SNAPSHOT);

        // "input_cost_per_token": 2.5e-06 -> 2.5 per million, read from the decimal text, never through a double
        ModelPrice gpt4o = table.find(Provider.OPENAI, "gpt-4o").orElseThrow();
        assertThat(gpt4o.inputPerMTok()).isEqualTo(new BigDecimal("2.5"));
        assertThat(gpt4o.cachedInputPerMTok()).isEqualTo(new BigDecimal("1.25"));
        assertThat(gpt4o.outputPerMTok()).isEqualTo(new BigDecimal("10"));
        assertThat(gpt4o.contextWindow()).isEqualTo(128_000);
        // 1.875e-08 per token: a double would give 0.018750000000000003
        assertThat(table.find(Provider.GOOGLE, "gemini-2.0-flash-lite").orElseThrow().cachedInputPerMTok())
                .isEqualTo(new BigDecimal("0.01875"));
        assertThat(table.find(Provider.OPENAI, "gpt-5-nano").orElseThrow().cachedInputPerMTok())
                .isEqualTo(new BigDecimal("0.005"));
        assertThat(table.find(Provider.ANTHROPIC, "claude-opus-4-1-20250805").orElseThrow().outputPerMTok())
                .isEqualTo(new BigDecimal("75"));
        // vertex_ai-language-models entries are Google's; "-001" is its own entry with its own price
        assertThat(table.find(Provider.GOOGLE, "gemini-2.0-flash-001").orElseThrow().inputPerMTok())
                .isEqualTo(new BigDecimal("0.15"));
        // skipped: not chat (image generation), or a provider we do not call (xai)
        assertThat(table.find(Provider.OPENAI, "gpt-image-1")).isEmpty();
        assertThat(table.forProvider(Provider.OPENAI)).noneMatch(p -> p.model().startsWith("grok"));
        // what the snapshot lacks stays bundled
        assertThat(table.find(Provider.ANTHROPIC, "claude-3-5-haiku-20241022").orElseThrow().inputPerMTok())
                .isEqualByComparingTo("0.80");
        assertThat(table.asOf()).isEqualTo("2026-07-24"); // a LiteLLM file has no date of its own
    }

    @Test
    void bundledPricesAreTheSnapshotsConvertedExactly() {
        PriceList snapshot = PriceFiles.readOverride(LITELLM_SNAPSHOT);
        PriceTable bundled = PriceTable.bundled();
        int compared = 0;
        for (Provider provider : new Provider[] {Provider.OPENAI, Provider.ANTHROPIC, Provider.GOOGLE}) {
            for (ModelPrice mine : bundled.forProvider(provider)) {
                var theirs = snapshot.entries().stream().map(e -> e.price())
                        .filter(p -> p.provider() == provider && p.model().equals(mine.model())).findFirst();
                if (mine.model().equals("claude-3-5-haiku-20241022")) {
                    assertThat(theirs).as("taken from Anthropic's page because the snapshot lacks it").isEmpty();
                    continue;
                }
                if (mine.model().startsWith("text-embedding-")) {
                    assertThat(theirs).as("OpenAI's embedding prices: the snapshot keeps no text-embedding-*").isEmpty();
                    continue;
                }
                assertThat(theirs).as(mine.model()).isPresent();
                assertThat(mine.inputPerMTok()).as(mine.model()).isEqualByComparingTo(theirs.get().inputPerMTok());
                assertThat(mine.outputPerMTok()).as(mine.model()).isEqualByComparingTo(theirs.get().outputPerMTok());
                ModelPrice their = theirs.get();
                same(mine.model() + " cache read", mine.cachedInputPerMTok(), their.cachedInputPerMTok());
                same(mine.model() + " reasoning", mine.reasoningPerMTok(),
                        their.reasoningPerMTok() != null && their.reasoningPerMTok().compareTo(their.outputPerMTok()) == 0
                                ? null : their.reasoningPerMTok());
                // Google's cache_creation_* in LiteLLM is explicit-cache storage, billed per hour: not a per-call rate
                boolean google = provider == Provider.GOOGLE;
                same(mine.model() + " cache write", mine.cacheWritePerMTok(), google ? null : their.cacheWritePerMTok());
                same(mine.model() + " 1h cache write", mine.cacheWrite1hPerMTok(),
                        google ? null : their.cacheWrite1hPerMTok());
                if (their.longContext() == null) {
                    assertThat(mine.longContext()).as(mine.model()).isNull();
                } else {
                    ModelPrice.LongContext a = mine.longContext();
                    ModelPrice.LongContext b = their.longContext();
                    assertThat(a).as(mine.model() + " long context").isNotNull();
                    assertThat(a.aboveInputTokens()).isEqualTo(b.aboveInputTokens());
                    same(mine.model() + " long input", a.inputPerMTok(), b.inputPerMTok());
                    same(mine.model() + " long output", a.outputPerMTok(), b.outputPerMTok());
                    same(mine.model() + " long read", a.cachedInputPerMTok(), b.cachedInputPerMTok());
                    same(mine.model() + " long write", a.cacheWritePerMTok(), google ? null : b.cacheWritePerMTok());
                    same(mine.model() + " long 1h write", a.cacheWrite1hPerMTok(),
                            google ? null : b.cacheWrite1hPerMTok());
                }
                assertThat(mine.asOf()).as(mine.model()).isEqualTo("2026-07-24");
                assertThat(mine.source()).as(mine.model()).startsWith("LiteLLM");
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(25);
    }

    private static void same(String what, BigDecimal mine, BigDecimal theirs) {
        if (theirs == null) {
            assertThat(mine).as(what).isNull();
        } else {
            assertThat(mine).as(what).isEqualByComparingTo(theirs);
        }
    }

    @Test
    void liteLlmRoutesPrioritiesAndSkippedEntries() {
        Path file = write(dir, "litellm.json",
                "{",
                "  \"sample_spec\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": \"per token\"},",
                "  \"gemini-9-pro\": {\"litellm_provider\": \"vertex_ai-language-models\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 2e-06, \"output_cost_per_token\": 1.2e-05},",
                "  \"gemini/gemini-9-pro\": {\"litellm_provider\": \"gemini\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 1.2e-05},",
                "  \"azure/gpt-4o\": {\"litellm_provider\": \"azure\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 2.75e-06, \"output_cost_per_token\": 1.1e-05},",
                "  \"azure/eu/gpt-4o\": {\"litellm_provider\": \"azure\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 9e-06, \"output_cost_per_token\": 9e-05},",
                "  \"text-embedding-3-small\": {\"litellm_provider\": \"openai\", \"mode\": \"embedding\",",
                "    \"input_cost_per_token\": 2e-08, \"output_cost_per_token\": 0},",
                "  \"openrouter/anthropic/claude-sonnet-4\": {\"litellm_provider\": \"openrouter\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 3e-06, \"output_cost_per_token\": 1.5e-05},",
                "  \"groq/llama-3.3-70b-versatile\": {\"litellm_provider\": \"groq\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 5.9e-07, \"output_cost_per_token\": 7.9e-07},",
                "  \"command-r\": {\"litellm_provider\": \"cohere_chat\", \"mode\": \"chat\", \"input_cost_per_token\": -1}",
                "}");
        PriceTable table = PriceTable.load(file);

        // Gemini's own API entry wins over Vertex AI's for the same model
        assertThat(table.find(Provider.GOOGLE, "gemini-9-pro").orElseThrow().inputPerMTok()).isEqualByComparingTo("1");
        // an Azure price applies to Azure only; OpenAI keeps its own, other Azure models fall back to OpenAI's
        ModelPrice azure = table.find(Provider.AZURE_OPENAI, "gpt-4o").orElseThrow();
        assertThat(azure.provider()).isEqualTo(Provider.AZURE_OPENAI);
        assertThat(azure.inputPerMTok()).isEqualByComparingTo("2.75");
        assertThat(table.find(Provider.OPENAI, "gpt-4o").orElseThrow().inputPerMTok()).isEqualByComparingTo("2.50");
        assertThat(table.find(Provider.AZURE_OPENAI, "gpt-4o-mini").orElseThrow().provider()).isEqualTo(Provider.OPENAI);
        assertThat(table.forProvider(Provider.AZURE_OPENAI)).filteredOn(p -> p.model().equals("gpt-4o"))
                .singleElement().extracting(ModelPrice::provider).isEqualTo(Provider.AZURE_OPENAI);
        // preset routes: the whole key after the route prefix is the model id where ids contain '/'
        assertThat(table.find(Provider.OPENROUTER, "anthropic/claude-sonnet-4").orElseThrow().inputPerMTok())
                .isEqualByComparingTo("3");
        assertThat(table.find(Provider.GROQ, "llama-3.3-70b-versatile").orElseThrow().outputPerMTok())
                .isEqualByComparingTo("0.79");
        assertThat(table.find(Provider.OPENAI_COMPATIBLE, "llama-3.3-70b-versatile")).isEmpty();
        // embedding models are priced by their input tokens; output is free
        ModelPrice embedding = table.find(Provider.OPENAI, "text-embedding-3-small").orElseThrow();
        assertThat(embedding.inputPerMTok()).isEqualByComparingTo("0.02");
        assertThat(embedding.outputPerMTok()).isEqualByComparingTo("0");
    }
}
