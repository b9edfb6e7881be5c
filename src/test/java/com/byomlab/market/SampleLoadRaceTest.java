package com.byomlab.market;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances starting together: the insert-if-absent lets exactly one of them load a coin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleLoadRaceTest {

    @Autowired
    MarketRepository repository;
    @Autowired
    TransactionTemplate tx;

    @Test
    void onlyOneOfTwoConcurrentLoadersInsertsACoin() throws Exception {
        String symbol = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        CountDownLatch firstInserted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = pool.submit(() -> tx.execute(s -> {
                boolean won = repository.insertCoinIfAbsent(symbol, "Race", "test", Instant.now());
                firstInserted.countDown();
                sleep(300); // still uncommitted while the second one tries
                return won;
            }));
            assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> second = pool.submit(() -> tx.execute(
                    s -> repository.insertCoinIfAbsent(symbol, "Race", "test", Instant.now())));
            assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(20, TimeUnit.SECONDS)).isFalse();
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository.coinExists(symbol)).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
