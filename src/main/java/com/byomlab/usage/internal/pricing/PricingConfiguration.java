package com.byomlab.usage.internal.pricing;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.byomlab.usage.CostCalculator;
import com.byomlab.usage.PriceTable;

/**
 * Loads the price table at start-up; a bad or missing {@code byom.usage.price-file} fails start-up
 * (see {@link PriceFileFailureAnalyzer}) rather than letting the service price wrongly.
 */
@Configuration(proxyBeanMethods = false)
public class PricingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PricingConfiguration.class);

    @Bean
    PriceTable priceTable(@Value("${byom.usage.price-file:}") String priceFile) {
        Path override = priceFile == null || priceFile.isBlank() ? null : Path.of(priceFile.trim());
        PriceTable table = PriceTable.load(override);
        log.info("Model prices: {} entries as of {} ({})", table.size(), table.asOf(), table.source());
        return table;
    }

    @Bean
    CostCalculator costCalculator(PriceTable priceTable) {
        return new CostCalculator(priceTable);
    }
}
