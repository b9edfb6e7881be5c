package com.byomlab.market;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the collector when {@code byom.market.source} is set: once the service is up and then every
 * {@code byom.market.check-interval}, on a thread of its own. A check that finds nothing due asks the exchange
 * nothing, so the exchange sees one run a day (plus retries after a failure). An exchange that asks this
 * instance to stay away (a ban, a long Retry-After, a refused location) is left alone until then.
 */
@Component
class CollectorSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CollectorSchedule.class);

    private final CollectorProperties settings;
    private final MarketCollector collector;
    private ScheduledExecutorService thread;
    private volatile Instant pausedUntil;
    private volatile String pauseReason;

    CollectorSchedule(CollectorProperties settings, CollectorRepository state, MarketRepository bars,
                      TransactionTemplate tx, CoinList coinList) {
        this.settings = settings;
        this.collector = settings.enabled() ? new MarketCollector(settings, exchange(settings, Sleeper.REAL,
                Clock.systemUTC()), state, bars, tx, coinList, Clock.systemUTC(), newInstanceId()) : null;
    }

    /** The exchange client the settings name (the caller checked that one is named). */
    static Exchange exchange(CollectorProperties settings, Sleeper sleeper, Clock clock) {
        return switch (settings.source()) {
            case "binance" -> new BinanceKlines(settings.binance(), new ExchangeHttp("Binance",
                    settings.requestTimeout(), settings.maxWait(), Duration.ofMillis(100), sleeper, clock));
            case "coinbase" -> new CoinbaseCandles(settings.coinbase(), new ExchangeHttp("Coinbase",
                    settings.requestTimeout(), settings.maxWait(), settings.coinbase().minInterval(), sleeper, clock));
            default -> throw new IllegalStateException("no exchange named " + settings.source());
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (collector == null) {
            return;
        }
        log.info("Market data collector on: {} at {}, coins {}, {} days of history, checked every {} (instance {})",
                settings.source(), settings.baseUrl(), settings.coins(), settings.historyDays(),
                settings.checkInterval(), collector.instanceId());
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "market-collector");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::check, 0, settings.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        Instant paused = pausedUntil;
        if (paused != null && Instant.now().isBefore(paused)) {
            return;
        }
        try {
            if (!collector.due()) {
                return;
            }
            MarketCollector.RunResult result = collector.runOnce();
            pausedUntil = result.pauseUntil();
            pauseReason = result.pauseUntil() == null ? null : result.message();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: each page is stored whole or not at all
        } catch (RuntimeException e) {
            // e.g. the database went away: nothing is half-written, the next check resumes where it stopped
            log.error("Market data collection stopped early; the next check resumes: {}", e.toString());
        }
    }

    boolean enabled() {
        return collector != null;
    }

    String instanceId() {
        return collector == null ? null : collector.instanceId();
    }

    Instant pausedUntil() {
        Instant paused = pausedUntil;
        return paused != null && Instant.now().isBefore(paused) ? paused : null;
    }

    String pauseReason() {
        return pausedUntil() == null ? null : pauseReason;
    }

    private static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "instance";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String id = host + "-" + HexFormat.of().formatHex(random);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }

    @Override
    public void destroy() throws InterruptedException {
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
