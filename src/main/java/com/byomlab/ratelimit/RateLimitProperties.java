package com.byomlab.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code byom.rate-limits.*}: the size of each {@link Limit}. Unset parts keep the defaults, e.g.
 * <pre>
 * byom.rate-limits.validations.capacity=20
 * byom.rate-limits.validations.period=1h
 * byom.rate-limits.login-per-account.capacity=10
 * byom.rate-limits.gateway-calls.capacity=600
 * byom.rate-limits.session-creates.capacity=60
 * byom.rate-limits.signups-per-address.capacity=10
 * byom.rate-limits.cleanup-interval=15m   how often rows of expired buckets are deleted
 * </pre>
 */
@ConfigurationProperties("byom.rate-limits")
record RateLimitProperties(Window credentialWrites, Window validations, Window credentialReads,
                           Window loginPerAccount, Window loginPerAddress,
                           @DefaultValue("15m") Duration cleanupInterval, Window gatewayCalls,
                           Window sessionCreates, Window signupsPerAddress) {

    /** A bucket size: at most {@code capacity} per {@code period}; either may be left unset. */
    record Window(Integer capacity, Duration period) {
    }

    @ConstructorBinding
    RateLimitProperties {
        for (Limit limit : Limit.values()) {
            Window w = configured(limit, credentialWrites, validations, credentialReads, loginPerAccount, loginPerAddress,
                    gatewayCalls, sessionCreates, signupsPerAddress);
            if (w != null && w.capacity() != null && w.capacity() < 1) {
                throw new IllegalArgumentException("byom.rate-limits." + limit.id() + ".capacity must be at least 1");
            }
            if (w != null && w.period() != null && w.period().toSeconds() < 1) {
                throw new IllegalArgumentException("byom.rate-limits." + limit.id() + ".period must be at least 1s");
            }
        }
    }

    /** Without a gateway, session or sign-up size: the defaults apply there. */
    RateLimitProperties(Window credentialWrites, Window validations, Window credentialReads, Window loginPerAccount,
                        Window loginPerAddress, Duration cleanupInterval) {
        this(credentialWrites, validations, credentialReads, loginPerAccount, loginPerAddress, cleanupInterval, null,
                null, null);
    }

    /** The effective size of a limit: configured values over the defaults in {@link Limit}. */
    LimitSize sizeOf(Limit limit) {
        Window w = configured(limit, credentialWrites, validations, credentialReads, loginPerAccount, loginPerAddress,
                gatewayCalls, sessionCreates, signupsPerAddress);
        int capacity = w == null || w.capacity() == null ? limit.defaultCapacity() : w.capacity();
        Duration period = w == null || w.period() == null ? limit.defaultPeriod() : w.period();
        return new LimitSize(limit, capacity, period);
    }

    private static Window configured(Limit limit, Window writes, Window validations, Window reads, Window account,
                                     Window address, Window gateway, Window sessions, Window signups) {
        return switch (limit) {
            case CREDENTIAL_WRITES -> writes;
            case VALIDATIONS -> validations;
            case CREDENTIAL_READS -> reads;
            case LOGIN_PER_ACCOUNT -> account;
            case LOGIN_PER_ADDRESS -> address;
            case GATEWAY_CALLS -> gateway;
            case SESSION_CREATES -> sessions;
            case SIGNUPS_PER_ADDRESS -> signups;
        };
    }
}
