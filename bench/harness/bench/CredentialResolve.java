package bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ConfigurableApplicationContext;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.ChatModels;
import com.byomlab.llm.internal.Drivers;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ProviderDriver;
import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.vault.SessionCredentials;

import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * Item 1, in process: boots the real service (Spring context, H2 file database, the real key ring) on a random
 * port with the fake provider, adds a user and a credential through the API, then times, on the real beans, what
 * every LLM call of a session does before it sends anything: {@code SessionCredentials.open} (database read,
 * Tink AES-256-GCM decrypt, last-used update) plus building the LangChain4j streaming model over our HTTP client
 * exactly as {@code ChatAttempts} and the provider's driver do. Parts are timed separately too (package-private
 * parts through reflection, read-only).
 *
 * <pre>java -cp APP_JAR:LIB/*:CLASSES bench.CredentialResolve --out=FILE [--iterations=N] [--work=DIR]</pre>
 */
public final class CredentialResolve {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Bench.options(args);
        int iterations = Integer.parseInt(opts.getOrDefault("iterations", "10000"));
        Map<String, String> results = new LinkedHashMap<>();
        try (InProcess service = InProcess.boot(
                Path.of(opts.getOrDefault("work", "bench/.work")).toAbsolutePath().resolve("run-item1"), null, null)) {
            ConfigurableApplicationContext ctx = service.ctx();
            FakeOpenAi fake = service.fake();
            Api api = service.api();
            Api.User user = api.newUser("item1@bench.example", "sk-bench" + "0".repeat(40));
            SessionCredentials credentials = ctx.getBean(SessionCredentials.class);
            ProviderHttpClients http = ctx.getBean(ProviderHttpClients.class);
            ProviderDriver driver = Drivers.of(Provider.OPENAI);
            Endpoint endpoint = new Endpoint(fake.baseUrl(), false, null, null);
            Duration timeout = Duration.ofSeconds(120);
            ChatModels models = new ChatModels(http, timeout, Duration.ofSeconds(10), 1_000);
            UUID userId = user.id();
            UUID credentialId = user.credentialId();
            UUID sessionId = UUID.randomUUID();

            Class<?> repositoryType = Class.forName("com.byomlab.vault.CredentialRepository");
            Object repository = unwrap(ctx.getBean(repositoryType));
            Method findActive = repositoryType.getDeclaredMethod("findActive", UUID.class, UUID.class);
            findActive.setAccessible(true);
            Method markUsed = repositoryType.getDeclaredMethod("markUsed", UUID.class, UUID.class, Instant.class);
            markUsed.setAccessible(true);
            Class<?> cipherType = Class.forName("com.byomlab.vault.ApiKeyCipher");
            Object cipher = unwrap(ctx.getBean(cipherType));
            Method open = cipherType.getDeclaredMethod("open", UUID.class, UUID.class, byte[].class);
            open.setAccessible(true);
            Object stored = ((java.util.Optional<?>) findActive.invoke(repository, userId, credentialId)).orElseThrow();
            Method encrypted = stored.getClass().getDeclaredMethod("encryptedApiKey");
            encrypted.setAccessible(true);
            byte[] ciphertext = (byte[]) encrypted.invoke(stored);

            // what ChatAttempts does before it sends: open the key, take the shared model, make the key's header
            Step resolve = () -> {
                try (ApiKey key = credentials.open(userId, credentialId, sessionId)) {
                    StreamingChatModel model = models.streaming(Provider.OPENAI, endpoint, "gpt-4o-mini");
                    Map<String, String> headers = driver.keyHeaders(key);
                    if (model == null || headers.isEmpty()) {
                        throw new IllegalStateException();
                    }
                }
            };
            Map<String, Step> steps = new LinkedHashMap<>();
            steps.put("total", resolve);
            steps.put("open", () -> credentials.open(userId, credentialId, sessionId).close());
            steps.put("db_read", () -> findActive.invoke(repository, userId, credentialId));
            steps.put("decrypt", () -> ((ApiKey) open.invoke(cipher, userId, credentialId, ciphertext)).close());
            steps.put("db_mark_used", () -> markUsed.invoke(repository, userId, credentialId, Instant.now()));
            steps.put("model_lookup", () -> models.streaming(Provider.OPENAI, endpoint, "gpt-4o-mini"));
            // what every call paid before models were shared, and the first call to a new model still pays
            steps.put("model_build", () -> driver.streaming(new ProviderDriver.ModelSpec(endpoint, "gpt-4o-mini",
                    http.trustedEndpoint().connectTimeout(Duration.ofSeconds(10)).readTimeout(timeout)
                            .callTimeout(timeout).perCall(), timeout)));
            for (Map.Entry<String, Step> s : steps.entrySet()) {
                time(s.getValue(), iterations); // warm-up
            }
            for (Map.Entry<String, Step> s : steps.entrySet()) {
                Stats st = time(s.getValue(), iterations);
                results.put("item1." + s.getKey() + ".p50", fmt(st.p(50)));
                results.put("item1." + s.getKey() + ".p99", fmt(st.p(99)));
                Bench.log(String.format(Locale.ROOT, "item 1 %-13s p50 %s p99 %s (n=%d)", s.getKey(), Stats.ms(st.p(50)),
                        Stats.ms(st.p(99)), st.n()));
            }
            // the same path from 16 threads at once: database contention (pool of 10 connections, row update)
            Stats parallel = parallel(resolve, 16, iterations / 16);
            results.put("item1.total16.p50", fmt(parallel.p(50)));
            results.put("item1.total16.p99", fmt(parallel.p(99)));
            Bench.log(String.format(Locale.ROOT, "item 1 16 threads     p50 %s p99 %s", Stats.ms(parallel.p(50)),
                    Stats.ms(parallel.p(99))));
            results.put("item1.iterations", Integer.toString(iterations));
            results.put("item1.jdk", System.getProperty("java.version"));
        }
        StringBuilder sb = new StringBuilder();
        results.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        String out = opts.get("out");
        if (out != null) {
            Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
            Files.writeString(Path.of(out), sb.toString());
        }
        System.exit(0);
    }

    private static Object unwrap(Object bean) {
        Object target = org.springframework.aop.framework.AopProxyUtils.getSingletonTarget(bean);
        return target != null ? target : bean;
    }

    interface Step {
        void run() throws Exception;
    }

    private static Stats time(Step step, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Stats(ms);
    }

    private static Stats parallel(Step step, int threads, int perThread) throws Exception {
        List<Double> all = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(threads);
        AtomicLong failures = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            ex.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    long t0 = System.nanoTime();
                    try {
                        step.run();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    all.add((System.nanoTime() - t0) / 1e6);
                }
            });
        }
        Threads.awaitAll(ex);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " failures");
        }
        return Stats.of(all);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
