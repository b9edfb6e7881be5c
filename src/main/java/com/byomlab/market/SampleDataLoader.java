package com.byomlab.market;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Loads the bundled synthetic sample (classpath {@code market/sample}, see its README) at start-up. A
 * coin is loaded only if its symbol is absent, in one transaction with its bars: the coin insert is
 * insert-if-absent, so when several instances start together exactly one loads each coin, and a
 * restart loads nothing. Turn off with {@code byom.market.sample-data=false}. Coins the market collector
 * collects ({@code byom.market.coins} when {@code byom.market.source} is set) are skipped.
 */
@Component
class SampleDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);
    static final String DIRECTORY = "market/sample/";

    private final MarketRepository repository;
    private final TransactionTemplate tx;
    private final CoinList coinList;
    private final boolean enabled;
    private final List<String> collected;

    SampleDataLoader(MarketRepository repository, TransactionTemplate tx, CoinList coinList,
                     @Value("${byom.market.sample-data:true}") boolean enabled, CollectorProperties collector) {
        this.repository = repository;
        this.tx = tx;
        this.coinList = coinList;
        this.enabled = enabled;
        this.collected = collector.enabled() ? collector.coins() : List.of();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (enabled) {
            load();
        }
    }

    /** Returns how many coins this call loaded. */
    int load() throws IOException {
        int loaded = 0;
        try (CSVParser coins = CSVParser.parse(open("coins.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord coin : coins) {
                String symbol = coin.get("symbol");
                if (collected.contains(symbol)) {
                    continue; // real prices come from the collector: no synthetic ones to mix in
                }
                if (repository.coinExists(symbol)) {
                    continue; // cheap check first: the usual restart touches no bar files
                }
                CsvPriceParser.Parsed bars = CsvPriceParser.parse(
                        new String(open(symbol + ".csv").readAllBytes(), StandardCharsets.UTF_8));
                if (!bars.valid()) {
                    throw new IllegalStateException("Bundled sample " + symbol + ".csv is invalid: " + bars.errors());
                }
                Boolean inserted = tx.execute(status -> {
                    if (!repository.insertCoinIfAbsent(symbol, coin.get("name"), coin.get("source"), Instant.now())) {
                        return false; // another instance got there first
                    }
                    repository.insertBars(symbol, bars.bars(), BarSources.SAMPLE);
                    return true;
                });
                if (Boolean.TRUE.equals(inserted)) {
                    coinList.changed();
                    loaded++;
                    log.info("Loaded synthetic sample prices for {} ({} days)", symbol, bars.bars().size());
                }
            }
        }
        return loaded;
    }

    private static InputStream open(String file) throws IOException {
        return new ClassPathResource(DIRECTORY + file).getInputStream();
    }
}
