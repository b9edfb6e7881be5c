package com.byomlab.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LastUseTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void neverUsedIsWrittenAtOnce() {
        assertThat(LastUse.isStale(null, NOW)).isTrue();
    }

    @Test
    void aValueUnderAMinuteOldIsKept() {
        assertThat(LastUse.isStale(NOW.minusSeconds(59), NOW)).isFalse();
        assertThat(LastUse.isStale(NOW, NOW)).isFalse();
    }

    @Test
    void aValueAMinuteOldOrMoreIsRewritten() {
        assertThat(LastUse.isStale(NOW.minusSeconds(60), NOW)).isTrue();
        assertThat(LastUse.isStale(NOW.minusSeconds(3600), NOW)).isTrue();
    }
}
