package com.byomlab.ratelimit;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one entry point of rate limiting: call it first thing in a handler, before any work. A refused
 * call throws {@link RateLimitExceeded} (rendered as 429) and has taken nothing from any bucket; an
 * admitted one sets the {@code RateLimit-*} headers of the current response.
 */
@Service
public class RateLimits {

    private final BucketStore buckets;
    private final RateLimitProperties properties;
    private final Map<Limit, Counter> hits = new EnumMap<>(Limit.class);

    /** On buckets in the database (for tests of that store). */
    RateLimits(ProxyManager<String> rows, RateLimitProperties properties, MeterRegistry metrics) {
        this(BucketStore.inDatabase(rows), properties, metrics);
    }

    @Autowired
    RateLimits(BucketStore rateLimitBuckets, RateLimitProperties properties, MeterRegistry metrics) {
        this.buckets = rateLimitBuckets;
        this.properties = properties;
        for (Limit limit : Limit.values()) {
            hits.put(limit, Counter.builder("byom.rate_limit.hits").tag("limit", limit.id())
                    .description("Requests refused by a rate limit").register(metrics));
        }
    }

    /**
     * Takes one unit from each of the user's limits, all or none: when one is spent, units already
     * taken for this request are given back and the request is refused.
     */
    public void consume(UUID userId, Limit... limits) {
        List<Taken> taken = new ArrayList<>();
        for (Limit limit : limits) {
            if (!limit.perUser()) {
                throw new IllegalArgumentException(limit + " is not a per-user limit");
            }
            taken.add(take(limit, userId.toString(), taken));
        }
        taken.stream().map(Taken::quota).min(Comparator.comparingLong(Quota::remaining))
                .ifPresent(RateLimitHeaders::writeToCurrentResponse);
    }

    /**
     * Takes one unit of a user's limit like {@link #consume}, but leaves the {@code RateLimit-*} headers to the
     * caller: returns them instead of setting them on the current response. For a response that may turn out to be
     * someone else's refusal (the gateway passing on a provider's 429), which our headers must not be taken for.
     */
    public Map<String, String> consumeAndReturnHeaders(UUID userId, Limit limit) {
        if (!limit.perUser()) {
            throw new IllegalArgumentException(limit + " is not a per-user limit");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        RateLimitHeaders.write(take(limit, userId.toString(), new ArrayList<>()).quota(), headers::put);
        return headers;
    }

    /**
     * Admits a login attempt under both login limits (per account, per client address), before the
     * password is checked. Every attempt takes a unit, so parallel guesses cannot overrun a limit;
     * {@link LoginAttempt#succeeded()} gives it back, so in effect only failed logins count.
     */
    public LoginAttempt startLogin(String account, String clientAddress) {
        List<Taken> taken = new ArrayList<>();
        taken.add(take(Limit.LOGIN_PER_ACCOUNT, hashed(account == null ? "" : account.strip().toLowerCase(Locale.ROOT)),
                taken));
        taken.add(take(Limit.LOGIN_PER_ADDRESS, hashed(clientAddress == null ? "unknown" : clientAddress), taken));
        List<Bucket> toRefund = taken.stream().map(Taken::bucket).toList();
        return new LoginAttempt(() -> toRefund.forEach(b -> b.addTokens(1)));
    }

    /**
     * Admits a sign-up attempt from this client address under {@link Limit#SIGNUPS_PER_ADDRESS}. Every attempt counts,
     * whatever its outcome: the answer says whether the email has an account, so each one is worth limiting.
     */
    public void startSignUp(String clientAddress) {
        Taken taken = take(Limit.SIGNUPS_PER_ADDRESS, hashed(clientAddress == null ? "unknown" : clientAddress),
                new ArrayList<>());
        RateLimitHeaders.writeToCurrentResponse(taken.quota());
    }

    private Taken take(Limit limit, String subject, List<Taken> takenSoFar) {
        LimitSize size = properties.sizeOf(limit);
        Bucket bucket = buckets.bucket(size.bucketKey(subject), size::bucket);
        ConsumptionProbe probe;
        try {
            probe = bucket.tryConsumeAndReturnRemaining(1);
        } catch (BucketExceptions.BucketExecutionException e) {
            // only buckets in the database can fail: their store failing is the database failing (a 503, not a 500)
            throw new org.springframework.dao.DataAccessResourceFailureException("rate-limit store unreachable", e);
        }
        Quota quota = Quota.of(size, probe);
        if (!probe.isConsumed()) {
            takenSoFar.forEach(t -> t.bucket().addTokens(1));
            hits.get(limit).increment();
            throw new RateLimitExceeded(quota);
        }
        return new Taken(bucket, quota);
    }

    /** Emails and addresses are not stored in the bucket table, only a hash (of the normalised email). */
    private static String hashed(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Taken(Bucket bucket, Quota quota) {
    }
}
