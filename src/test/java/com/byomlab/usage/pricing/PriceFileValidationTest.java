package com.byomlab.usage.pricing;

import static com.byomlab.usage.pricing.PriceTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.byomlab.usage.PriceFileException;
import com.byomlab.usage.PriceTable;

/** Bad override files are refused with the file, the line and what is wrong. */
class PriceFileValidationTest {

    @TempDir
    Path dir;

    private PriceFileException refused(Path file) {
        try {
            PriceTable.load(file);
        } catch (PriceFileException e) {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.getMessage()).contains(file.toString());
            return e;
        }
        throw new AssertionError("expected " + file + " to be refused");
    }

    /** A one-model file in our format with {@code field} on line 7. */
    private Path ourFormatWith(String name, String line7) {
        return write(dir, name,
                "{",                                   // 1
                "  \"as_of\": \"2026-12-01\",",        // 2
                "  \"models\": [",                     // 3
                "    {",                               // 4
                "      \"provider\": \"openai\",",     // 5
                "      \"model\": \"gpt-4o\",",        // 6
                line7,                                 // 7
                "      \"output_per_mtok\": \"10.00\"", // 8
                "    }",                               // 9
                "  ]",                                 // 10
                "}");                                  // 11
    }

    @Test
    void malformedJson() {
        Path file = write(dir, "bad.json",
                "{",
                "  \"models\": [",
                "    {\"provider\": \"openai\", \"model\": \"x\", \"input_per_mtok\": 1, \"output_per_mtok\": 2},",
                "    {\"provider\": \"openai\" \"model\": \"y\"}",
                "  ]",
                "}");
        PriceFileException e = refused(file);
        assertThat(e.getMessage()).contains("line 4").contains("malformed JSON");
        assertThat(e.problems()).singleElement().extracting(PriceFileException.Problem::line).isEqualTo(4);
    }

    @Test
    void longContextRatesNeedTheirThreshold() {
        Path file = ourFormatWith("tier.json", "      \"input_per_mtok\": \"2.50\", \"long_context_input_per_mtok\": \"5\",");
        assertThat(refused(file).getMessage()).contains("long_context_* rates need long_context_above_tokens");
    }

    @Test
    void anEntrysDateMustBeADate() {
        Path file = ourFormatWith("date.json", "      \"input_per_mtok\": \"2.50\", \"as_of\": \"December\",");
        assertThat(refused(file).getMessage()).contains("line 7").contains("as_of must be a date");
    }

    @Test
    void cacheAndTierRatesAreReadWithTheEntrysDateAndSource() {
        Path file = ourFormatWith("full.json", "      \"input_per_mtok\": \"2.50\", \"cache_write_per_mtok\": \"3.125\", "
                + "\"cache_write_1h_per_mtok\": 5, \"long_context_above_tokens\": 272000, "
                + "\"long_context_input_per_mtok\": \"5\", \"long_context_output_per_mtok\": \"20\", "
                + "\"as_of\": \"2026-12-01\", \"source\": \"the provider's page\",");
        var price = PriceTable.load(file).find(com.byomlab.llm.Provider.OPENAI, "gpt-4o").orElseThrow();
        assertThat(price.cacheWritePerMTok()).isEqualByComparingTo("3.125");
        assertThat(price.cacheWrite1hPerMTok()).isEqualByComparingTo("5");
        assertThat(price.longContext().aboveInputTokens()).isEqualTo(272_000);
        assertThat(price.longContext().outputPerMTok()).isEqualByComparingTo("20");
        assertThat(price.longContext().cachedInputPerMTok()).isNull();
        assertThat(price.asOf()).isEqualTo("2026-12-01");
        assertThat(price.source()).isEqualTo("the provider's page");
    }

    @Test
    void negativePrice() {
        PriceFileException e = refused(ourFormatWith("negative.json", "      \"input_per_mtok\": \"-2.50\","));
        assertThat(e.getMessage()).contains("negative.json, line 7").contains("input_per_mtok must not be negative");
    }

    @Test
    void nonNumericStringPrice() {
        PriceFileException e = refused(ourFormatWith("string.json", "      \"input_per_mtok\": \"two fifty\","));
        assertThat(e.getMessage()).contains("line 7").contains("must be a number").contains("two fifty");
    }

    @Test
    void booleanPrice() {
        assertThat(refused(ourFormatWith("bool.json", "      \"input_per_mtok\": true,")).getMessage())
                .contains("line 7").contains("must be a number");
    }

    @Test
    void absurdPrice() {
        assertThat(refused(ourFormatWith("absurd.json", "      \"input_per_mtok\": 25000,")).getMessage())
                .contains("line 7").contains("above the 10000 limit");
    }

    @Test
    void missingPriceIsReportedAtTheEntry() {
        PriceFileException e = refused(ourFormatWith("missing.json", "      \"context_window\": 128000,"));
        assertThat(e.getMessage()).contains("missing.json, line 4").contains("missing input_per_mtok");
    }

    @Test
    void misspeltFieldIsRefused() {
        // would otherwise silently price cache reads at the full input price
        PriceFileException e = refused(ourFormatWith("typo.json",
                "      \"input_per_mtok\": 2.5, \"cached_input_per_mok\": 1.25,"));
        assertThat(e.getMessage()).contains("line 7").contains("unknown key \"cached_input_per_mok\"");
    }

    @Test
    void unknownProvider() {
        Path file = write(dir, "provider.json",
                "{",
                "  \"models\": [",
                "    {\"provider\": \"openai\", \"model\": \"gpt-4o\", \"input_per_mtok\": 1, \"output_per_mtok\": 2},",
                "    {\"model\": \"command-r\",",
                "     \"provider\": \"cohere\",",
                "     \"input_per_mtok\": 1, \"output_per_mtok\": 2}",
                "  ]",
                "}");
        PriceFileException e = refused(file);
        assertThat(e.getMessage()).contains("provider.json, line 5").contains("unknown provider \"cohere\"")
                .contains("openai, anthropic");
    }

    @Test
    void duplicateModelAndDuplicateAlias() {
        Path file = write(dir, "dup.json",
                "{",
                "  \"models\": [",
                "    {\"provider\": \"openai\", \"model\": \"gpt-4o\", \"input_per_mtok\": 1, \"output_per_mtok\": 2},",
                "    {\"provider\": \"openai\", \"model\": \"GPT-4o\", \"input_per_mtok\": 3, \"output_per_mtok\": 4},",
                "    {\"provider\": \"openai\", \"model\": \"gpt-4o-x\", \"aliases\": [\"gpt-4o\"], \"input_per_mtok\": 3, \"output_per_mtok\": 4},",
                "    {\"provider\": \"anthropic\", \"model\": \"gpt-4o\", \"input_per_mtok\": 1, \"output_per_mtok\": 2}",
                "  ]",
                "}");
        PriceFileException e = refused(file);
        assertThat(e.problems()).extracting(PriceFileException.Problem::line).containsExactly(4, 5);
        assertThat(e.getMessage()).contains("duplicate model openai/gpt-4o (already defined at line 3)");
    }

    @Test
    void duplicateKeyInOneObjectIsMalformed() {
        PriceFileException e = refused(ourFormatWith("dupkey.json", "      \"input_per_mtok\": 1, \"input_per_mtok\": 2,"));
        assertThat(e.getMessage()).contains("line 7").contains("malformed JSON");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Path file = write(dir, "many.json",
                "{",
                "  \"as_of\": \"December\",",
                "  \"models\": [",
                "    {\"provider\": \"openai\", \"model\": \"a\", \"input_per_mtok\": -1, \"output_per_mtok\": 2},",
                "    {\"provider\": \"openai\", \"model\": \"b\", \"input_per_mtok\": 1, \"output_per_mtok\": \"x\"}",
                "  ]",
                "}");
        PriceFileException e = refused(file);
        assertThat(e.problems()).extracting(PriceFileException.Problem::line).containsExactly(2, 4, 5);
        assertThat(e.getMessage()).contains("3 problems").contains("line 2: as_of").contains("line 4: models[0] (a)");
    }

    @Test
    void liteLlmNegativeStringAndMissingPrices() {
        Path file = write(dir, "litellm.json",
                "{",
                "  \"gpt-4o\": {",
                "    \"litellm_provider\": \"openai\",",
                "    \"mode\": \"chat\",",
                "    \"input_cost_per_token\": -2.5e-06,",
                "    \"output_cost_per_token\": 1e-05",
                "  },",
                "  \"claude-haiku-4-5\": {",
                "    \"litellm_provider\": \"anthropic\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": \"0.000001\", \"output_cost_per_token\": 5e-06",
                "  },",
                "  \"gemini/gemini-2.5-pro\": {\"litellm_provider\": \"gemini\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 1.25e-06}",
                "}");
        PriceFileException e = refused(file);
        assertThat(e.problems()).extracting(PriceFileException.Problem::line).containsExactly(5, 10, 12);
        assertThat(e.getMessage())
                .contains("line 5: \"gpt-4o\": input_cost_per_token must not be negative")
                .contains("line 10: \"claude-haiku-4-5\": input_cost_per_token must be a JSON number")
                .contains("line 12: \"gemini/gemini-2.5-pro\": missing output_cost_per_token");
    }

    @Test
    void liteLlmPerMillionByMistakeIsAbsurd() {
        Path file = write(dir, "unit.json",
                "{",
                "  \"gpt-4o\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\",",
                "    \"input_cost_per_token\": 2.5, \"output_cost_per_token\": 10}",
                "}");
        assertThat(refused(file).getMessage()).contains("line 3").contains("2500000 USD per million tokens");
    }

    @Test
    void unknownShapesAndMissingFiles() {
        assertThat(refused(write(dir, "array.json", "[]")).getMessage()).contains("line 1").contains("one JSON object");
        assertThat(refused(write(dir, "other.json", "{\"foo\": 1}")).getMessage()).contains("not a price file we know");
        assertThat(refused(write(dir, "empty.json", "")).getMessage()).contains("empty.json").contains("the file is empty");
        Path missing = dir.resolve("nowhere.json");
        assertThatThrownBy(() -> PriceTable.load(missing)).isInstanceOf(PriceFileException.class)
                .hasMessageContaining("nowhere.json").hasMessageContaining("file not found");
    }
}
