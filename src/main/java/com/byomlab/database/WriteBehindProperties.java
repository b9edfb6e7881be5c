package com.byomlab.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code byom.write-behind.*}: how usage and audit rows are written off the request path ({@link WriteBehind}).
 *
 * @param maxDelay      how long a row may wait for others to share its batch (a batch is written at most this long
 *                      after its first row came, plus the write itself); 0 writes every row on the request path
 * @param queueCapacity rows waiting at most, per kind of row; when full, callers write their own rows
 */
@ConfigurationProperties("byom.write-behind")
public record WriteBehindProperties(@DefaultValue("50ms") Duration maxDelay,
                                    @DefaultValue("10000") int queueCapacity) {

    public WriteBehindProperties {
        if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("byom.write-behind.max-delay must be between 0 and 1s (0 turns "
                    + "write-behind off); it bounds how many rows a crash can lose");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("byom.write-behind.queue-capacity must be at least 1");
        }
    }
}
