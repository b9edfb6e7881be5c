package com.byomlab.market;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * All-or-nothing CSV import: a file with any bad row changes nothing; a good file replaces the bars
 * on its dates and adds the others, in one transaction.
 */
@Component
class PriceImporter {

    static final String IMPORT_MARK = "rows imported from CSV";

    record ImportResult(String symbol, int rowsImported, int inserted, int replaced, LocalDate firstDate,
                        LocalDate lastDate) {
    }

    /** The file has bad rows; nothing was written. */
    static final class RejectedFile extends RuntimeException {
        final CsvPriceParser.Parsed parsed;

        RejectedFile(CsvPriceParser.Parsed parsed) {
            super(parsed.errorCount() + " invalid row(s)", null, false, false);
            this.parsed = parsed;
        }
    }

    private final MarketRepository repository;
    private final TransactionTemplate tx;
    private final CoinList coinList;
    private final Clock clock = Clock.systemUTC();

    PriceImporter(MarketRepository repository, TransactionTemplate tx, CoinList coinList) {
        this.repository = repository;
        this.tx = tx;
        this.coinList = coinList;
    }

    /**
     * @param symbol already validated and upper-cased
     * @param name   display name used only when the coin is new; null means the symbol
     */
    ImportResult importCsv(String symbol, String name, String csv) {
        CsvPriceParser.Parsed parsed = CsvPriceParser.parse(csv);
        if (!parsed.valid()) {
            throw new RejectedFile(parsed);
        }
        List<CsvBar> bars = parsed.bars();
        Instant now = clock.instant();
        try {
            return importBars(symbol, name, bars, now);
        } finally {
            coinList.changed(); // after the commit (or rollback): the next read sees what is stored
        }
    }

    private ImportResult importBars(String symbol, String name, List<CsvBar> bars, Instant now) {
        return tx.execute(status -> {
            repository.insertCoinIfAbsent(symbol, name == null ? symbol : name,
                    "Imported from CSV on " + now.atOffset(ZoneOffset.UTC).toLocalDate() + " (" + IMPORT_MARK + ")",
                    now);
            String source = repository.lockCoinSource(symbol).orElseThrow();
            if (!source.contains(IMPORT_MARK)) {
                // e.g. the synthetic sample: say that real rows may now be mixed in
                repository.updateSource(symbol, shorten(source + "; some " + IMPORT_MARK));
            }
            int replaced = repository.deleteBars(symbol, bars);
            repository.insertBars(symbol, bars, BarSources.CSV);
            LocalDate first = bars.stream().map(CsvBar::date).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = bars.stream().map(CsvBar::date).max(LocalDate::compareTo).orElseThrow();
            return new ImportResult(symbol, bars.size(), bars.size() - replaced, replaced, first, last);
        });
    }

    private static String shorten(String source) {
        return source.length() <= 500 ? source : source.substring(0, 499) + "…";
    }
}
