package com.byomlab.calls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The operator's settings for fallbacks and cooldowns.
 *
 * <pre>
 * byom.fallback.system-default-allowed=false  whether a user's fallback order may end on the operator's system default
 *                                             (the user must opt in too, with use_system_default)
 * byom.fallback.cooldown.initial=30s          how long a credential that just failed is skipped
 * byom.fallback.cooldown.max=10m              the cap: each further failure in a row doubles the wait up to here
 * </pre>
 */
@ConfigurationProperties("byom.fallback")
public record FallbackSettings(@DefaultValue("false") boolean systemDefaultAllowed, @DefaultValue Backoff cooldown) {

    /** At most this many credentials in one fallback order. */
    public static final int MAX_CREDENTIALS = 10;

    public FallbackSettings {
        cooldown = cooldown == null ? new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10)) : cooldown;
    }

    /** How long a failed credential is skipped. */
    public record Backoff(@DefaultValue("30s") Duration initial, @DefaultValue("10m") Duration max) {

        public Backoff {
            initial = initial == null || initial.isNegative() || initial.isZero() ? Duration.ofSeconds(30) : initial;
            max = max == null || max.compareTo(initial) < 0 ? initial : max;
        }

        /** The wait after the {@code failures}-th failure in a row: initial, doubled each time, capped at max. */
        public Duration after(int failures) {
            int doublings = Math.max(0, Math.min(failures - 1, 30));
            Duration wait = initial.multipliedBy(1L << doublings);
            return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
        }
    }
}
