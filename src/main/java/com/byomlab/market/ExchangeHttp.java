package com.byomlab.market;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keyless GET requests to one exchange's public API, with a time-out on each, a pause between requests, and the
 * common answers handled: 429 waits the server's {@code Retry-After} (or 1, 2, 4 s without one) and tries again,
 * but a wait longer than {@code byom.market.max-wait} pauses this instance instead of holding the lease; 5xx and
 * network failures are tried again at 1, 2, 4 s. Anything else is the caller's to read. Nothing but the URL and a
 * User-Agent is sent: no key, no user data.
 */
final class ExchangeHttp {

    record Answer(int status, String body, HttpHeaders headers) {
    }

    static final int ATTEMPTS = 4;
    static final String USER_AGENT = "byom-lab-market-collector";
    private static final Logger log = LoggerFactory.getLogger(ExchangeHttp.class);

    private final String exchange;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration maxWait;
    private final Duration minInterval;
    private final Sleeper sleeper;
    private final Clock clock;
    private final AtomicInteger requests = new AtomicInteger();
    private long lastSentNanos = Long.MIN_VALUE;

    ExchangeHttp(String exchange, Duration timeout, Duration maxWait, Duration minInterval, Sleeper sleeper, Clock clock) {
        this.exchange = exchange;
        this.http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0
                ? timeout : Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxWait = maxWait;
        this.minInterval = minInterval;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    String exchange() {
        return exchange;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Clock clock() {
        return clock;
    }

    /** How many requests were sent so far (every attempt counts). */
    int requests() {
        return requests.get();
    }

    Answer get(URI uri) throws CollectorException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            pace();
            String failure;
            try {
                requests.incrementAndGet();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                        .header("User-Agent", USER_AGENT).header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 429) {
                    Duration wait = retryAfter(r.headers()).orElse(backoff(attempt));
                    if (wait.compareTo(maxWait) > 0) {
                        throw CollectorException.pause(exchange + " is rate-limiting this machine (HTTP 429) and asked "
                                + "to wait " + wait.toSeconds() + " s; collection pauses until then.",
                                clock.instant().plus(wait));
                    }
                    if (attempt == ATTEMPTS) {
                        throw CollectorException.run(exchange + " kept answering HTTP 429 (rate limit) after "
                                + ATTEMPTS + " attempts; the next check tries again.");
                    }
                    log.info("{} answered 429 (rate limit): waiting {} ms as asked, then trying again", exchange,
                            wait.toMillis());
                    sleeper.sleep(wait);
                    continue;
                }
                if (status < 500) {
                    return new Answer(status, r.body(), r.headers());
                }
                failure = exchange + " answered HTTP " + status;
            } catch (HttpTimeoutException e) {
                failure = exchange + " did not answer within " + timeout.toSeconds() + " s";
            } catch (IOException e) {
                failure = "could not reach " + exchange + " at " + uri.getHost() + " (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt == ATTEMPTS) {
                throw CollectorException.run(failure + " after " + ATTEMPTS + " attempts; the next check tries again.");
            }
            sleeper.sleep(backoff(attempt));
        }
    }

    /** Keeps at least {@code minInterval} between two requests. */
    private void pace() throws InterruptedException {
        long now = System.nanoTime();
        if (lastSentNanos != Long.MIN_VALUE) {
            long wait = minInterval.toNanos() - (now - lastSentNanos);
            if (wait > 0) {
                sleeper.sleep(Duration.ofNanos(wait));
            }
        }
        lastSentNanos = System.nanoTime();
    }

    private static Duration backoff(int attempt) {
        return Duration.ofSeconds(1L << Math.min(attempt - 1, 5));
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
