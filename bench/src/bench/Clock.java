package bench;

import java.time.Instant;

/** Maps System.nanoTime to epoch microseconds, so the fake's timestamps compare with the service's. */
final class Clock {

    private static final long BASE_NANOS;
    private static final long BASE_EPOCH_MICROS;

    static {
        long n0 = System.nanoTime();
        Instant now = Instant.now();
        long n1 = System.nanoTime();
        BASE_NANOS = (n0 + n1) / 2;
        BASE_EPOCH_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private Clock() {
    }

    static long epochMicros(long nanoTime) {
        return BASE_EPOCH_MICROS + (nanoTime - BASE_NANOS) / 1_000;
    }

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
