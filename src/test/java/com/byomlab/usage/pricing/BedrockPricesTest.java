package com.byomlab.usage.pricing;

import static com.byomlab.usage.pricing.PriceTestFiles.LITELLM_SNAPSHOT;
import static com.byomlab.usage.pricing.PriceTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.CostCalculator;
import com.byomlab.usage.PriceTable;

/**
 * Bedrock models priced from LiteLLM's file: entries of {@code litellm_provider} {@code bedrock_converse} (preferred)
 * and {@code bedrock}, keyed by the Bedrock model id, with or without a {@code bedrock/} route prefix; regional keys
 * ({@code bedrock/us-east-1/...}) are skipped. The bundled table has no Bedrock rows (unpriced until the operator's
 * file prices them).
 */
class BedrockPricesTest {

    @TempDir
    Path dir;

    @Test
    void liteLlmBedrockEntriesPriceBedrockModels() {
        Path file = write(dir, "litellm.json",
                "{",
                "  \"anthropic.claude-3-5-haiku-20241022-v1:0\": {\"litellm_provider\": \"bedrock\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 8e-07, \"output_cost_per_token\": 4e-06,",
                "    \"cache_read_input_token_cost\": 8e-08, \"max_input_tokens\": 200000, \"supports_function_calling\": true},",
                "  \"bedrock/us-east-1/anthropic.claude-3-5-haiku-20241022-v1:0\": {\"litellm_provider\": \"bedrock\",",
                "    \"mode\": \"chat\", \"input_cost_per_token\": 9e-07, \"output_cost_per_token\": 5e-06},",
                "  \"amazon.nova-lite-v1:0\": {\"litellm_provider\": \"bedrock\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 7e-08, \"output_cost_per_token\": 2.8e-07},",
                "  \"bedrock/amazon.nova-lite-v1:0\": {\"litellm_provider\": \"bedrock_converse\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 6e-08, \"output_cost_per_token\": 2.4e-07},",
                "  \"us.amazon.nova-lite-v1:0\": {\"litellm_provider\": \"bedrock_converse\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 6e-08, \"output_cost_per_token\": 2.4e-07}",
                "}");
        PriceTable table = PriceTable.load(file);

        assertThat(table.find(Provider.BEDROCK, "anthropic.claude-3-5-haiku-20241022-v1:0").orElseThrow()
                .inputPerMTok()).isEqualByComparingTo("0.80"); // not the regional 0.90
        assertThat(table.find(Provider.BEDROCK, "amazon.nova-lite-v1:0").orElseThrow().inputPerMTok())
                .isEqualByComparingTo("0.06"); // bedrock_converse before bedrock
        assertThat(table.find(Provider.BEDROCK, "us.amazon.nova-lite-v1:0")).isPresent(); // an inference profile
        assertThat(table.find(Provider.ANTHROPIC, "anthropic.claude-3-5-haiku-20241022-v1:0")).isEmpty();
        // 1,000 input of which 200 read from the cache, 100 out: 800 x 0.80 + 200 x 0.08 + 100 x 4 = 1056 µ$
        assertThat(new CostCalculator(table).cost(Provider.BEDROCK, "anthropic.claude-3-5-haiku-20241022-v1:0",
                new TokenCounts(1_000, 100, 200, 0, null, true)).usd()).isEqualByComparingTo("0.001056");
    }

    @Test
    void theRealSnapshotsBedrockEntryIsPricedUnderBedrock() {
        PriceTable table = PriceTable.load(LITELLM_SNAPSHOT);

        assertThat(table.find(Provider.BEDROCK, "claude-sonnet-4-5-20250929-v1:0").orElseThrow().inputPerMTok())
                .isEqualByComparingTo("3");
        assertThat(PriceTable.bundled().find(Provider.BEDROCK, "anthropic.claude-3-5-haiku-20241022-v1:0")).isEmpty();
    }
}
