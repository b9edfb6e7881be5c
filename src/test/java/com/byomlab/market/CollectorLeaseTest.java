package com.byomlab.market;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.FakeBinance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.byomlab.market.CollectorFixture.TODAY;
import static com.byomlab.market.CollectorFixture.freshCoin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors (two instances: their own ids, threads and connections) on one database, run on PostgreSQL by
 * the 'postgres' profile: one collects while the other stands aside; one that stalled past its lease stores
 * nothing after another took over; and whatever the timing, no day is asked for twice or stored twice.
 */
class CollectorLeaseTest extends ApiIntegrationTest {

    static final FakeBinance BINANCE = FakeBinance.start();

    @Autowired
    CollectorRepository state;
    @Autowired
    MarketRepository bars;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CoinList coinList;

    CollectorFixture f;
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void fresh() {
        BINANCE.reset();
        f = new CollectorFixture(state, bars, tx, coinList, jdbc);
    }

    @AfterEach
    void cleanUp() {
        threads.shutdownNow();
        jdbc.update("UPDATE market_collector_lease SET owner = NULL, expires_at = NULL");
    }

    @Test
    void oneInstanceCollectsAndNoBarIsStoredTwice() throws Exception {
        String coin = freshCoin();
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1));
        CollectorProperties settings = CollectorFixture.binance(BINANCE, List.of(coin), 30, 1000);
        MarketCollector a = f.collector(settings, "instance-a");
        MarketCollector b = f.collector(settings, "instance-b");

        // A is collecting (its request is on the wire): B stands aside and asks the exchange nothing
        CountDownLatch gate = BINANCE.hold();
        Future<MarketCollector.RunResult> runA = threads.submit(a::runOnce);
        BINANCE.awaitRequests(1);
        MarketCollector.RunResult runB = b.runOnce();
        assertThat(runB.outcome()).isEqualTo("not_our_turn");
        assertThat(runB.message()).contains("instance-a");
        assertThat(BINANCE.requests()).hasSize(1);
        gate.countDown();
        assertThat(runA.get().outcome()).isEqualTo("ok");
        assertThat(f.stored(coin)).isEqualTo(30);

        // next day: A stalls on the exchange past its lease, B takes over; A's late page is not stored
        f.clock.advance(Duration.ofDays(1));
        BINANCE.today(TODAY.plusDays(1));
        gate = BINANCE.hold();
        runA = threads.submit(a::runOnce);
        BINANCE.awaitRequests(2);
        f.clock.advance(settings.lease().plusMinutes(1));
        Future<MarketCollector.RunResult> takeover = threads.submit(b::runOnce);
        BINANCE.awaitRequests(3);
        gate.countDown();
        MarketCollector.RunResult stalled = runA.get();
        assertThat(stalled.outcome()).isEqualTo("lease_lost");
        assertThat(stalled.message()).contains("lost the collector lease");
        assertThat(takeover.get().outcome()).isEqualTo("ok");
        assertThat(f.stored(coin)).isEqualTo(31);
        assertThat(state.progress("binance", coin).orElseThrow().barsStored()).isEqualTo(31); // A's page not counted

        // the day after, both start at once: whichever runs, the day is asked for once and stored once
        f.clock.advance(Duration.ofDays(1));
        BINANCE.today(TODAY.plusDays(2));
        CyclicBarrier together = new CyclicBarrier(2);
        Future<MarketCollector.RunResult> first = threads.submit(() -> {
            together.await();
            return a.runOnce();
        });
        Future<MarketCollector.RunResult> second = threads.submit(() -> {
            together.await();
            return b.runOnce();
        });
        assertThat(List.of(first.get().outcome(), second.get().outcome())).contains("ok")
                .allMatch(o -> o.equals("ok") || o.equals("not_our_turn"));
        assertThat(BINANCE.requests()).extracting(FakeBinance::window)
                .filteredOn(w -> w.equals(TODAY.plusDays(1) + ".." + TODAY.plusDays(1))).hasSize(1);
        assertThat(BINANCE.requests()).hasSize(4);
        assertThat(f.stored(coin)).isEqualTo(32);
        assertThat(f.duplicates(coin)).isEmpty();
        assertThat(state.lease()).isEmpty();
    }
}
