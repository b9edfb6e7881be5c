package com.byomlab.market;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Coins and their daily bars. Prices are NUMERIC in the database and BigDecimal only at this edge. */
@Repository
class MarketRepository {

    private static final String BAR_COLUMNS = "trade_date, open_price, high_price, low_price, close_price, volume";

    private final JdbcClient jdbc;
    // JdbcClient has no batch statements: bulk writes go through JdbcTemplate.batchUpdate
    private final JdbcTemplate batch;

    MarketRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    List<Coin> listCoins() {
        return jdbc.sql("""
                SELECT c.symbol, c.name, c.source, MIN(b.trade_date) AS first_date, MAX(b.trade_date) AS last_date,
                       COUNT(b.trade_date) AS days
                FROM coins c LEFT JOIN price_bars b ON b.symbol = c.symbol
                GROUP BY c.symbol, c.name, c.source
                ORDER BY c.symbol""")
                .query((rs, row) -> new Coin(rs.getString("symbol"), rs.getString("name"),
                        rs.getObject("first_date", LocalDate.class), rs.getObject("last_date", LocalDate.class),
                        rs.getInt("days"), rs.getString("source")))
                .list();
    }

    List<String> symbols() {
        return jdbc.sql("SELECT symbol FROM coins ORDER BY symbol").query(String.class).list();
    }

    boolean coinExists(String symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM coins WHERE symbol = ?").param(symbol).query(Integer.class).single() > 0;
    }

    /** Insert-if-absent, safe when several instances race: returns true only for the one that inserted. */
    boolean insertCoinIfAbsent(String symbol, String name, String source, Instant now) {
        return jdbc.sql("INSERT INTO coins (symbol, name, source, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING") // no conflict target: H2 (PostgreSQL mode) takes only this form
                .params(symbol, name, source, now.atOffset(ZoneOffset.UTC)).update() == 1;
    }

    /** Locks the coin row so that two imports of one symbol run one after the other. */
    Optional<String> lockCoinSource(String symbol) {
        return jdbc.sql("SELECT source FROM coins WHERE symbol = ? FOR UPDATE").param(symbol)
                .query(String.class).optional();
    }

    void updateSource(String symbol, String source) {
        jdbc.sql("UPDATE coins SET source = ? WHERE symbol = ?").params(source, symbol).update();
    }

    List<PriceBar> history(String symbol, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + BAR_COLUMNS + " FROM price_bars WHERE symbol = ? AND trade_date >= ? "
                        + "AND trade_date <= ? ORDER BY trade_date")
                .params(symbol, from, to).query(MarketRepository::bar).list();
    }

    Optional<PriceBar> latest(String symbol) {
        return jdbc.sql("SELECT " + BAR_COLUMNS + " FROM price_bars WHERE symbol = ? "
                        + "ORDER BY trade_date DESC LIMIT 1")
                .param(symbol).query(MarketRepository::bar).optional();
    }

    int countBars(String symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM price_bars WHERE symbol = ?").param(symbol).query(Integer.class).single();
    }

    /** Deletes the bars on these dates; returns how many existed (the rows an import replaces). */
    int deleteBars(String symbol, List<CsvBar> bars) {
        return sum(batch.batchUpdate("DELETE FROM price_bars WHERE symbol = ? AND trade_date = ?",
                bars.stream().map(b -> new Object[] {symbol, b.date()}).toList()));
    }

    /** @param source where the bars came from: sample, csv, or exchange:pair (see {@link BarSources}) */
    void insertBars(String symbol, List<CsvBar> bars, String source) {
        batch.batchUpdate("INSERT INTO price_bars (symbol, " + BAR_COLUMNS + ", source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                bars.stream().map(b -> new Object[] {symbol, b.date(), b.open(), b.high(), b.low(), b.close(),
                        b.volume(), source}).toList());
    }

    /** Deletes every bar of the coin from these sources; returns how many there were. */
    int deleteBarsFrom(String symbol, List<String> sources) {
        int deleted = 0;
        for (String source : sources) {
            deleted += jdbc.sql("DELETE FROM price_bars WHERE symbol = ? AND source = ?").params(symbol, source).update();
        }
        return deleted;
    }

    boolean hasBarsFrom(String symbol, String source) {
        return jdbc.sql("SELECT COUNT(*) FROM price_bars WHERE symbol = ? AND source = ?").params(symbol, source)
                .query(Integer.class).single() > 0;
    }

    /** The latest day before {@code before} stored from this source, for gaps across pages and runs. */
    Optional<LocalDate> lastBarDate(String symbol, String source, LocalDate before) {
        return jdbc.sql("SELECT MAX(trade_date) AS last_date FROM price_bars WHERE symbol = ? AND source = ? "
                        + "AND trade_date < ?")
                .params(symbol, source, before).query((rs, row) -> rs.getObject("last_date", LocalDate.class)).list()
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Bars per source of one coin in a window: which sources, which days. */
    List<BarSources.Span> sources(String symbol, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT source, MIN(trade_date) AS first_date, MAX(trade_date) AS last_date, COUNT(*) AS days "
                        + "FROM price_bars WHERE symbol = ? AND trade_date >= ? AND trade_date <= ? "
                        + "GROUP BY source ORDER BY MIN(trade_date), source")
                .params(symbol, from, to).query(MarketRepository::span).list();
    }

    /** Every coin's bars per source (the administrators' coverage view). */
    List<BarSources.CoinSpan> coverage() {
        return jdbc.sql("SELECT symbol, source, MIN(trade_date) AS first_date, MAX(trade_date) AS last_date, "
                        + "COUNT(*) AS days FROM price_bars GROUP BY symbol, source ORDER BY symbol, MIN(trade_date)")
                .query((rs, row) -> new BarSources.CoinSpan(rs.getString("symbol"), span(rs, row))).list();
    }

    private static BarSources.Span span(ResultSet rs, int row) throws SQLException {
        String source = rs.getString("source");
        return new BarSources.Span(source, BarSources.describe(source), rs.getObject("first_date", LocalDate.class),
                rs.getObject("last_date", LocalDate.class), rs.getInt("days"));
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += Math.max(c, 0);
        }
        return total;
    }

    private static PriceBar bar(ResultSet rs, int row) throws SQLException {
        return new PriceBar(rs.getObject("trade_date", LocalDate.class), number(rs, "open_price"),
                number(rs, "high_price"), number(rs, "low_price"), number(rs, "close_price"), number(rs, "volume"));
    }

    private static double number(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value.doubleValue();
    }
}
