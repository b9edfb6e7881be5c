package com.byomlab.agent;

import com.byomlab.market.Backtest;
import com.byomlab.market.Comparison;
import com.byomlab.market.DataProvenance;
import com.byomlab.market.Indicators;
import com.byomlab.market.MarketData;
import com.byomlab.market.PriceBar;
import com.byomlab.market.UnknownSymbolException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lab's tools over market data, the same on every provider. A bad call (unknown tool, bad
 * arguments, unknown symbol, too little data) is answered with an error result the model can read
 * and correct, never an exception out of the loop.
 */
@Component
class LabTools {

    record ToolResult(String json, boolean error) {
    }

    static final List<String> INDICATORS = List.of("sma", "ema", "rsi", "macd", "volatility");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DAYS = 3650;

    private final MarketData market;
    private final List<ToolSpecification> specifications;

    LabTools(MarketData market) {
        this.market = market;
        this.specifications = List.of(
                ToolSpecification.builder().name("list_coins")
                        .description("Lists the coins with price data: symbol, name, first and last date, number of "
                                + "days, and where the prices come from.")
                        .parameters(JsonObjectSchema.builder().build()).build(),
                ToolSpecification.builder().name("get_price_history")
                        .description("Daily open/high/low/close/volume of one coin for the last N days of its data.")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("symbol", "Coin symbol, e.g. BTC")
                                .addIntegerProperty("days", "How many days back from the latest date (1-365, default 30)")
                                .required("symbol").build()).build(),
                ToolSpecification.builder().name("compute_indicators")
                        .description("Technical indicators on a coin's daily closes: sma, ema, rsi (14), macd (12/26/9), "
                                + "volatility (stdev of daily log returns, and annualised). Returns the latest values.")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("symbol", "Coin symbol, e.g. ETH")
                                .addProperty("indicators", JsonArraySchema.builder()
                                        .description("Any of sma, ema, rsi, macd, volatility (default: all)")
                                        .items(JsonStringSchema.builder().build()).build())
                                .addIntegerProperty("period", "Period of sma/ema in days (2-200, default 20)")
                                .addIntegerProperty("days", "Window in days back from the latest date (30-3650, default 180)")
                                .required("symbol").build()).build(),
                ToolSpecification.builder().name("compare_coins")
                        .description("Compares coins over the same window: total return, volatility, max drawdown, "
                                + "and the correlation of daily returns between each pair.")
                        .parameters(JsonObjectSchema.builder()
                                .addProperty("symbols", JsonArraySchema.builder().description("2 to 10 coin symbols")
                                        .items(JsonStringSchema.builder().build()).build())
                                .addIntegerProperty("days", "Window in days back from the latest date (7-3650, default 90)")
                                .required("symbols").build()).build(),
                ToolSpecification.builder().name("backtest_strategy")
                        .description("Backtests a long-only moving-average crossover on a coin: buy when the fast "
                                + "average crosses above the slow one, sell when it crosses below. Returns trades, "
                                + "total return, buy-and-hold return, max drawdown and win rate.")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("symbol", "Coin symbol, e.g. SOL")
                                .addIntegerProperty("fast", "Fast moving-average period (1-100, default 10)")
                                .addIntegerProperty("slow", "Slow moving-average period (2-300, default 30)")
                                .addIntegerProperty("days", "Window in days back from the latest date (30-3650, default 365)")
                                .required("symbol").build()).build());
    }

    List<ToolSpecification> specifications() {
        return specifications;
    }

    ToolResult execute(ToolExecutionRequest request) {
        try {
            ToolArguments args = ToolArguments.parse(request.arguments());
            Object result = switch (request.name() == null ? "" : request.name()) {
                case "list_coins" -> market.listCoins().stream().map(c -> Map.of("symbol", c.symbol(), "name", c.name(),
                        "first_date", String.valueOf(c.firstDate()), "last_date", String.valueOf(c.lastDate()),
                        "days", c.days(), "source", c.source())).toList();
                case "get_price_history" -> priceHistory(args);
                case "compute_indicators" -> indicators(args);
                case "compare_coins" -> compare(args);
                case "backtest_strategy" -> backtest(args);
                default -> throw new ToolArguments.BadToolCall("There is no tool named '" + shorten(request.name())
                        + "'. Available: list_coins, get_price_history, compute_indicators, compare_coins, backtest_strategy.");
            };
            return new ToolResult(JSON.writeValueAsString(result), false);
        } catch (ToolArguments.BadToolCall | UnknownSymbolException | IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private Map<String, Object> priceHistory(ToolArguments args) throws ToolArguments.BadToolCall {
        String symbol = args.symbol("symbol");
        List<PriceBar> bars = window(symbol, args.integer("days", 30, 1, 365));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.put("from", bars.isEmpty() ? null : bars.get(0).date());
        out.put("to", bars.isEmpty() ? null : bars.get(bars.size() - 1).date());
        out.put("bars", bars.stream().map(b -> List.of(b.date().toString(), round(b.open()), round(b.high()),
                round(b.low()), round(b.close()), round(b.volume()))).toList());
        out.put("columns", List.of("date", "open", "high", "low", "close", "volume"));
        out.put("data", provenance(symbol, bars));
        return out;
    }

    private Map<String, Object> indicators(ToolArguments args) throws ToolArguments.BadToolCall {
        String symbol = args.symbol("symbol");
        List<String> wanted = args.choices("indicators", INDICATORS, INDICATORS);
        int period = args.integer("period", 20, 2, 200);
        List<PriceBar> bars = window(symbol, args.integer("days", 180, 30, MAX_DAYS));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.put("as_of", bars.isEmpty() ? null : bars.get(bars.size() - 1).date());
        out.put("last_close", bars.isEmpty() ? null : round(bars.get(bars.size() - 1).close()));
        out.put("data", provenance(symbol, bars));
        for (String indicator : wanted) {
            switch (indicator) {
                case "sma" -> out.put("sma_" + period, last(Indicators.sma(bars, period)));
                case "ema" -> out.put("ema_" + period, last(Indicators.ema(bars, period)));
                case "rsi" -> out.put("rsi_14", last(Indicators.rsi(bars)));
                case "macd" -> {
                    List<Indicators.MacdPoint> macd = Indicators.macd(bars);
                    Indicators.MacdPoint m = macd.get(macd.size() - 1);
                    out.put("macd", Map.of("macd", round(m.macd()), "signal", round(m.signal()),
                            "histogram", round(m.histogram())));
                }
                case "volatility" -> {
                    Indicators.Volatility v = Indicators.volatility(bars);
                    out.put("volatility", Map.of("daily", round(v.daily()), "annualised", round(v.annualised())));
                }
                default -> throw new IllegalStateException(indicator);
            }
        }
        return out;
    }

    private Map<String, Object> compare(ToolArguments args) throws ToolArguments.BadToolCall {
        List<String> symbols = args.symbols("symbols", 2, 10);
        int days = args.integer("days", 90, 7, MAX_DAYS);
        Map<String, List<PriceBar>> bars = new LinkedHashMap<>();
        for (String symbol : symbols) {
            bars.put(symbol, window(symbol, days));
        }
        Comparison.Result r = Comparison.compare(bars);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", r.from());
        out.put("to", r.to());
        out.put("days", r.days());
        out.put("coins", r.coins().stream().map(c -> Map.of("symbol", c.symbol(), "total_return", round(c.totalReturn()),
                "annualised_volatility", round(c.annualisedVolatility()), "max_drawdown", round(c.maxDrawdown()),
                "last_close", round(c.lastClose()))).toList());
        out.put("data", bars.entrySet().stream().map(e -> provenance(e.getKey(), e.getValue())).toList());
        out.put("correlations", r.correlations().stream().map(c -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("pair", c.first() + "/" + c.second());
            pair.put("coefficient", c.coefficient() == null ? null : round(c.coefficient()));
            return pair;
        }).toList());
        return out;
    }

    private Map<String, Object> backtest(ToolArguments args) throws ToolArguments.BadToolCall {
        String symbol = args.symbol("symbol");
        int fast = args.integer("fast", 10, 1, 100);
        int slow = args.integer("slow", 30, 2, 300);
        List<PriceBar> bars = window(symbol, args.integer("days", 365, 30, MAX_DAYS));
        Backtest.Result r = Backtest.movingAverageCrossover(bars, fast, slow);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.put("strategy", "ma_crossover(" + fast + "," + slow + ")");
        out.put("from", r.from());
        out.put("to", r.to());
        out.put("number_of_trades", r.numberOfTrades());
        out.put("win_rate", round(r.winRate()));
        out.put("total_return", round(r.totalReturn()));
        out.put("buy_and_hold_return", round(r.buyAndHoldReturn()));
        out.put("max_drawdown", round(r.maxDrawdown()));
        out.put("last_trades", r.trades().subList(Math.max(0, r.trades().size() - 10), r.trades().size()).stream()
                .map(t -> Map.of("entry", t.entryDate().toString(), "exit", t.exitDate().toString(),
                        "return", round(t.tradeReturn()), "open_at_end", t.closedAtEnd())).toList());
        out.put("data", provenance(symbol, bars));
        return out;
    }

    /** The last {@code days} days of a coin's data, counted back from its latest date (not today). */
    private List<PriceBar> window(String symbol, int days) {
        LocalDate last = market.latest(symbol).map(PriceBar::date)
                .orElseThrow(() -> new IllegalArgumentException("There is no price data for " + symbol + " yet."));
        return market.history(symbol, last.minusDays(days - 1L), last);
    }

    /** Which source and days the figures come from, and the days in that range without a bar (gaps stay empty). */
    private Map<String, Object> provenance(String symbol, List<PriceBar> bars) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        if (bars.isEmpty()) {
            out.put("source", "no data");
            return out;
        }
        DataProvenance p = market.provenance(symbol, bars.get(0).date(), bars.get(bars.size() - 1).date());
        out.put("source", p.summary());
        out.put("from", p.from().toString());
        out.put("to", p.to().toString());
        out.put("days", p.days());
        out.put("missing_days", p.missingDays());
        return out;
    }

    private static Double last(List<Indicators.Point> points) {
        return points.isEmpty() ? null : round(points.get(points.size() - 1).value());
    }

    static double round(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(6)).doubleValue();
    }

    private static ToolResult error(String message) {
        return new ToolResult(JSON.writeValueAsString(Map.of("error", message == null ? "invalid call" : message)), true);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
