package com.byomlab.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.byomlab.web.DatabaseOutage;
import org.springframework.dao.DuplicateKeyException;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A running session's writes outlive a database outage: a write that fails because the database is
 * unreachable is retried (0.25 s doubling to 5 s) until it succeeds, the session's deadline passes,
 * or the session is stopped. Writes are idempotent (steps by their sequence number, usage by call
 * id), so a write whose commit was lost in the outage and is sent again is not stored twice.
 */
final class DatabaseRetry {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRetry.class);

    private DatabaseRetry() {
    }

    static <T> T write(String what, Instant deadline, Supplier<T> work) throws InterruptedException {
        long backoff = 250;
        boolean warned = false;
        while (true) {
            try {
                T result = work.get();
                if (warned) {
                    log.info("Database reachable again; {} written", what);
                }
                return result;
            } catch (DuplicateKeyException alreadyWritten) {
                return null; // the earlier attempt did commit
            } catch (RuntimeException e) {
                if (!DatabaseOutage.isOutage(e) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                if (!warned) {
                    log.warn("Database unreachable while writing {}; retrying until it is back", what);
                    warned = true;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    static void run(String what, Instant deadline, Runnable work) throws InterruptedException {
        write(what, deadline, () -> {
            work.run();
            return null;
        });
    }
}
