package com.byomlab.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for running sessions. A session spends nearly all its time waiting on a provider, so on a
 * JDK with virtual threads (21+) they are virtual, on JDK 17 platform threads; either way at most the
 * concurrency limit run at once, at most the per-user limit of one user, users take turns for free slots, and a
 * thread is reused when one is idle ({@link SessionPool}); idle platform threads end after 30 s, idle virtual ones
 * at once.
 */
final class SessionThreads {

    private static final Logger log = LoggerFactory.getLogger(SessionThreads.class);

    private SessionThreads() {
    }

    static SessionPool create(int maxConcurrent, int maxPerUser) {
        ThreadFactory virtual = virtualThreadFactory();
        ThreadFactory factory = virtual != null ? virtual : platformThreadFactory();
        // an idle platform thread is worth keeping a while; a virtual one costs nothing to start, and kept idle its
        // stack stays on the heap
        SessionPool pool = new SessionPool(maxConcurrent, maxPerUser, factory,
                virtual != null ? Duration.ZERO : Duration.ofSeconds(30));
        log.info("Agent sessions run on {} threads, at most {} at once, {} of one user", virtual != null ? "virtual"
                : "platform", maxConcurrent, maxPerUser);
        return pool;
    }

    /** Thread.ofVirtual().name("session-", 0).factory(), looked up at run time so the jar still runs on 17. */
    private static ThreadFactory virtualThreadFactory() {
        try {
            var lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builderClass)).invoke();
            builder = lookup.findVirtual(builderClass, "name", MethodType.methodType(builderClass, String.class, long.class))
                    .invoke(builder, "session-", 0L);
            return (ThreadFactory) lookup.findVirtual(builderClass, "factory", MethodType.methodType(ThreadFactory.class))
                    .invoke(builder);
        } catch (Throwable e) {
            return null; // JDK 17: no virtual threads
        }
    }

    private static ThreadFactory platformThreadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "session-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        };
    }
}
