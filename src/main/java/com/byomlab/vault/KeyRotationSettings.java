package com.byomlab.vault;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the background re-encryption after a master-key change runs.
 *
 * <pre>
 * byom.key-rotation.enabled=true               run the job at start-up and then every check-interval
 * byom.key-rotation.batch-size=100             credentials read and re-encrypted per batch
 * byom.key-rotation.pause-between-batches=0ms  a throttle, to spare a busy database
 * byom.key-rotation.check-interval=5m          how often an instance looks again (e.g. after a crash
 *                                              of the job, or rows written by an instance still on the old key)
 * </pre>
 */
@ConfigurationProperties("byom.key-rotation")
record KeyRotationSettings(@DefaultValue("true") boolean enabled, @DefaultValue("100") int batchSize,
                           @DefaultValue("0ms") Duration pauseBetweenBatches,
                           @DefaultValue("5m") Duration checkInterval) {

    KeyRotationSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("byom.key-rotation.batch-size must be at least 1");
        }
    }
}
