package com.byomlab.market;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled files are exactly what the generator makes, so anyone can regenerate and review them. */
class SampleDataFilesTest {

    @Test
    void bundledFilesMatchTheGenerator() throws IOException {
        Map<String, String> generated = SamplePriceGenerator.generate();
        assertThat(generated).containsOnlyKeys("coins.csv", "BTC.csv", "ETH.csv", "SOL.csv", "XRP.csv", "ADA.csv",
                "DOGE.csv");
        for (var file : generated.entrySet()) {
            String bundled = new ClassPathResource(SampleDataLoader.DIRECTORY + file.getKey())
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(bundled).as(file.getKey() + " (regenerate with SamplePriceGenerator)").isEqualTo(file.getValue());
        }
    }

    @Test
    void everyCoinSaysItIsSynthetic() {
        for (SamplePriceGenerator.Spec coin : SamplePriceGenerator.COINS) {
            assertThat(SamplePriceGenerator.source(coin)).startsWith("SYNTHETIC, not real market prices")
                    .contains("seed 20261130").hasSizeLessThan(300); // room for the import note in 500
        }
    }
}
