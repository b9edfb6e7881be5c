package com.byomlab.market;

import com.byomlab.testsupport.fakes.FakeBinance;
import com.byomlab.testsupport.fakes.FakeCoinbase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds collectors against the fake exchanges, with a clock the test moves and a sleeper that only records. */
final class CollectorFixture {

    /** A clock the test sets; shared by every collector of a test, as instances share the wall clock. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records each wait instead of waiting, so that a Retry-After of minutes costs the test nothing. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }

        /** The waits long enough to be deliberate (not the pacing between two requests). */
        List<Duration> deliberate() {
            return waits.stream().filter(d -> d.compareTo(Duration.ofMillis(500)) >= 0).toList();
        }
    }

    static final Instant NOW = Instant.parse("2026-12-10T06:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 10);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

    final CollectorRepository state;
    final MarketRepository bars;
    final TransactionTemplate tx;
    final CoinList coinList;
    final JdbcTemplate jdbc;
    final TestClock clock = new TestClock(NOW);
    final RecordingSleeper sleeper = new RecordingSleeper();

    CollectorFixture(CollectorRepository state, MarketRepository bars, TransactionTemplate tx, CoinList coinList,
                     JdbcTemplate jdbc) {
        this.state = state;
        this.bars = bars;
        this.tx = tx;
        this.coinList = coinList;
        this.jdbc = jdbc;
    }

    static String freshCoin() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase(Locale.ROOT);
    }

    static CollectorProperties binance(FakeBinance fake, List<String> coins, int historyDays, int pageSize) {
        return new CollectorProperties("binance", coins, historyDays, Duration.ofHours(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(2),
                new CollectorProperties.Binance(URI.create(fake.baseUrl()), "USDT", 1000, pageSize),
                new CollectorProperties.Coinbase(URI.create("http://127.0.0.1:9"), "USD", 300, Duration.ZERO));
    }

    static CollectorProperties coinbase(FakeCoinbase fake, List<String> coins, int historyDays) {
        return new CollectorProperties("coinbase", coins, historyDays, Duration.ofHours(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(2),
                new CollectorProperties.Binance(URI.create("http://127.0.0.1:9"), "USDT", 1000, 1000),
                new CollectorProperties.Coinbase(URI.create(fake.baseUrl()), "USD", 300, Duration.ofMillis(100)));
    }

    MarketCollector collector(CollectorProperties settings, String instance) {
        return new MarketCollector(settings, CollectorSchedule.exchange(settings, sleeper, clock), state, bars, tx,
                coinList, clock, instance);
    }

    int stored(String coin) {
        return bars.countBars(coin);
    }

    /** Days stored more than once for the coin: always none, the primary key sees to that. */
    List<String> duplicates(String coin) {
        return jdbc.queryForList("SELECT CAST(trade_date AS VARCHAR) FROM price_bars WHERE symbol = ? "
                + "GROUP BY trade_date HAVING COUNT(*) > 1", String.class, coin);
    }

    List<String> sources(String coin) {
        return jdbc.queryForList("SELECT DISTINCT source FROM price_bars WHERE symbol = ?", String.class, coin);
    }

    List<String> issues(String coin) {
        return jdbc.queryForList("SELECT kind || ' ' || CAST(trade_date AS VARCHAR) || ': ' || detail FROM "
                + "market_data_issues WHERE symbol = ? ORDER BY trade_date, kind", String.class, coin);
    }
}
