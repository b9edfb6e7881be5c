package bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread per task: virtual threads on JDK 21+, daemon platform threads on 17 (the bench compiles for 17). */
final class Threads {

    private Threads() {
    }

    static boolean virtualAvailable() {
        try {
            Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static void awaitAll(ExecutorService ex) throws InterruptedException {
        ex.shutdown();
        while (!ex.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS)) {
            // wait
        }
    }

    /**
     * Platform threads, one per task, whatever the JDK: for the fake provider, whose reads must not wait for a
     * virtual thread's poller and carrier hand-off (that wait would be counted as the service's added latency).
     */
    static ExecutorService platform(String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    static ExecutorService perTask(String name) {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return platform(name); // JDK 17
        }
    }
}
