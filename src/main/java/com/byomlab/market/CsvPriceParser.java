package com.byomlab.market;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code date,open,high,low,close,volume} CSV (header required, columns in any order) and checks
 * every row, collecting all problems instead of stopping at the first, so a user fixes a file in one go.
 */
final class CsvPriceParser {

    static final List<String> COLUMNS = List.of("date", "open", "high", "low", "close", "volume");
    static final int MAX_ROWS = 100_000;
    /** Enough to show what is wrong with a file; the total is still counted. */
    static final int MAX_REPORTED_ERRORS = 1_000;
    // NUMERIC(38, 12): 26 digits before the point
    private static final BigDecimal TOO_LARGE = new BigDecimal("1e26");

    /** A problem on one line; {@code column} is null when the row as a whole is wrong. */
    record RowError(int line, String column, String message) {
    }

    /** The file could not be read as a price CSV at all (no header, wrong header, too many rows...). */
    static final class FileProblem extends RuntimeException {
        final boolean tooLarge;

        FileProblem(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }
    }

    record Parsed(List<CsvBar> bars, List<RowError> errors, int errorCount) {
        boolean valid() {
            return errorCount == 0;
        }
    }

    private CsvPriceParser() {
    }

    static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // spreadsheet exports start with a byte-order mark
        }
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new FileProblem("The file is empty. The first line must be the header "
                        + String.join(",", COLUMNS) + ".", false);
            }
            int[] index = header(records.next());
            Errors errors = new Errors();
            List<CsvBar> bars = new ArrayList<>();
            Map<LocalDate, Integer> seen = new HashMap<>();
            int rows = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // a line of spaces: as blank as an empty one
                }
                if (++rows > MAX_ROWS) {
                    throw new FileProblem("The file has more than " + MAX_ROWS + " data rows; split it into "
                            + "smaller files (for example one per year).", true);
                }
                int line = lineOf(text, lineStarts, record.getCharacterPosition());
                CsvBar bar = row(record, index, line, errors);
                if (bar == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(bar.date(), line);
                if (first != null) {
                    errors.add(line, "date", "duplicate date " + bar.date() + " (first on line " + first + ")");
                    continue;
                }
                bars.add(bar);
            }
            if (rows == 0 && errors.count == 0) {
                throw new FileProblem("The file has a header but no data rows.", false);
            }
            return new Parsed(bars, List.copyOf(errors.list), errors.count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // Commons CSV signals malformed quoting this way; its message may quote the data
            throw new FileProblem("The file is not valid CSV (check for an unclosed quote).", false);
        }
    }

    /** Maps each expected column to its position; the header must name exactly the six columns. */
    private static int[] header(CSVRecord header) {
        List<String> names = header.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        int[] index = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            index[i] = names.indexOf(COLUMNS.get(i));
        }
        if (names.size() != COLUMNS.size() || Arrays.stream(index).anyMatch(i -> i < 0)
                || names.stream().distinct().count() != names.size()) {
            throw new FileProblem("The first line must be the header " + String.join(",", COLUMNS)
                    + " (columns in any order, nothing else); found " + names.size() + " column(s).", false);
        }
        return index;
    }

    private static CsvBar row(CSVRecord record, int[] index, int line, Errors errors) {
        if (record.size() != COLUMNS.size()) {
            errors.add(line, null, "expected " + COLUMNS.size() + " columns (" + String.join(",", COLUMNS)
                    + "), got " + record.size());
            return null;
        }
        int before = errors.count;
        LocalDate date = null;
        String rawDate = record.get(index[0]);
        try {
            date = LocalDate.parse(rawDate); // ISO and strict: 2026-02-30 is refused
        } catch (DateTimeParseException e) {
            errors.add(line, "date", "bad date " + quote(rawDate) + ": use YYYY-MM-DD");
        }
        BigDecimal open = price(record.get(index[1]), "open", line, errors);
        BigDecimal high = price(record.get(index[2]), "high", line, errors);
        BigDecimal low = price(record.get(index[3]), "low", line, errors);
        BigDecimal close = price(record.get(index[4]), "close", line, errors);
        BigDecimal volume = number(record.get(index[5]), "volume", line, errors);
        if (volume != null && volume.signum() < 0) {
            errors.add(line, "volume", "volume must not be negative, got " + volume.toPlainString());
        }
        if (high != null && low != null && high.compareTo(low) < 0) {
            errors.add(line, "high", "high " + high.toPlainString() + " is below low " + low.toPlainString());
        } else if (high != null && low != null) {
            within(open, "open", low, high, line, errors);
            within(close, "close", low, high, line, errors);
        }
        if (errors.count > before) {
            return null;
        }
        return new CsvBar(date, open, high, low, close, volume);
    }

    private static void within(BigDecimal value, String column, BigDecimal low, BigDecimal high, int line,
                               Errors errors) {
        if (value == null) {
            return;
        }
        if (value.compareTo(low) < 0) {
            errors.add(line, column, column + " " + value.toPlainString() + " is below low " + low.toPlainString());
        } else if (value.compareTo(high) > 0) {
            errors.add(line, column, column + " " + value.toPlainString() + " is above high " + high.toPlainString());
        }
    }

    private static BigDecimal price(String raw, String column, int line, Errors errors) {
        BigDecimal value = number(raw, column, line, errors);
        if (value != null && value.signum() <= 0) {
            errors.add(line, column, column + " must be greater than 0, got " + value.toPlainString());
            return null;
        }
        return value;
    }

    private static BigDecimal number(String raw, String column, int line, Errors errors) {
        if (raw.isEmpty()) {
            errors.add(line, column, column + " is empty");
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            errors.add(line, column, column + " is not a number: " + quote(raw)
                    + " (use digits and a decimal point, no thousands separators)");
            return null;
        }
        if (value.abs().compareTo(TOO_LARGE) >= 0) {
            errors.add(line, column, column + " is too large (at most 26 digits before the decimal point)");
            return null;
        }
        // stored with 12 decimals: finer digits are noise for prices
        return value.setScale(Math.min(Math.max(value.scale(), 0), 12), RoundingMode.HALF_EVEN);
    }

    private static String quote(String raw) {
        return "'" + (raw.length() <= 30 ? raw : raw.substring(0, 30) + "…") + "'";
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[n++] = i + 1;
            }
        }
        return starts;
    }

    /**
     * 1-based line on which a record starts. The parser's position points just after the previous
     * record, i.e. before any blank lines it skipped, so step over those first. (A bare CR also ends a
     * line in CSV, but nobody sends those.)
     */
    private static int lineOf(String text, int[] starts, long position) {
        int at = (int) position;
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r'
                || Character.isWhitespace(text.charAt(at)) && lineIsBlank(text, at))) {
            at++;
        }
        int i = Arrays.binarySearch(starts, at);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static boolean lineIsBlank(String text, int at) {
        int end = text.indexOf('\n', at);
        return text.substring(at, end < 0 ? text.length() : end).isBlank();
    }

    private static final class Errors {
        final List<RowError> list = new ArrayList<>();
        int count;

        void add(int line, String column, String message) {
            count++;
            if (list.size() < MAX_REPORTED_ERRORS) {
                list.add(new RowError(line, column, message));
            }
        }
    }
}
