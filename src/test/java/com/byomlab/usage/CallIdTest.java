package com.byomlab.usage;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Call ids sort in the order they were made, as H2 and PostgreSQL compare UUIDs (unsigned, byte by byte). */
class CallIdTest {

    @Test
    void callIdsAreVersion7AndAscendInTheDatabasesOrder() {
        UUID[] ids = new UUID[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = LlmCallRecord.newCallId();
        }
        Set<UUID> distinct = new HashSet<>(Arrays.asList(ids));
        assertThat(distinct).hasSize(ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertThat(ids[i].version()).isEqualTo(7);
            if (i > 0) {
                assertThat(unsignedCompare(ids[i - 1], ids[i])).as("id %d after id %d", i, i - 1).isNegative();
            }
        }
    }

    private static int unsignedCompare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
