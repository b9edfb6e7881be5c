package bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load driver for items 2–5: starts the fake provider in this JVM, the service as a separate JVM
 * ({@code -Xmx1g}, H2 file database in a scratch folder, the given JDK), users and credentials through the API,
 * then drives agent sessions and gateway calls. Writes its figures as key=value lines for {@link Report}.
 *
 * <pre>java -cp CLASSES bench.Bench --java=JDK/bin/java --jar=SERVICE.jar --label=jdk17 --items=2,3,4,5 --out=FILE</pre>
 */
public final class Bench {

    private final Map<String, String> opts;
    private final String label;
    private final Map<String, String> results = new LinkedHashMap<>();
    private final FakeOpenAi fake;
    private final AtomicLong seq = new AtomicLong();
    private Service service;
    private Api api;
    private List<Api.User> users = new ArrayList<>();

    private Bench(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.label = opts.getOrDefault("label", "run");
        this.fake = new FakeOpenAi(0, 0);
    }

    /** {@code --name=value} (or a bare {@code --flag}, "true") arguments, in order. */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            opts.put(a.substring(2, eq < 0 ? a.length() : eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        return opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Bench bench = new Bench(opts);
        int rc = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            bench.results.put("error", String.valueOf(e));
            rc = 1;
        } finally {
            bench.stop();
            bench.write();
        }
        System.exit(rc);
    }

    private int intOpt(String name, int dflt) {
        return Integer.parseInt(opts.getOrDefault(name, String.valueOf(dflt)));
    }

    private void run() throws Exception {
        List<String> items = List.of(opts.getOrDefault("items", "2,3,4,5").split(","));
        Path work = Path.of(opts.getOrDefault("work", "bench/.work")).toAbsolutePath();
        String java = opts.getOrDefault("java", "java");
        results.put("label", label);
        results.put("service.java", java);
        results.put("driver.jdk", System.getProperty("java.version") + (Threads.virtualAvailable() ? " (virtual threads)" : ""));
        log("fake provider at " + fake.baseUrl());
        service = Service.start(java, Path.of(opts.get("jar")), work.resolve("run-" + label), fake.baseUrl(),
                opts.getOrDefault("service-args", ""));
        results.put("service.jdk", service.jdkVersion());
        results.put("service.startup.s", String.format(Locale.ROOT, "%.1f", service.startupSeconds));
        api = new Api(service.baseUrl(), Api.client());
        users = createUsers(intOpt("users", 10));
        if (items.contains("2") || items.contains("3")) {
            sessionLatency();
        }
        stopProfile();
        if (items.contains("4")) {
            scale();
        }
        if (items.contains("5")) {
            gateway();
        }
        if (items.contains("alloc")) {
            allocation(work);
        }
    }

    // ---------------------------------------------------------------- allocation per call (JFR)

    /**
     * Bytes the service allocates per gateway call (non-streamed and streamed, one at a time) and per Lab call (one
     * session at a time, 2 calls each, zero-latency fake), from a JFR recording of every TLAB refill and every
     * allocation outside a TLAB during a fixed number of calls after a warm-up: a total that does not depend on how
     * busy the machine is. Sites: bench/.work/alloc-*.txt.
     */
    private void allocation(Path work) throws Exception {
        fake.latencyMs = 0;
        Api.User user = users.get(0);
        HttpResponse<String> created = api.post("/api/v1/users/me/tokens", user.token(),
                "{\"name\":\"alloc\",\"credential_id\":\"" + user.credentialId() + "\"}");
        String pat = Api.field(created.body(), "token");
        Target gateway = new Target(service.baseUrl() + "/v1/chat/completions", Map.of("Authorization", "Bearer " + pat));
        HttpClient client = Api.client();
        int warmup = intOpt("alloc-warmup-seconds", 30);
        int calls = intOpt("alloc-calls", 3000);
        int sessions = intOpt("alloc-sessions", 300);
        log("allocation: warm-up " + warmup + " s of gateway calls and sessions");
        for (boolean stream : new boolean[] {false, true}) {
            load(client, gateway, body(stream), stream, 4, Integer.MAX_VALUE,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup) / 3, new ArrayList<>(), new long[1]);
        }
        closedLoop(4, 2, Duration.ofSeconds(warmup / 3), Integer.MAX_VALUE);
        Path jfc = work.resolve("alloc.jfc");
        Files.writeString(jfc, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="allocation">
                  <event name="jdk.ObjectAllocationInNewTLAB"><setting name="enabled">true</setting>
                    <setting name="stackTrace">true</setting></event>
                  <event name="jdk.ObjectAllocationOutsideTLAB"><setting name="enabled">true</setting>
                    <setting name="stackTrace">true</setting></event>
                </configuration>
                """);
        for (boolean stream : new boolean[] {false, true}) {
            String phase = stream ? "gateway_stream" : "gateway_json";
            Path jfr = work.resolve("alloc-" + phase + ".jfr");
            service.jcmd("JFR.start name=alloc settings=" + jfc + " filename=" + jfr);
            long[] errors = new long[1];
            load(client, gateway, body(stream), stream, 1, calls, Long.MAX_VALUE, new ArrayList<>(), errors);
            service.jcmd("JFR.stop name=alloc");
            allocationResult(work, phase, jfr, calls - errors[0], "gateway call");
        }
        Path jfr = work.resolve("alloc-lab.jfr");
        service.jcmd("JFR.start name=alloc settings=" + jfc + " filename=" + jfr);
        List<Session> done = closedLoop(1, 2, Duration.ofHours(1), sessions);
        service.jcmd("JFR.stop name=alloc");
        allocationResult(work, "lab", jfr, done.stream().filter(Session::ok).mapToLong(Session::calls).sum(),
                "Lab LLM call (its session's create, status reads and steps included)");
    }

    private void allocationResult(Path work, String phase, Path jfr, long calls, String what) throws IOException {
        Alloc.Totals t = Alloc.read(jfr);
        double perCall = (double) t.bytes() / Math.max(1, calls);
        put("alloc." + phase + ".calls", calls);
        put("alloc." + phase + ".kb_per_call", perCall / 1024);
        String sites = t.sites(calls, 25);
        Files.writeString(work.resolve("alloc-" + phase + ".txt"), String.format(Locale.ROOT,
                "%s: %d calls, %.1f KB allocated per %s%n%n%s", phase, calls, perCall / 1024, what, sites));
        log(String.format(Locale.ROOT, "allocation, %s: %.1f KB per %s (%d calls)", phase, perCall / 1024, what,
                calls));
    }

    // ---------------------------------------------------------------- users

    private List<Api.User> createUsers(int n) throws Exception {
        long t0 = System.nanoTime();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Future<Api.User>> futures = new ArrayList<>();
        ExecutorService ex = Threads.perTask("users");
        Semaphore gate = new Semaphore(2);
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(ex.submit(() -> {
                gate.acquire();
                try {
                    return api.newUser("bench-" + runId + "-" + k + "@bench.example", "sk-bench" + "0".repeat(40));
                } finally {
                    gate.release();
                }
            }));
        }
        List<Api.User> out = new ArrayList<>();
        for (Future<Api.User> f : futures) {
            out.add(f.get());
        }
        log(n + " users with a credential each in " + ms(System.nanoTime() - t0));
        return out;
    }

    // ---------------------------------------------------------------- one session

    record Session(boolean ok, String error, double readyMs, double wallMs, double providerMs, int calls,
                   double addedPerCallMs, long startedMicros, long finishedMicros, double e2eMs) {
    }

    private Session runSession(Api.User user, int calls, Semaphore createGate, long timeoutMs) {
        String tag = label + "-" + seq.incrementAndGet();
        FakeOpenAi.Tagged seen = fake.expect(tag);
        try {
            long sent;
            HttpResponse<String> created;
            if (createGate != null) {
                createGate.acquire();
            }
            try {
                sent = System.nanoTime();
                created = api.post("/api/v1/lab/agent/sessions", user.token(),
                        "{\"user_goal\":\"List the coins with data and say which have the longest history. bench:" + tag
                                + ":" + calls + "\"}");
            } finally {
                if (createGate != null) {
                    createGate.release();
                }
            }
            if (created.statusCode() != 201) {
                return failed("create " + created.statusCode());
            }
            String id = Api.field(created.body(), "id");
            try {
                seen.finalAnswerSent.get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return failed("no final answer within " + timeoutMs + " ms (calls seen " + seen.calls.size() + ")");
            }
            String body = null;
            String status = null;
            long pollUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Backing off (5, 10, 20 … 320 ms): a fixed 25 ms from 1,000 sessions ending together was a storm of
            // status reads that, on virtual threads, kept the sessions themselves off the carriers (docs/benchmarks.md).
            for (long wait = 5; System.nanoTime() < pollUntil; wait = Math.min(wait * 2, 320)) {
                Thread.sleep(wait);
                HttpResponse<String> r = api.get("/api/v1/lab/agent/sessions/" + id, user.token());
                body = r.body();
                status = Api.field(body, "status");
                if (status != null && !status.equals("running") && !status.equals("pending")) {
                    break;
                }
            }
            long done = System.nanoTime();
            if (!"completed".equals(status)) {
                return failed("status " + status + " " + Api.field(body, "error_code"));
            }
            Instant started = Api.instant(body, "started_at");
            Instant finished = Api.instant(body, "finished_at");
            double wall = (Clock.micros(finished) - Clock.micros(started)) / 1000.0;
            double provider = seen.calls.stream().mapToLong(FakeOpenAi.Call::nanos).sum() / 1e6;
            int n = seen.calls.size();
            double ready = (seen.firstArrivalNanos - sent) / 1e6;
            return new Session(true, null, ready, wall, provider, n, (wall - provider) / n, Clock.micros(started),
                    Clock.micros(finished), (done - sent) / 1e6);
        } catch (Exception e) {
            return failed(e.getClass().getSimpleName() + " " + e.getMessage());
        } finally {
            fake.forget(tag);
        }
    }

    private static Session failed(String why) {
        return new Session(false, why, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, Double.NaN);
    }

    /** {@code workers} sessions at once, each started as soon as the previous one of its worker ended. */
    private List<Session> closedLoop(int workers, int calls, Duration duration, int maxSessions) throws Exception {
        return closedLoop(workers, calls, duration, maxSessions, Duration.ZERO);
    }

    /**
     * As above, the workers' first sessions spread evenly over {@code ramp}: started all at once against a
     * fixed-latency provider, the sessions would call and finish in lock-step for the whole run (every completion
     * of the level landing in the same millisecond), a load shape real traffic does not have.
     */
    private List<Session> closedLoop(int workers, int calls, Duration duration, int maxSessions, Duration ramp)
            throws Exception {
        List<Session> out = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong started = new AtomicLong();
        ExecutorService ex = Threads.perTask("sessions");
        try {
            for (int w = 0; w < workers; w++) {
                Api.User user = users.get(w % users.size());
                long delayMs = ramp.toMillis() * w / workers;
                ex.execute(() -> {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (System.nanoTime() < end && started.incrementAndGet() <= maxSessions) {
                        out.add(runSession(user, calls, null, 120_000));
                    }
                });
            }
        } finally {
            Threads.awaitAll(ex);
        }
        return new ArrayList<>(out);
    }

    // ---------------------------------------------------------------- items 2 and 3

    private void sessionLatency() throws Exception {
        int calls = intOpt("calls", 2);
        int latency = intOpt("item3-latency-ms", 0);
        int seconds = intOpt("item3-seconds", 8);
        fake.latencyMs = latency;
        results.put("item3.calls", String.valueOf(calls));
        results.put("item3.latency.ms", String.valueOf(latency));
        // 45 s: on 2 cores C2 is still compiling the session path a minute in (docs/benchmarks.md, "Before and after")
        log("warm-up: 16 concurrent sessions for " + intOpt("warmup-seconds", 45) + " s");
        closedLoop(16, calls, Duration.ofSeconds(intOpt("warmup-seconds", 45)), Integer.MAX_VALUE);
        // then one session at a time: C2 catches up on what it could not compile while both cores were busy
        // (see item 5's warm-up)
        int settle = intOpt("settle-seconds", 10);
        log("settle: one session at a time for " + settle + " s");
        closedLoop(1, calls, Duration.ofSeconds(settle), Integer.MAX_VALUE);
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            log(service.jcmd("JFR.start name=bench settings=profile filename=" + jfr).strip());
        }
        String levels = opts.getOrDefault("item3-levels", "1,16,64,200");
        for (String cs : levels.split(",")) {
            level("item3.c", Integer.parseInt(cs.trim()), calls, seconds, Duration.ZERO);
        }
        // The same levels with a provider that takes as long as a fast real one: the zero-latency runs above are a
        // closed loop that keeps both cores busy, so their "added latency" at 16+ sessions is CPU queueing.
        int realistic = intOpt("item3-provider-ms", 1000);
        if (realistic > 0) {
            fake.latencyMs = realistic;
            results.put("item3.provider.ms", String.valueOf(realistic));
            for (String cs : levels.split(",")) {
                int c = Integer.parseInt(cs.trim());
                level("item3.p" + realistic + ".c", c, calls, Math.max(seconds, 3 * calls * realistic / 1000 + 2),
                        Duration.ofMillis((long) calls * realistic));
            }
            fake.latencyMs = latency;
        }
    }

    /** One closed-loop level of item 3: {@code c} sessions in flight for {@code seconds}; results under prefix+c. */
    private void level(String prefix, int c, int calls, int seconds, Duration ramp) throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        List<Session> list = closedLoop(c, calls, Duration.ofSeconds(seconds), Integer.MAX_VALUE, ramp);
        double secs = (System.nanoTime() - t0) / 1e9;
        List<Session> ok = list.stream().filter(Session::ok).toList();
        long errors = list.size() - ok.size();
        Stats added = Stats.of(ok.stream().map(Session::addedPerCallMs).toList());
        Stats ready = Stats.of(ok.stream().map(Session::readyMs).toList());
        String k = prefix + c;
        dumpSessions(k, ok);
        put(k + ".sessions", list.size());
        put(k + ".errors", errors);
        put(k + ".calls_per_s", ok.stream().mapToInt(Session::calls).sum() / secs);
        put(k + ".sessions_per_s", ok.size() / secs);
        put(k + ".added.p50", added.p(50));
        put(k + ".added.p99", added.p(99));
        put(k + ".added.max", added.max());
        put(k + ".ready.p50", ready.p(50));
        put(k + ".ready.p95", ready.p(95));
        put(k + ".ready.p99", ready.p(99));
        put(k + ".provider_per_call.p50", Stats.of(ok.stream().map(s -> s.providerMs() / s.calls()).toList()).p(50));
        if (errors > 0) {
            results.put(k + ".first_error", list.stream().filter(s -> !s.ok()).findFirst().get().error());
        }
        log(String.format(Locale.ROOT, "%s%d (provider %d ms): %d sessions (%d errors), %.0f calls/s, added/call p50 %s "
                        + "p99 %s, ready p50 %s p95 %s", prefix, c, fake.latencyMs, list.size(), errors,
                ok.stream().mapToInt(Session::calls).sum() / secs,
                Stats.ms(added.p(50)), Stats.ms(added.p(99)), Stats.ms(ready.p(50)), Stats.ms(ready.p(95))));
    }

    /** For tail hunting: BENCH_SESSIONS_DIR=/some/dir writes each level's sessions, to line up with a GC log. */
    private void dumpSessions(String level, List<Session> sessions) throws IOException {
        String dir = System.getenv("BENCH_SESSIONS_DIR");
        if (dir == null || dir.isBlank()) {
            return;
        }
        StringBuilder csv = new StringBuilder("started_utc,finished_utc,added_per_call_ms,ready_ms,provider_ms\n");
        for (Session s : sessions) {
            csv.append(Instant.EPOCH.plus(s.startedMicros(), ChronoUnit.MICROS)).append(',')
                    .append(Instant.EPOCH.plus(s.finishedMicros(), ChronoUnit.MICROS)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f,%.3f,%.1f%n", s.addedPerCallMs(), s.readyMs(),
                            s.providerMs()));
        }
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, label + "-" + level + ".csv"), csv);
    }

    private void stopProfile() {
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            log(service.jcmd("JFR.stop name=bench").strip());
        }
    }

    // ---------------------------------------------------------------- item 4

    private void scale() throws Exception {
        int latency = intOpt("item4-latency-ms", 5000);
        int calls = intOpt("item4-calls", 3);
        int createConcurrency = intOpt("item4-create-concurrency", 32);
        fake.latencyMs = latency;
        results.put("item4.latency.ms", String.valueOf(latency));
        results.put("item4.calls", String.valueOf(calls));
        int best = 0;
        String failure = null;
        results.put("item4.first_level", opts.getOrDefault("item4-levels", "1000,1500,2000").split(",")[0].trim());
        for (String ns : opts.getOrDefault("item4-levels", "1000,1500,2000").split(",")) {
            int n = Integer.parseInt(ns.trim());
            service.gc();
            Thread.sleep(500);
            long heap0 = service.heapUsedKb();
            long rss0 = service.rssKb();
            fake.resetCounters();
            Semaphore gate = new Semaphore(createConcurrency);
            List<Future<Session>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            ExecutorService ex = Threads.perTask("scale");
            for (int i = 0; i < n; i++) {
                Api.User user = users.get(i % users.size());
                futures.add(ex.submit(() -> runSession(user, calls, gate, 120_000)));
            }
            // all created when every permit is free again and every task passed the gate: wait for the first calls
            while (fake.maxInFlight.get() < n && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos((long) calls * latency / 1000)) {
                Thread.sleep(50);
            }
            double createdAfter = (System.nanoTime() - t0) / 1e6;
            int inFlightAtSnapshot = fake.maxInFlight.get();
            service.gc();
            long heap1 = service.heapUsedKb();
            long rss1 = service.rssKb();
            int threads1 = service.threadCount();
            List<Session> list = new ArrayList<>();
            for (Future<Session> f : futures) {
                list.add(f.get());
            }
            ex.shutdown();
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Session> ok = list.stream().filter(Session::ok).toList();
            long errors = list.size() - ok.size();
            Stats added = Stats.of(ok.stream().map(Session::addedPerCallMs).toList());
            Stats ready = Stats.of(ok.stream().map(Session::readyMs).toList());
            int peak = peakOverlap(ok);
            String k = "item4.n" + n;
            put(k + ".errors", errors);
            put(k + ".peak_running", peak);
            put(k + ".provider_in_flight_max", inFlightAtSnapshot);
            put(k + ".added.p50", added.p(50));
            put(k + ".added.p99", added.p(99));
            put(k + ".ready.p50", ready.p(50));
            put(k + ".ready.p99", ready.p(99));
            put(k + ".heap_mb_idle", heap0 / 1024.0);
            put(k + ".heap_mb_peak", heap1 / 1024.0);
            put(k + ".heap_kb_per_session", inFlightAtSnapshot > 0 ? (heap1 - heap0) / (double) inFlightAtSnapshot : Double.NaN);
            put(k + ".rss_kb_per_session", inFlightAtSnapshot > 0 ? (rss1 - rss0) / (double) inFlightAtSnapshot : Double.NaN);
            put(k + ".threads_peak", threads1);
            put(k + ".seconds", secs);
            boolean pass = errors == 0 && added.p(99) <= 1000 && peak >= n * 0.95;
            put(k + ".pass", pass ? 1 : 0);
            if (errors > 0) {
                results.put(k + ".first_error", list.stream().filter(s -> !s.ok()).findFirst().get().error());
            }
            log(String.format(Locale.ROOT, "n=%d: %s, errors %d, peak running %d (provider in flight %d after %.0f ms), "
                            + "added/call p50 %s p99 %s, ready p99 %s, heap %d→%d MB, rss %d→%d MB, threads %d, %.0f s",
                    n, pass ? "PASS" : "FAIL", errors, peak, inFlightAtSnapshot, createdAfter, Stats.ms(added.p(50)),
                    Stats.ms(added.p(99)), Stats.ms(ready.p(99)), heap0 / 1024, heap1 / 1024, rss0 / 1024, rss1 / 1024,
                    threads1, secs));
            if (!pass) {
                failure = "n=" + n + ": " + (errors > 0 ? errors + " errors (" + results.get(k + ".first_error") + ")"
                        : peak < n * 0.95 ? "only " + peak + " ran at once" : "p99 added " + Stats.ms(added.p(99)));
                break;
            }
            best = n;
        }
        put("item4.best", best);
        if (failure != null) {
            results.put("item4.stopped_at", failure);
        }
    }

    /** The most sessions running at one instant, from the service's own started_at / finished_at. */
    private static int peakOverlap(List<Session> sessions) {
        List<long[]> events = new ArrayList<>();
        for (Session s : sessions) {
            events.add(new long[] {s.startedMicros(), 1});
            events.add(new long[] {s.finishedMicros(), -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] e : events) {
            now += (int) e[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    // ---------------------------------------------------------------- item 5

    private void gateway() throws Exception {
        fake.latencyMs = 0;
        Api.User user = users.get(0);
        HttpResponse<String> created = api.post("/api/v1/users/me/tokens", user.token(),
                "{\"name\":\"bench\",\"credential_id\":\"" + user.credentialId() + "\"}");
        String pat = Api.field(created.body(), "token");
        if (created.statusCode() != 201 || pat == null) {
            results.put("item5.unavailable", "token endpoint answered " + created.statusCode());
            log("item 5 not measured: gateway not available (" + created.statusCode() + ")");
            return;
        }
        Portkey portkey = null;
        String portkeyDir = opts.get("portkey-dir");
        if (portkeyDir != null) {
            try {
                portkey = Portkey.start(Path.of(portkeyDir), Path.of(opts.getOrDefault("work", "bench/.work")));
            } catch (IOException e) {
                results.put("item5.portkey_unavailable", e.getMessage());
                log("Portkey not started: " + e.getMessage());
            }
        }
        HttpClient client = Api.client();
        String key = "sk-bench" + "0".repeat(40);
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("direct", new Target(fake.baseUrl() + "/chat/completions", Map.of("Authorization", "Bearer " + key)));
        targets.put("gateway", new Target(service.baseUrl() + "/v1/chat/completions", Map.of("Authorization", "Bearer " + pat)));
        if (portkey != null) {
            targets.put("portkey", new Target(portkey.baseUrl() + "/v1/chat/completions", Map.of("Authorization",
                    "Bearer " + key, "x-portkey-provider", "openai", "x-portkey-custom-host", fake.baseUrl())));
        }
        int rounds = intOpt("item5-rounds", 10); // short rounds, often alternated: a slow spell of the host lands on every target
        try {
            // Each target's own code paths to steady state first (C2 takes minutes on 2 cores; Node's JIT is warm
            // sooner): a few hundred requests left the gateway's path half-compiled and measured the JIT, not us.
            // Then one request at a time for a while: under 16 concurrent requests both cores are busy, C2's queue
            // stays long and HotSpot parks hot methods at tier 2 (no profile, no promotion) until it shortens, which
            // is when the load stops. Measured at once, the first seconds of measurement were a burst of ~1,500
            // compilations (-XX:+PrintCompilation); the quiet phase lets them happen before it.
            int warmup = intOpt("item5-warmup-seconds", 20);
            int settle = intOpt("item5-settle-seconds", 10);
            for (Map.Entry<String, Target> t : targets.entrySet()) {
                if (!t.getKey().equals("direct") && warmup > 0) {
                    // V8 is warm far sooner than C2: Portkey measured the same after 10 s as after 120 s + 40 s
                    long share = t.getKey().equals("portkey") ? 4 : 2;
                    for (int[] phase : new int[][] {{16, warmup}, {1, settle}}) { // {concurrency, seconds}
                        for (boolean stream : new boolean[] {false, true}) {
                            load(client, t.getValue(), body(stream), stream, phase[0], Integer.MAX_VALUE,
                                    System.nanoTime() + TimeUnit.SECONDS.toNanos(phase[1]) / share, new ArrayList<>(),
                                    new long[1]);
                        }
                    }
                }
            }
            log("item 5 warm-up: " + warmup + " s at 16 concurrent requests, then " + settle
                    + " s one at a time, per target (Portkey half that)");
            // A round ends after its requests or its seconds, whichever comes first: Portkey holds back the first
            // chunk of every stream for 25 ms (a sleep in its stream reader), and 1,000 of them one at a time
            // were 30 s a round.
            long roundNanos = TimeUnit.SECONDS.toNanos(intOpt("item5-round-seconds", 3));
            for (boolean stream : new boolean[] {false, true}) {
                String body = body(stream);
                for (int c : new int[] {1, 16}) {
                    int perRound = c == 1 ? intOpt("item5-n1", 300) : intOpt("item5-n16", 480);
                    Map<String, List<Double>> lat = new LinkedHashMap<>();
                    // each round's own sample too: the p99 target holds in every round, not only pooled
                    Map<String, List<List<Double>>> byRound = new LinkedHashMap<>();
                    Map<String, Long> errors = new LinkedHashMap<>();
                    for (String t : targets.keySet()) {
                        lat.put(t, Collections.synchronizedList(new ArrayList<>()));
                        byRound.put(t, new ArrayList<>());
                        errors.put(t, 0L);
                        // Seconds, not a few hundred requests: a target left idle while the others warmed up
                        // comes back with deoptimised methods (-XX:+PrintCompilation showed ChatAttempts.run and
                        // the connection pool "made not entrant" on the first calls after Portkey's warm-up)
                        // and needs its recompilation before it is measured.
                        load(client, targets.get(t), body, stream, c, Integer.MAX_VALUE, System.nanoTime()
                                + TimeUnit.MILLISECONDS.toNanos(intOpt("item5-level-warmup-ms", 2000)),
                                new ArrayList<>(), new long[1]);
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (Map.Entry<String, Target> t : targets.entrySet()) {
                            long[] err = new long[1];
                            List<Double> round = Collections.synchronizedList(new ArrayList<>());
                            load(client, t.getValue(), body, stream, c, perRound, System.nanoTime() + roundNanos,
                                    round, err);
                            lat.get(t.getKey()).addAll(round);
                            byRound.get(t.getKey()).add(round);
                            errors.merge(t.getKey(), err[0], Long::sum);
                        }
                    }
                    Stats direct = Stats.of(lat.get("direct"));
                    String k = "item5." + (stream ? "stream" : "json") + ".c" + c;
                    StringBuilder line = new StringBuilder(k + ":");
                    for (String t : targets.keySet()) {
                        Stats s = Stats.of(lat.get(t));
                        put(k + "." + t + ".p50", s.p(50));
                        put(k + "." + t + ".p99", s.p(99));
                        put(k + "." + t + ".n", s.n());
                        put(k + "." + t + ".errors", errors.get(t));
                        if (!t.equals("direct")) {
                            put(k + "." + t + ".added.p50", s.p(50) - direct.p(50));
                            put(k + "." + t + ".added.p99", s.p(99) - direct.p(99));
                            // round r of a target against round r of the direct calls (run right before it)
                            StringBuilder eachRound = new StringBuilder();
                            double worst = Double.NEGATIVE_INFINITY;
                            for (int r = 0; r < byRound.get(t).size(); r++) {
                                double added = Stats.of(byRound.get(t).get(r)).p(99)
                                        - Stats.of(byRound.get("direct").get(r)).p(99);
                                worst = Math.max(worst, added);
                                eachRound.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", added));
                            }
                            results.put(k + "." + t + ".rounds.added.p99", eachRound.toString());
                            put(k + "." + t + ".worst_round.added.p99", worst);
                        }
                        line.append(String.format(Locale.ROOT, " %s p50 %s p99 %s (errors %d);", t, Stats.ms(s.p(50)),
                                Stats.ms(s.p(99)), errors.get(t)));
                    }
                    log(line.toString());
                }
            }
        } finally {
            if (portkey != null) {
                portkey.stop();
            }
        }
    }

    record Target(String url, Map<String, String> headers) {
    }

    private static String body(boolean stream) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in five words.\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    /** {@code n} requests from {@code concurrency} workers, or fewer if {@code deadlineNanos} passes first. */
    private static void load(HttpClient client, Target target, String body, boolean stream, int concurrency, int n,
                             long deadlineNanos, List<Double> latencies, long[] errors) throws InterruptedException {
        AtomicLong left = new AtomicLong(n);
        AtomicLong failed = new AtomicLong();
        ExecutorService ex = Threads.perTask("load");
        try {
            for (int w = 0; w < concurrency; w++) {
                ex.execute(() -> {
                    while (left.decrementAndGet() >= 0 && System.nanoTime() < deadlineNanos) {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.url()))
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body));
                        target.headers().forEach(b::header);
                        HttpRequest request = b.build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                            long t = System.nanoTime() - t0;
                            boolean ok = r.statusCode() == 200 && (stream ? r.body().contains("[DONE]")
                                    : r.body().contains("Bench report"));
                            if (ok) {
                                latencies.add(t / 1e6);
                            } else {
                                if (failed.incrementAndGet() == 1) {
                                    System.err.println("  " + target.url() + " answered " + r.statusCode() + ": "
                                            + r.body().substring(0, Math.min(300, r.body().length())));
                                }
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
        } finally {
            Threads.awaitAll(ex);
        }
        errors[0] += failed.get();
    }

    // ---------------------------------------------------------------- plumbing

    private void put(String key, double value) {
        results.put(key, Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value));
    }

    private void put(String key, long value) {
        results.put(key, Long.toString(value));
    }

    private void stop() {
        if (service != null) {
            service.stop();
        }
        try {
            fake.close();
        } catch (IOException ignored) {
            // done anyway
        }
    }

    private void write() throws IOException {
        String out = opts.get("out");
        if (out == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        results.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
        Files.writeString(Path.of(out), sb.toString());
    }

    static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    private static String ms(long nanos) {
        return Stats.ms(nanos / 1e6);
    }

    /** The service under test: a separate JVM with -Xmx1g. */
    static final class Service {
        final Process process;
        final int port;
        final Path javaHome;
        double startupSeconds;

        private Service(Process process, int port, Path javaHome) {
            this.process = process;
            this.port = port;
            this.javaHome = javaHome;
        }

        static Service start(String java, Path jar, Path dir, String fakeBaseUrl, String extraArgs) throws Exception {
            deleteTree(dir);
            Files.createDirectories(dir);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Xms1g"));
            // e.g. a profiler agent: BENCH_SERVICE_JVM_ARGS="-agentpath:/path/libasyncProfiler.so=start,..."
            String extraJvm = System.getenv().getOrDefault("BENCH_SERVICE_JVM_ARGS", "");
            if (!extraJvm.matches(".*-XX:\\+Use\\w+GC.*")) {
                cmd.add("-XX:+UseG1GC"); // the default unless the extra arguments choose another collector
            }
            for (String a : extraJvm.split(" ")) {
                if (!a.isBlank()) {
                    cmd.add(a);
                }
            }
            cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + port,
                    "--byom.providers.openai.base-url=" + fakeBaseUrl,
                    // the bench runs thousands of sessions and gateway calls for a few users: limits raised, said in the doc
                    "--byom.agent.max-concurrent=5000",
                    "--byom.agent.max-running-per-user=5000",
                    "--byom.rate-limits.session-creates.capacity=100000000",
                    "--byom.rate-limits.signups-per-address.capacity=10000",
                    "--byom.rate-limits.gateway-calls.capacity=100000000",
                    "--byom.rate-limits.credential-writes.capacity=10000",
                    "--byom.rate-limits.validations.capacity=10000",
                    "--management.endpoints.web.exposure.include=health,prometheus"));
            for (String a : extraArgs.split(" ")) {
                if (!a.isBlank()) {
                    cmd.add(a);
                }
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            pb.environment().put("ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
            long t0 = System.nanoTime();
            Process p = pb.start();
            Path javaHome = Path.of(java).toAbsolutePath().getParent().getParent();
            Service s = new Service(p, port, javaHome);
            HttpClient probe = HttpClient.newHttpClient();
            while (true) {
                if (!p.isAlive()) {
                    throw new IOException("the service stopped during start-up; see " + dir.resolve("service.log"));
                }
                try {
                    HttpResponse<String> r = probe.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("UP")) {
                        break;
                    }
                } catch (IOException e) {
                    // not yet
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(600)) { // a loaded 2-core machine starts slowly
                    throw new IOException("the service did not start within 600 s");
                }
                Thread.sleep(250);
            }
            s.startupSeconds = (System.nanoTime() - t0) / 1e9;
            log("service up on port " + port + " (" + s.jdkVersion() + ", pid " + p.pid() + ") in "
                    + String.format(Locale.ROOT, "%.1f s", s.startupSeconds));
            return s;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        String jdkVersion() {
            return jcmd("VM.version").lines().filter(l -> l.contains("JDK") || l.contains("version"))
                    .reduce((a, b) -> a + " " + b).orElse("?").replaceAll("\\s+", " ").trim();
        }

        void gc() {
            jcmd("GC.run");
        }

        long heapUsedKb() {
            Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException ignored) {
                // not Linux
            }
            return -1;
        }

        int threadCount() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("Threads:")) {
                        return Integer.parseInt(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException ignored) {
                // not Linux
            }
            return -1;
        }

        String jcmd(String command) {
            try {
                Process p = new ProcessBuilder(javaHome.resolve("bin/jcmd").toString(), Long.toString(process.pid()),
                        command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return out;
            } catch (IOException | InterruptedException e) {
                return "";
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    /** The Portkey gateway (npm @portkey-ai/gateway), started from bench/node_modules. */
    static final class Portkey {
        final Process process;
        final int port;

        private Portkey(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Portkey start(Path benchDir, Path work) throws Exception {
            Path script = benchDir.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
            if (!Files.exists(script)) {
                throw new IOException("not installed: " + script);
            }
            int port = freePort();
            Process p = new ProcessBuilder("node", script.toString(), "--port=" + port, "--headless")
                    .redirectErrorStream(true).redirectOutput(work.toAbsolutePath().resolve("portkey.log").toFile()).start();
            long t0 = System.nanoTime();
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (IOException e) {
                    if (!p.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
                        p.destroyForcibly();
                        throw new IOException("Portkey did not start; see portkey.log");
                    }
                    Thread.sleep(200);
                }
            }
            log("Portkey gateway on port " + port + " (pid " + p.pid() + ")");
            return new Portkey(p, port);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        void stop() {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
