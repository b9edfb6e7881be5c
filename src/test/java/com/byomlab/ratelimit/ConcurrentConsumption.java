package com.byomlab.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Races one user's validations across two instances' limiters and counts how many were admitted. */
final class ConcurrentConsumption {

    private ConcurrentConsumption() {
    }

    static int admitted(RateLimits first, RateLimits second, UUID user, int attempts, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                RateLimits instance = i % 2 == 0 ? first : second;
                calls.add(() -> {
                    try {
                        instance.consume(user, Limit.VALIDATIONS);
                        return true;
                    } catch (RateLimitExceeded refused) {
                        return false;
                    }
                });
            }
            int admitted = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                admitted += f.get() ? 1 : 0;
            }
            return admitted;
        } finally {
            pool.shutdownNow();
        }
    }
}
