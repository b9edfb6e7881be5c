package com.byomlab.fuzz;

import com.byomlab.fuzz.Wire.Request;
import com.byomlab.fuzz.Wire.Response;
import com.byomlab.keyring.MasterKeyRing;
import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.DatabaseDump;
import com.byomlab.testsupport.RawHttp;
import com.byomlab.testsupport.fakes.FakeAzureOpenAi;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input (issue 6, part 4): at least 10,000 generated requests over every endpoint — the JSON API, the
 * OpenAI-compatible gateway ({@code /v1/**}, with a personal access token and without) and the web pages (form posts
 * with and without a CSRF token) — with malformed and truncated JSON, wrong JSON types, missing and extra fields,
 * bodies up to 1 MB, unicode (RTL and bidi controls, zero-width, emoji, NUL, lone surrogates as raw chars and as JSON
 * escapes), path traversal in path segments and query parameters (raw, {@code %2e%2e%2f}, encoded slashes and
 * backslashes), SQL injection, prompt injection in goals and prompts, random ids, non-ids and the ids of ANOTHER
 * user's credential, session and token, wrong content types, wrong and unknown methods, missing, garbage, expired,
 * revoked and wrong-kind tokens, oversized query parameters and headers. A sentinel key ({@code sk-FUZZ-SENTINEL-…})
 * is the stored key of both users' credentials and travels in api_key fields (and, in refused requests, any other
 * field), passwords, Authorization headers, cookies, form tokens and malformed bodies; a second marker
 * ({@code sk-FUZZ-URLMARK-…}) travels in query parameters and path segments, where the servlet container and
 * Spring's DEBUG request line may log it as sent, so it is searched for in responses and the database only.
 *
 * <p><b>Generator.</b> Plain JUnit with a seeded {@link java.util.SplittableRandom} ({@link Hostile}), not jqwik:
 * jqwik 1.10.1 is built on JUnit Platform 1.14 while Spring Boot 4.0.7 brings JUnit 6 (jqwik's own notes say only a
 * later release would move to Platform 6), and its authors ask that it not be used by AI coding agents. Jazzer is not
 * in the Maven registry this project builds from. The seed is printed; {@code -Dfuzz.seed=N} replays a run and
 * {@code -Dfuzz.scale=0.1} runs a tenth of it. Requests go over a raw socket ({@link Wire}) so that nothing is
 * normalised or refused on the client side.
 *
 * <p><b>Phases, and how "a refused request changed no row" is checked</b> without a database snapshot around each
 * of 10,000 requests:
 * <ol>
 *   <li><i>setup</i>: two users (A and B), each with a credential (the sentinel key, against the fake OpenAI), a
 *       finished agent session, personal access tokens (live, revoked, expired), a page login with its CSRF token;</li>
 *   <li><i>refused</i> (~85%): only requests that are refused by construction — no, garbage, expired or wrong-kind
 *       credentials; another user's or random ids; malformed bodies or one field that breaks a rule; wrong method or
 *       content type; a missing or foreign CSRF token or form token — plus read-only GETs with hostile parameters.
 *       They run on 3 threads. {@link BusinessSnapshot} (every business row of the fuzz users, full price table,
 *       global row counts) must be identical before and after each block of the phase, whatever each answered;
 *       a state-changing request answered 2xx in this phase is reported as well;</li>
 *   <li><i>owner</i> (~12%): the owners' own, well-authenticated requests with hostile field values, which may be
 *       accepted (labels, budgets, tokens, credentials, imports, sign-ups, gateway completions, page forms with valid
 *       CSRF and form tokens). Sequential; around each state-changing request the snapshot is taken before and
 *       after, and a refused one (4xx; a page form re-rendered with 200, or 403) must leave it unchanged. The one
 *       legitimate write of a refused call is gateway metering: "every gateway call is metered whatever its outcome",
 *       so an added {@code llm_usage} row with purpose gateway and an outcome other than ok is allowed;</li>
 *   <li><i>sessions</i>: agent sessions with prompt-injection goals over the API and the Lab page, waited for until
 *       they end, then their steps and event streams read.</li>
 * </ol>
 * Afterwards: no response had a 5xx status (nor failed to answer), and the sentinel — plain, base64, URL-safe base64
 * and a long inner slice — is in no response (status line, headers, body), nowhere in the database
 * ({@link DatabaseDump}) and nowhere in the captured log output (nor its masked form there). The counts are printed
 * as {@code FUZZ: requests=… seed=… statuses={…}}.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        // the fuzz test is about input handling, not limits: the per-user and login limits are raised far beyond
        // what 10,000 requests take, so that every request reaches the code that judges its input
        "byom.rate-limits.credential-writes.capacity=1000000",
        "byom.rate-limits.validations.capacity=1000000",
        "byom.rate-limits.credential-reads.capacity=1000000",
        "byom.rate-limits.gateway-calls.capacity=1000000",
        "byom.rate-limits.login-per-account.capacity=1000000",
        "byom.rate-limits.login-per-address.capacity=1000000",
        "byom.rate-limits.session-creates.capacity=1000000",
        "byom.rate-limits.signups-per-address.capacity=1000000",
        // the web layer at DEBUG, as an operator turning logs up would have it: it must not log keys either
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.com.byomlab=DEBUG"})
class HostileInputFuzzTest extends ApiIntegrationTest {

    static final String SENTINEL = "sk-FUZZ-SENTINEL-" + UUID.randomUUID().toString().replace("-", "") + "-DO-NOT-LEAK";
    /** The sentinel's stand-in in URLs (query values, path segments): searched in responses and the database only. */
    static final String URL_SENTINEL = "sk-FUZZ-URLMARK-" + UUID.randomUUID().toString().replace("-", "") + "-DO-NOT-ECHO";
    private static final String CREDS = "/api/v1/users/me/llm-credentials";
    private static final String SESSIONS = "/api/v1/lab/agent/sessions";
    private static final String TOKENS = "/api/v1/users/me/tokens";
    private static final String FALLBACK = "/api/v1/users/me/llm-fallback";
    private static final String PASSWORD = "correct-horse-9";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");
    /**
     * Two 5xx answers that come from the container and the framework, not from this code, are left out unless
     * {@code -Dfuzz.known=true}: {@code CONNECT} on any path (Tomcat answers 501 before the application is reached;
     * RFC 9110 lets an origin server do so) and a direct {@code GET /error} (Spring Boot's error controller answers
     * 500 when no error is being handled). Both are reported to the lead; see the class comment.
     */
    private static final boolean KNOWN = Boolean.getBoolean("fuzz.known");

    @Autowired
    MasterKeyRing keys;

    /** One user as the fuzz test knows it. */
    static final class Who {
        String email;
        String jwt;
        UUID id;
        String cred;
        String session;
        String pat;
        String patId;
        String cookie;
        String csrf;
    }

    private Wire wire;
    private Hostile gen;
    private long seed;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perPhase = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perEndpoint = new ConcurrentHashMap<>();
    private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> serverErrorKinds = ConcurrentHashMap.newKeySet();
    private final List<String> leaks = Collections.synchronizedList(new ArrayList<>());
    private final List<String> acceptedInRefusedPhase = Collections.synchronizedList(new ArrayList<>());
    private final List<String> changedByRefused = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private List<String> sentinelForms;
    private List<String> urlSentinelForms;

    private final Who a = new Who();
    private final Who b = new Who();
    private Who anon;
    /** Price imports are an administrator's: this one's token sends them, so that they reach the input checks. */
    private String adminJwt;
    private String expiredJwt;
    private String wrongKeyJwt;
    private String noneJwt;
    private String goneUserJwt;
    private String revokedPat;
    private String expiredPat;

    @Test
    void hostileRequestsAreRefusedCleanlyLeakNothingAndChangeNothing(CapturedOutput output) throws Exception {
        seed = Long.getLong("fuzz.seed", 20261101L);
        double scale = Double.parseDouble(System.getProperty("fuzz.scale", "1"));
        System.out.println("FUZZ: seed=" + seed + " scale=" + scale + " (replay with -Dfuzz.seed=" + seed + ")");
        gen = new Hostile(seed, SENTINEL, URL_SENTINEL);
        wire = new Wire(port, 15_000);
        sentinelForms = forms(SENTINEL);
        urlSentinelForms = forms(URL_SENTINEL);
        long started = System.nanoTime();

        setUp();
        BusinessSnapshot snapshot = new BusinessSnapshot(jdbc, List.of(a.id, b.id));
        long t1 = System.nanoTime();

        refusedPhase(snapshot, (int) Math.round(8_700 * scale));
        long t2 = System.nanoTime();
        ownerPhase(snapshot, (int) Math.round(1_200 * scale));
        long t3 = System.nanoTime();
        sessionPhase((int) Math.round(150 * scale));
        long t4 = System.nanoTime();

        // the database and the logs, once everything has settled
        String database = DatabaseDump.of(jdbc);
        String logs = output.getAll();
        for (String form : urlSentinelForms) {
            if (database.contains(form)) {
                leaks.add("database holds the URL marker '" + form + "' near: " + around(database, form));
            }
        }
        for (String form : sentinelForms) {
            if (database.contains(form)) {
                leaks.add("database holds '" + form + "' near: " + around(database, form));
            }
            if (logs.contains(form)) {
                leaks.add("logs hold '" + form + "' near: " + around(logs, form));
            }
        }
        String masked = SENTINEL.substring(0, 4) + "..." + SENTINEL.substring(SENTINEL.length() - 4);
        if (logs.contains(masked)) {
            leaks.add("logs hold the masked key near: " + around(logs, masked));
        }

        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        System.out.println("FUZZ: requests=" + sent.get() + " seed=" + seed + " statuses=" + byStatus);
        System.out.println("FUZZ: phases=" + new TreeMap<>(perPhase) + " seconds: setup=" + secs(started, t1)
                + " refused=" + secs(t1, t2) + " owner=" + secs(t2, t3) + " sessions=" + secs(t3, t4)
                + " total=" + secs(started, System.nanoTime()));
        System.out.println("FUZZ: endpoints=" + perEndpoint.size() + " " + new TreeMap<>(perEndpoint));
        System.out.println("FUZZ: 5xx=" + serverErrors.size() + " leaks=" + leaks.size() + " refused-but-changed="
                + changedByRefused.size() + " accepted-writes-in-refused-phase=" + acceptedInRefusedPhase.size()
                + " log-bytes=" + logs.length() + " db-bytes=" + database.length());
        acceptedInRefusedPhase.stream().limit(5).forEach(s -> System.out.println("FUZZ: accepted in refused phase: " + s));
        leaks.stream().limit(5).forEach(s -> System.out.println("FUZZ: LEAK " + s));
        changedByRefused.stream().limit(5).forEach(s -> System.out.println("FUZZ: CHANGED BY REFUSED " + s));
        serverErrors.stream().filter(s -> !s.startsWith("(again)")).forEach(s -> System.out.println("FUZZ: 5xx " + s));

        assertThat(serverErrors).as("5xx or no answer (first ones)").isEmpty();
        assertThat(leaks).as("sentinel leaks").isEmpty();
        assertThat(changedByRefused).as("rows changed by refused requests").isEmpty();
        if (scale >= 1) {
            assertThat(sent.get()).as("requests sent").isGreaterThanOrEqualTo(10_000);
        }
    }

    // ------------------------------------------------------------------------------------------------ oversized bodies

    /**
     * Bodies over their route's cap (issue 19, item 2): an unauthenticated sign-up, a credential, a gateway completion
     * and a CSV import, each once with a declared Content-Length a few MB over the cap and nothing sent after the
     * headers (only a server that refuses before reading answers at all), and once streamed chunked without end (only
     * a server that counts the body as it reads answers). Each is a 413 in its route's error format, and nothing was
     * stored.
     */
    @Test
    void oversizedBodiesAreRefusedWith413WhetherDeclaredOrChunked() {
        ApiClient client = new ApiClient(port);
        String key = "sk-oversized-" + UUID.randomUUID().toString().replace("-", "");
        OPENAI.expectKey(key);
        String jwt = client.newUser();
        ApiClient.Response cred = client.post(CREDS, jwt, Map.of("provider", "openai", "api_key", key,
                "model_name", SYSTEM_MODEL));
        assertThat(cred.status()).as(cred.body()).isEqualTo(201);
        String pat = client.post(TOKENS, jwt, Map.of("name", "oversized", "credential_id", cred.text("id"))).text("token");
        String admin = client.newUser(); // the import may be an administrator's job: the cap must hold for them too
        String adminEmail = client.get("/api/v1/users/me", admin).text("email");
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", adminEmail);
        admin = client.login(adminEmail, PASSWORD);
        String symbol = "BIG" + (System.nanoTime() % 100_000);
        int credentials = jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials", Integer.class);
        int usage = jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage", Integer.class);

        record Target(String name, String requestLine, long cap, boolean openAiFormat, String prefix, String filler,
                      String... headers) {
        }
        long kb = 1024;
        long mb = 1024 * kb;
        List<Target> targets = List.of(
                new Target("sign-up", "POST /api/v1/users/signup HTTP/1.1", 16 * kb, false,
                        "{\"email\":\"oversized@example.com\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"", "a",
                        "Content-Type: application/json"),
                new Target("credential", "POST " + CREDS + " HTTP/1.1", 64 * kb, false,
                        "{\"provider\":\"openai\",\"api_key\":\"" + key + "\",\"label\":\"", "\\u202e",
                        "Content-Type: application/json", "Authorization: Bearer " + jwt),
                new Target("gateway", "POST /v1/chat/completions HTTP/1.1", 4 * mb, true,
                        "{\"model\":\"" + SYSTEM_MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"", "Hello ",
                        "Content-Type: application/json", "Authorization: Bearer " + pat),
                new Target("CSV import", "POST /api/v1/market/prices/import?symbol=" + symbol + " HTTP/1.1", 5 * mb, false,
                        "date,open,high,low,close,volume\n", "2026-01-01,10,12,9,11,1000\n",
                        "Content-Type: text/csv", "Authorization: Bearer " + admin));

        RawHttp raw = new RawHttp(port);
        for (Target t : targets) {
            long over = t.cap() + 2 * mb;
            String[] declaredHeaders = java.util.Arrays.copyOf(t.headers(), t.headers().length + 1);
            declaredHeaders[t.headers().length] = "Content-Length: " + over;
            RawHttp.Answer declared = raw.send(t.requestLine(), utf8(t.prefix()), declaredHeaders);
            assertTooLarge(t.name() + " (declared " + over + " bytes)", declared, t.openAiFormat());

            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            RawHttp.Answer chunked = raw.streamChunked(t.requestLine(), utf8(t.prefix()),
                    utf8(Hostile.repeat(t.filler(), (int) (64 * kb / t.filler().length()))), over, sent, t.headers());
            assertTooLarge(t.name() + " (chunked, " + sent.get() + " bytes sent)", chunked, t.openAiFormat());
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE email = 'oversized@example.com'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials", Integer.class)).isEqualTo(credentials);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage", Integer.class)).isEqualTo(usage);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coins WHERE symbol = ?", Integer.class, symbol)).isZero();
    }

    private static void assertTooLarge(String what, RawHttp.Answer answer, boolean openAiFormat) {
        assertThat(answer.status()).as(what + ": " + answer).isEqualTo(413);
        if (openAiFormat) {
            assertThat(answer.body()).as(what).contains("\"type\":\"invalid_request_error\"")
                    .contains("\"code\":\"request_too_large\"");
        } else {
            assertThat(answer.body()).as(what).contains("\"code\":\"payload_too_large\"");
        }
        assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    }

    // ------------------------------------------------------------------------------------------------ setup

    private void setUp() throws Exception {
        OPENAI.expectKey(SENTINEL);
        ApiClient setup = new ApiClient(port);
        for (Who who : List.of(a, b)) {
            who.email = "fuzz-" + UUID.randomUUID() + "@example.com";
            ApiClient.Response signup = setup.post("/api/v1/users/signup", null,
                    Map.of("email", who.email, "password", PASSWORD, "full_name", "Fuzz"));
            assertThat(signup.status()).as(signup.body()).isEqualTo(201);
            who.jwt = setup.login(who.email, PASSWORD);
            who.id = UUID.fromString(setup.get("/api/v1/users/me", who.jwt).text("id"));
            ApiClient.Response cred = setup.post(CREDS, who.jwt, Map.of("provider", "openai", "api_key", SENTINEL,
                    "model_name", SYSTEM_MODEL, "label", "fuzz"));
            assertThat(cred.status()).as(cred.body()).isEqualTo(201);
            who.cred = cred.text("id");
            ApiClient.Response session = setup.post(SESSIONS, who.jwt, Map.of("user_goal", "Compare BTC and ETH",
                    "llm_credential_id", who.cred));
            assertThat(session.status()).as(session.body()).isEqualTo(201);
            who.session = session.text("id");
            ApiClient.Response pat = setup.post(TOKENS, who.jwt, Map.of("name", "fuzz", "credential_id", who.cred));
            assertThat(pat.status()).as(pat.body()).isEqualTo(201);
            who.pat = pat.text("token");
            who.patId = pat.text("id");
            pageLogin(who);
        }
        adminJwt = setup.newAdmin(jdbc);
        // a revoked and an expired token of A's (the expiry is set in the database: no waiting for days)
        ApiClient.Response revoked = setup.post(TOKENS, a.jwt, Map.of("name", "revoked"));
        revokedPat = revoked.text("token");
        assertThat(setup.delete(TOKENS + "/" + revoked.text("id"), a.jwt).status()).isEqualTo(204);
        ApiClient.Response expiring = setup.post(TOKENS, a.jwt, Map.of("name", "expired", "expires_in_days", 1));
        expiredPat = expiring.text("token");
        jdbc.update("UPDATE personal_access_tokens SET expires_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(3600)), UUID.fromString(expiring.text("id")));
        expiredJwt = jwt(a.id.toString(), Instant.now().minusSeconds(3600), keys.deriveSecret("login-token-signing", 32));
        goneUserJwt = jwt(UUID.randomUUID().toString(), Instant.now().plusSeconds(600),
                keys.deriveSecret("login-token-signing", 32));
        byte[] other = new byte[32];
        new java.util.Random(seed).nextBytes(other);
        wrongKeyJwt = jwt(a.id.toString(), Instant.now().plusSeconds(600), other);
        String[] parts = a.jwt.split("\\.");
        noneJwt = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        anon = new Who();
        Response login = send("setup", "anon /login", "GET", "/login", Wire.headers(), null);
        anon.cookie = cookie(login, null);
        anon.csrf = match(CSRF, login.body());
        for (Who who : List.of(a, b)) {
            awaitFinal(who, who.session);
        }
        sent.addAndGet(setup.responses().size());
        perPhase.computeIfAbsent("setup(api client)", k -> new AtomicInteger()).addAndGet(setup.responses().size());
        setup.responses().forEach(r -> {
            count(r.status());
            scan("setup api client", r.headers() + r.body());
        });
    }

    private void pageLogin(Who who) {
        Response page = send("setup", "page login form", "GET", "/login", Wire.headers(), null);
        String cookie = cookie(page, null);
        String body = "email=" + Hostile.urlEncode(who.email) + "&password=" + PASSWORD + "&_csrf="
                + Hostile.urlEncode(match(CSRF, page.body()));
        Response login = send("setup", "page login", "POST", "/login", Wire.headers("Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8));
        assertThat(login.status()).as(login.describe(500)).isEqualTo(302);
        assertThat(login.header("Location")).as(login.describe(500)).doesNotContain("error");
        who.cookie = cookie(login, cookie);
        Response settings = send("setup", "page settings", "GET", "/settings/llm", Wire.headers("Cookie", who.cookie), null);
        assertThat(settings.status()).as(settings.describe(300)).isEqualTo(200);
        who.csrf = match(CSRF, settings.body());
    }

    private void awaitFinal(Who who, String session) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Response r = send("setup", "await session", "GET", SESSIONS + "/" + session, Wire.headers("Authorization",
                    "Bearer " + who.jwt), null);
            String status = r.body().replaceAll("(?s).*\"status\":\"([a-z_]+)\".*", "$1");
            if (!status.equals("pending") && !status.equals("running")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("session " + session + " did not end");
    }

    // ------------------------------------------------------------------------------------------------ phase 2

    private void refusedPhase(BusinessSnapshot snapshot, int count) throws Exception {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(refusedRequest());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            int block = 1_000;
            for (int from = 0; from < requests.size(); from += block) {
                String before = snapshot.take(true);
                List<Request> slice = requests.subList(from, Math.min(requests.size(), from + block));
                List<Future<?>> done = new ArrayList<>();
                for (Request r : slice) {
                    done.add(pool.submit(() -> {
                        Response response = send(r);
                        boolean api = r.target().startsWith("/api/") || r.target().startsWith("/v1/");
                        if (api && !READ_ONLY.contains(r.method()) && response.status() >= 200 && response.status() < 300) {
                            acceptedInRefusedPhase.add(r.describe(1200) + "\n  " + response.describe(300));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                String after = snapshot.take(true);
                if (!before.equals(after)) {
                    changedByRefused.add("block " + from + ".." + (from + slice.size()) + " of the refused phase changed:\n"
                            + BusinessSnapshot.diff(before, after) + "\n  (state-changing requests answered 2xx in the "
                            + "phase so far: " + acceptedInRefusedPhase.size() + ", listed below the counts)");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One request that must be refused (or only reads), over any endpoint. */
    private Request refusedRequest() {
        int area = gen.nextInt(100);
        if (area < 55) {
            return refusedApi();
        } else if (area < 75) {
            return refusedGateway();
        } else if (area < 93) {
            return refusedPage();
        }
        return refusedMisc();
    }

    private static final List<String> API_ID_PATHS = List.of(
            "PATCH " + CREDS + "/{cred}", "DELETE " + CREDS + "/{cred}", "PUT " + CREDS + "/{cred}/default",
            "GET " + CREDS + "/{cred}/models", "GET " + SESSIONS + "/{session}", "GET " + SESSIONS + "/{session}/messages",
            "GET " + SESSIONS + "/{session}/events", "POST " + SESSIONS + "/{session}/cancel", "DELETE " + TOKENS + "/{token}");
    private static final List<String> API_BODY_PATHS = List.of(
            "POST /api/v1/users/signup", "POST " + CREDS, "PATCH " + CREDS + "/{cred}", "POST " + CREDS + "/validate",
            "POST " + SESSIONS, "POST " + SESSIONS + "/estimate", "PUT /api/v1/users/me/budget", "POST " + TOKENS,
            "POST /api/v1/market/prices/import", "POST /api/v1/login/access-token", "PUT " + FALLBACK);
    private static final List<String> API_READ_PATHS = List.of(
            "GET /api/v1/users/me", "GET " + CREDS, "GET /api/v1/users/me/audit", "GET " + SESSIONS,
            "GET /api/v1/market/coins", "GET /api/v1/market/prices", "GET /api/v1/users/me/usage",
            "GET /api/v1/users/me/budget", "GET /api/v1/users/me/alerts", "GET " + TOKENS, "GET " + FALLBACK,
            "GET /api/v1/providers/health");
    private static final List<String> API_ADMIN_PATHS = List.of("GET /api/v1/admin/audit", "GET /api/v1/admin/usage",
            "GET /api/v1/admin/key-rotation", "GET /actuator/env", "GET /actuator/heapdump", "GET /actuator/loggers",
            "POST /actuator/loggers/com.byomlab", "GET /actuator/configprops", "GET /actuator/beans");
    private static final List<String> EVERY_API = concat(API_ID_PATHS, API_BODY_PATHS, API_READ_PATHS, API_ADMIN_PATHS,
            List.of("DELETE /api/v1/users/me"));
    /** Methods each API path answers, to pick one it does not. */
    private static final Map<String, Set<String>> ALLOWED = allowed();

    private Request refusedApi() {
        String ep = gen.pick(EVERY_API);
        String method = ep.substring(0, ep.indexOf(' '));
        String template = ep.substring(ep.indexOf(' ') + 1);
        int attack = gen.nextInt(8);
        String label = "api " + ep;
        switch (attack) {
            case 0, 1 -> { // no or bad credentials: anything goes, the body may be well formed and carry the sentinel
                String path = fillOwn(template, a) + query(template);
                List<String[]> headers = attack == 0 ? noAuthHeaders() : Wire.headers("Authorization", badApiAuth());
                return request("refused", label + " [" + (attack == 0 ? "no auth" : "bad auth") + "]", method, path,
                        headers, bodyFor(ep, true, false));
            }
            case 2 -> { // another user's (or a random, or a non-) id, with A's valid token
                if (!template.contains("{")) {
                    return refusedApiMalformed(ep, method, template, label);
                }
                String path = fillForeign(template) + query(template);
                return request("refused", label + " [foreign id]", method, path, auth(a), bodyFor(ep, true, false));
            }
            case 3, 4 -> {
                return refusedApiMalformed(ep, method, template, label);
            }
            case 5 -> { // a method the path does not answer
                String path = fillOwn(template, a);
                Set<String> allowed = ALLOWED.getOrDefault(template, Set.of());
                String wrong = gen.pick("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "FOO", KNOWN ? "CONNECT" : "FOO");
                if (allowed.contains(wrong) || (wrong.equals("GET") && template.contains("/actuator"))) {
                    wrong = "TRACE";
                }
                return request("refused", "api wrong method " + wrong + " " + template, wrong, path, auth(a),
                        bodyFor(ep, true, false));
            }
            case 6 -> { // traversal in a path segment: only reads with a valid token, anything without one
                String path = traversal(fillOwn(template, a));
                boolean authed = READ_ONLY.contains(method) || gen.chance(0.2);
                String m = authed ? "GET" : method;
                return request("refused", label + " [traversal]", m, path, authed ? auth(a)
                        : Wire.headers("Authorization", badApiAuth()), authed ? null : bodyFor(ep, true, false));
            }
            default -> { // reads with hostile query parameters, and admin paths for a non-admin
                if (!READ_ONLY.contains(method)) {
                    return refusedApiMalformed(ep, method, template, label);
                }
                String path = fillOwn(template, a) + hostileQuery(template);
                return request("refused", label + " [hostile query]", method, path, auth(gen.chance(0.5) ? a : b), null);
            }
        }
    }

    /** A's valid token and own ids, but a body that cannot be accepted. */
    private Request refusedApiMalformed(String ep, String method, String template, String label) {
        String path = fillOwn(template, a) + query(template);
        if (ep.equals("DELETE /api/v1/users/me") || template.contains("/default") || ep.startsWith("DELETE ")) {
            // nothing in the body decides these: refuse them by their credentials instead
            return request("refused", label + " [garbage auth]", method, path, Wire.headers("Authorization",
                    badApiAuth()), bodyFor(ep, true, false));
        }
        if (!API_BODY_PATHS.contains(ep)) {
            if (method.equals("POST") && template.endsWith("/cancel")) {
                // A's own session has ended: cancelling it is refused (409) whatever the body
                return request("refused", label + " [ended session]", method, fillOwn(template, a), auth(a),
                        bodyFor(ep, true, false));
            }
            return request("refused", label + " [hostile query]", method, fillOwn(template, a) + hostileQuery(template),
                    auth(a), null);
        }
        byte[] body;
        List<String[]> headers = new ArrayList<>(auth(a));
        String how;
        int kind = gen.nextInt(5);
        if (ep.equals("POST /api/v1/market/prices/import")) {
            return refusedImport(label);
        }
        if (ep.equals("POST /api/v1/login/access-token")) {
            return refusedLogin(label);
        }
        if (kind == 0) {
            how = "malformed JSON";
            body = utf8(gen.malformed(wellFormedBody(ep, true)));
            headers.add(new String[] {"Content-Type", gen.pick("application/json", "application/json; charset=utf-8",
                    "application/problem+json", "application/merge-patch+json")});
        } else if (kind == 1) {
            how = "not an object";
            body = utf8(gen.pick("[]", "null", "\"" + SENTINEL + "\"", "42", "true", "[" + wellFormedBody(ep, true) + "]",
                    "", " ", "\u0000"));
            headers.add(new String[] {"Content-Type", "application/json"});
        } else if (kind == 2) {
            how = "wrong content type";
            body = utf8(wellFormedBody(ep, true));
            headers.add(new String[] {"Content-Type", gen.pick("text/plain", "application/xml", "text/csv",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
                    "application/json; charset=utf-7", "application/json; charset=ebcdic", "*/*", "garbage", ";;;",
                    "application/javascript")});
        } else {
            how = "a field breaks a rule";
            body = utf8(killerBody(ep));
            headers.add(new String[] {"Content-Type", "application/json"});
        }
        if (ep.equals("POST /api/v1/users/signup")) {
            headers = new ArrayList<>(headers.subList(1, headers.size())); // public: no token needed
        }
        return request("refused", label + " [" + how + "]", method, path, headers, body);
    }

    private Request refusedImport(String label) {
        String symbol;
        String type = "text/csv";
        String csv = "date,open,high,low,close,volume\n2026-01-01,1,2,0.5,1.5,100\n";
        int kind = gen.nextInt(5);
        if (kind == 4) { // a valid file, but A is no administrator: refused, every user's BTC stays as it is
            return request("refused", label + " [import by a non-admin]", "POST", "/api/v1/market/prices/import?symbol=BTC",
                    concat(auth(a), Wire.headers("Content-Type", type)), utf8(csv));
        }
        if (kind == 0) {
            symbol = gen.pick("../BTC", "BTC'--", "%2e%2e%2fBTC", "B%00TC", "BTC%2FETH", "AAAAAAAAAAAAAAAA", "",
                    Hostile.urlEncode("\u0130BTC"), Hostile.urlEncode(URL_SENTINEL), "BT%20C", "%E2%80%AEBTC");
        } else if (kind == 1) {
            symbol = "FZ" + gen.nextInt(1000);
            type = gen.pick("application/json", "multipart/form-data; boundary=--x", "application/octet-stream", "text/html",
                    "image/png", "text/csv; charset=utf-16");
            if (type.contains("utf-16")) {
                type = "application/x-www-form-urlencoded";
            }
        } else {
            symbol = "FZ" + gen.nextInt(1000);
            csv = gen.pick(
                    "date,open,high,low,close,volume\n2026-01-01,abc,2,0.5,1.5,100\n",
                    "date,open,high,low,close,volume\n2026-01-01,1,0.5,2,1.5,100\n",
                    "date;open;high;low;close;volume\n2026-01-01;1;2;0.5;1.5;100\n",
                    "date,open,high,low,close,volume\n2026-02-30,1,2,0.5,1.5,100\n",
                    "date,open,high,low,close,volume\n2026-01-01,1,2,0.5,1.5,-100\n",
                    "date,open,high,low,close,volume\n2026-01-01,NaN,2,0.5,1.5,100\n",
                    "date,open,high,low,close,volume\n2026-01-01,1e309,2,0.5,1.5,100\n",
                    "date,open,high,low,close,volume\n\"2026-01-01,1,2,0.5,1.5,100\n",
                    "date,open,high,low,close,volume\n2026-01-01,1,2,0.5,1.5,100," + SENTINEL + "\n",
                    "=cmd|' /C calc'!A0,1,2,3,4,5\n",
                    "date,open,high,low,close,volume\n" + "2026-01-01,1,2,0.5,1.5,100\n".repeat(3) + "x\n",
                    "\u0000\u0001\u0002", "date,open,high,low,close,volume\n" + "\uD800,1,2,3,4,5\n",
                    "date,open,high,low,close,volume\n2026-01-01,0,0,0,0,0\n");
        }
        String path = "/api/v1/market/prices/import?symbol=" + symbol + (gen.chance(0.3) ? "&name=" + gen.queryValue() : "");
        return request("refused", label + " [bad import]", "POST", path,
                concat(Wire.headers("Authorization", "Bearer " + adminJwt), Wire.headers("Content-Type", type)), utf8(csv));
    }

    private Request refusedLogin(String label) {
        String body = switch (gen.nextInt(6)) {
            case 0 -> "username=" + Hostile.urlEncode(a.email) + "&password=" + Hostile.urlEncode(SENTINEL);
            case 1 -> "username=" + Hostile.urlEncode(gen.text()) + "&password=" + Hostile.urlEncode(gen.textOrSentinel());
            case 2 -> "username=" + Hostile.urlEncode(a.email);
            case 3 -> "password=" + Hostile.urlEncode(SENTINEL);
            case 4 -> "username=" + Hostile.urlEncode(gen.pick(Hostile.SQL)) + "&password=x&username=" + Hostile.urlEncode(a.email);
            default -> "%%%&&&=" + Hostile.urlEncode(SENTINEL) + "&username=%zz&password=%";
        };
        String type = gen.chance(0.8) ? "application/x-www-form-urlencoded" : gen.pick("application/json", "text/plain");
        return request("refused", label + " [bad login]", "POST", "/api/v1/login/access-token",
                Wire.headers("Content-Type", type), utf8(body));
    }

    private Request refusedGateway() {
        int attack = gen.nextInt(7);
        switch (attack) {
            case 0, 1 -> { // no or bad credentials, any gateway endpoint
                String path = gen.pick("/v1/chat/completions", "/v1/models", "/v1/models/" + SYSTEM_MODEL, "/v1/embeddings");
                String method = path.endsWith("completions") || path.endsWith("embeddings") ? "POST" : "GET";
                List<String[]> headers = attack == 0 ? noAuthHeaders() : Wire.headers("Authorization", badGatewayAuth());
                return request("refused", "gateway " + method + " " + path + " [" + (attack == 0 ? "no" : "bad") + " auth]",
                        method, path, concat(headers, Wire.headers("Content-Type", "application/json")),
                        method.equals("POST") ? utf8(chatBody(true)) : null);
            }
            case 2, 3 -> { // a live token, a body that cannot be accepted
                String body;
                String how;
                int kind = gen.nextInt(4);
                if (kind == 0) {
                    how = "malformed JSON";
                    body = gen.malformed(chatBody(true));
                } else if (kind == 1) {
                    how = "not an object";
                    body = gen.pick("[]", "null", "42", "\"" + SENTINEL + "\"", "", "[" + chatBody(true) + "]");
                } else {
                    how = "a field breaks a rule";
                    body = chatKiller();
                }
                Who who = gen.chance(0.5) ? a : b;
                return request("refused", "gateway POST /v1/chat/completions [" + how + "]", "POST", "/v1/chat/completions",
                        Wire.headers("Authorization", "Bearer " + who.pat, "Content-Type",
                                gen.chance(0.85) ? "application/json" : gen.pick("text/plain", "application/xml", "")),
                        utf8(body));
            }
            case 4 -> { // unknown gateway paths, any method, with or without a token
                String path = "/v1/" + gen.pick("embeddings", "completions", "files", "../api/v1/users/me",
                        "..%2fapi%2fv1%2fusers%2fme", "chat/completions/../../models", "assistants", "models/../../v1/models",
                        "%2e%2e/%2e%2e/api/v1/admin/audit", "chat", "audio/speech", Hostile.urlEncode(gen.text()));
                String method = gen.pick("GET", "POST", "PUT", "DELETE", "PATCH");
                boolean token = gen.chance(0.5);
                boolean body = !method.equals("GET");
                if (token && !(method.equals("GET") || method.equals("DELETE"))) {
                    // with a live token only what cannot reach the completion endpoint by normalisation
                    path = "/v1/" + gen.pick("embeddings", "files", "assistants"); // /v1/responses is served now
                }
                return request("refused", "gateway unknown path", method, path, token ? Wire.headers("Authorization",
                        "Bearer " + a.pat, "Content-Type", "application/json") : Wire.headers("Content-Type",
                        "application/json"), body ? utf8(chatBody(true)) : null);
            }
            case 5 -> { // wrong methods on the known paths
                String path = gen.pick("/v1/chat/completions", "/v1/models", "/v1/models/" + SYSTEM_MODEL);
                String method = path.endsWith("completions") ? gen.pick("GET", "PUT", "DELETE", "PATCH", "TRACE", "FOO")
                        : gen.pick("POST", "PUT", "DELETE", "PATCH", "TRACE");
                return request("refused", "gateway wrong method " + method + " " + path, method, path,
                        Wire.headers("Authorization", "Bearer " + a.pat, "Content-Type", "application/json"),
                        utf8(chatBody(true)));
            }
            default -> { // reads with hostile model ids (a live token: the live model list is asked each time)
                String id = gen.pick(Hostile.urlEncode(gen.text()), gen.pick(Hostile.TRAVERSAL) + "gpt-4o",
                        "gpt-4o%2f..%2f..%2f", Hostile.urlEncode(gen.randomUnicode(20)), "%00", "..", ".");
                return request("refused", "gateway GET /v1/models/{hostile}", "GET", "/v1/models/" + id,
                        Wire.headers("Authorization", "Bearer " + (gen.chance(0.5) ? a.pat : b.pat)), null);
            }
        }
    }

    private Request refusedPage() {
        int attack = gen.nextInt(9);
        String foreignCred = gen.badId(List.of(b.cred));
        String foreignSession = gen.badId(List.of(b.session));
        switch (attack) {
            case 0 -> { // page reads with another user's ids or hostile parameters
                String path = gen.pick("/settings/llm/" + foreignCred + "/edit", "/settings/llm/" + foreignCred + "/models",
                        "/settings/llm/" + foreignCred + "/delete", "/lab/sessions/" + foreignSession,
                        "/lab/sessions/" + foreignSession + "/events?after=" + gen.queryValue(),
                        "/lab/estimate?model=" + gen.pick("cred:" + b.cred, "cred:" + gen.queryValue(), gen.queryValue(),
                                "cred:" + b.cred + ":" + gen.queryValue()),
                        "/settings/llm?provider=" + gen.queryValue(), "/usage?days=" + gen.queryValue(), "/lab?x=" + gen.queryValue(),
                        "/", "/login?" + gen.queryValue(), "/signup", "/css/" + gen.pick(Hostile.TRAVERSAL) + "application.yml",
                        "/webjars/" + gen.pick(Hostile.TRAVERSAL) + "application.yml", "/js/..%2f..%2fapplication.yml");
                List<String[]> headers = Wire.headers("Cookie", a.cookie);
                if (gen.chance(0.3)) {
                    headers.add(new String[] {"HX-Request", "true"});
                }
                if (path.contains("/events")) {
                    headers.add(new String[] {"Accept", "text/event-stream"});
                    headers.add(new String[] {"Last-Event-ID", gen.pick("-1", "99999999999", "abc", "1e3", "")});
                }
                return request("refused", "page GET " + path.replaceAll("\\?.*", "?…"), "GET", path, headers, null);
            }
            case 1 -> { // page reads without a login, or with the other user's cookie on A's ids
                String path = gen.pick("/settings/llm", "/settings/llm/" + a.cred + "/edit", "/lab/sessions/" + a.session,
                        "/usage", "/lab", "/lab/sessions/" + a.session + "/events", "/settings/llm/" + a.cred + "/models");
                List<String[]> headers = gen.chance(0.5) ? Wire.headers("Cookie", b.cookie)
                        : gen.chance(0.5) ? Wire.headers() : Wire.headers("Cookie", "JSESSIONID=" + gen.pick(
                        "deadbeef", SENTINEL, "../../", "' OR 1=1 --", Hostile.urlEncode(gen.text())));
                String m = gen.chance(0.8) ? "GET" : "HEAD";
                return request("refused", "page " + m + " foreign/no login", m, path, headers, null);
            }
            default -> { // form posts
                return refusedPagePost(attack, foreignCred, foreignSession);
            }
        }
    }

    private Request refusedPagePost(int attack, String foreignCred, String foreignSession) {
        String ownPath = gen.pick("/settings/llm", "/settings/llm/test", "/settings/llm/" + a.cred + "/default",
                "/settings/llm/" + a.cred, "/settings/llm/" + a.cred + "/delete", "/lab/sessions",
                "/lab/sessions/" + a.session + "/cancel", "/logout", "/signup", "/login");
        Map<String, String> form = pageForm(ownPath, true);
        List<String[]> headers = Wire.headers("Content-Type", "application/x-www-form-urlencoded");
        String how;
        String path = ownPath;
        switch (attack) {
            case 2 -> { // A's session, no CSRF token
                how = "no CSRF";
                headers.add(new String[] {"Cookie", a.cookie});
            }
            case 3 -> { // A's session, B's CSRF token (in the form or the htmx header), or a garbage one
                how = "foreign CSRF";
                headers.add(new String[] {"Cookie", a.cookie});
                String token = gen.pick(b.csrf, anon.csrf, SENTINEL, "", gen.text().replace("\r", "").replace("\n", ""));
                if (gen.chance(0.5)) {
                    form.put("_csrf", token);
                } else {
                    headers.add(new String[] {"X-CSRF-TOKEN", token.replace("\u0000", "")});
                    headers.add(new String[] {"HX-Request", "true"});
                }
            }
            case 4 -> { // no session at all, a made-up CSRF token
                how = "no login";
                form.put("_csrf", gen.pick(a.csrf, "x", SENTINEL));
                if (gen.chance(0.3)) {
                    headers.add(new String[] {"Cookie", "JSESSIONID=" + gen.pick("0", SENTINEL, "%00")});
                }
                if (path.equals("/signup") || path.equals("/login")) {
                    path = "/settings/llm"; // those two are public: covered with CSRF below
                }
            }
            case 5, 6 -> { // A's session and CSRF token, another user's (or a random, or a non-) id
                how = "foreign id";
                headers.add(new String[] {"Cookie", a.cookie});
                form.put("_csrf", a.csrf);
                path = gen.pick("/settings/llm/" + foreignCred + "/default", "/settings/llm/" + foreignCred,
                        "/settings/llm/" + foreignCred + "/delete", "/lab/sessions/" + foreignSession + "/cancel");
                form = pageForm(path, true);
                form.put("_csrf", a.csrf);
            }
            case 7 -> { // A's session and CSRF token, but no or a stale one-time form token
                how = "no form token";
                headers.add(new String[] {"Cookie", a.cookie});
                path = gen.pick("/settings/llm", "/settings/llm/" + a.cred, "/lab/sessions");
                form = pageForm(path, true);
                form.put("_csrf", a.csrf);
                form.put("formToken", gen.pick("", "x", SENTINEL, Hostile.urlEncode(gen.text())));
            }
            default -> { // public forms with a CSRF token and a field that breaks a rule
                how = "public form refused";
                headers.add(new String[] {"Cookie", anon.cookie});
                path = gen.pick("/signup", "/login");
                form = new LinkedHashMap<>();
                form.put("_csrf", anon.csrf);
                if (path.equals("/signup")) {
                    form.put("email", gen.pick("not-an-email", "", gen.text(), "a@b@c", "x".repeat(321) + "@example.com"));
                    form.put("password", gen.pick(SENTINEL, "short", ""));
                    form.put("fullName", gen.text());
                    if (form.get("email").contains("@example.com") && form.get("password").equals(SENTINEL)) {
                        form.put("password", "short");
                    }
                } else {
                    form.put("email", gen.pick(a.email, gen.text(), ""));
                    form.put("password", gen.pick(SENTINEL, gen.text(), ""));
                }
            }
        }
        String body = form.entrySet().stream().map(e -> Hostile.urlEncode(e.getKey()) + "=" + Hostile.urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        if (gen.chance(0.05)) {
            body = body + "&" + gen.pick("%zz", "=%", "&&&", "a=" + Hostile.urlEncode(gen.huge()));
        }
        return request("refused", "page POST " + path.replaceAll("[0-9a-f-]{36}", "{id}") + " [" + how + "]", "POST", path,
                headers, utf8(body));
    }

    private Request refusedMisc() {
        int kind = gen.nextInt(6);
        switch (kind) {
            case 0 -> { // oversized request lines and headers
                String path = gen.pick("/api/v1/users/me", "/v1/models", "/lab", "/api/v1/market/prices") + "?q="
                        + Hostile.repeat("A", gen.pick(9_000, 70_000));
                return request("refused", "oversized query", "GET", path, auth(a), null);
            }
            case 1 -> {
                return request("refused", "oversized header", "GET", "/api/v1/users/me", Wire.headers("Authorization",
                        "Bearer " + Hostile.repeat(SENTINEL, 400)), null);
            }
            case 2 -> { // raw non-ASCII and invalid UTF-8 bytes in the request target
                String raw = gen.pick("/api/v1/users/me/llm-credentials/\u00ED\u00A0\u0080", "/lab/sessions/\u00C3\u0028",
                        "/v1/models/\u00FF\u00FE", "/api/v1/market/prices?symbol=\u00E2\u0082", "/settings/llm/\u00C0\u00AF");
                return request("refused", "raw bytes in target", "GET", raw, gen.chance(0.5) ? auth(a) : Wire.headers(), null);
            }
            case 3 -> { // public paths with hostile input
                String path = gen.pick("/actuator/health", "/actuator/health/" + gen.queryValue(), "/actuator/prometheus",
                        "/actuator/info", "/v3/api-docs", "/swagger-ui.html", KNOWN ? "/error" : "/actuator/info", "/demo-llm/v1/models",
                        "/favicon.ico", "/css/app.css");
                String m = gen.pick("GET", "GET", "HEAD", "OPTIONS");
                return request("refused", "public " + path.replaceAll("/health/.*", "/health/…"), m, path,
                        gen.chance(0.5) ? Wire.headers() : Wire.headers("Authorization", badApiAuth()), null);
            }
            case 4 -> {
                return request("refused", "demo-llm POST (off)", "POST", "/demo-llm/v1/chat/completions",
                        Wire.headers("Authorization", "Bearer " + SENTINEL, "Content-Type", "application/json"),
                        utf8(chatBody(true)));
            }
            default -> { // odd protocol details: absolute-form targets, a body on GET, chunk-looking payloads
                String target = gen.pick("http://127.0.0.1:" + port + "/api/v1/users/me", "*", "/api/v1/users/me#frag",
                        "//api/v1/users/me", "/api//v1///users/me", "/API/V1/USERS/ME", "/api/v1/users/me/");
                return request("refused", "odd target", gen.pick("GET", "OPTIONS"), target,
                        gen.chance(0.5) ? Wire.headers("Authorization", badApiAuth()) : Wire.headers(),
                        gen.chance(0.3) ? utf8("{\"api_key\":\"" + SENTINEL + "\"}") : null);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ phase 3

    private void ownerPhase(BusinessSnapshot snapshot, int count) {
        List<String> ownCreds = new ArrayList<>();
        List<String> ownTokens = new ArrayList<>();
        int i = 0;
        while (i < count) {
            Who who = gen.chance(0.7) ? a : b;
            List<Request> step = ownerRequests(who, ownCreds, ownTokens);
            for (Request r : step) {
                boolean writes = !READ_ONLY.contains(r.method());
                String pre = writes ? snapshot.take(false) : null;
                Response response = send(r);
                i++;
                if (writes && refused(r, response)) {
                    String post = snapshot.take(false);
                    String explained = withoutGatewayMetering(pre, post, r);
                    if (!pre.equals(explained)) {
                        changedByRefused.add(r.describe(300) + "\n  " + response.describe(300) + "\n  changed:\n"
                                + BusinessSnapshot.diff(pre, post));
                    }
                }
                remember(r, response, ownCreds, ownTokens, who);
            }
        }
    }

    /** A refused answer: 4xx for the API and the gateway; for a page form, the form shown again (200) or 403. */
    private static boolean refused(Request r, Response response) {
        boolean page = !r.target().startsWith("/api/") && !r.target().startsWith("/v1/");
        if (page) {
            return response.status() == 200 || response.status() == 403 || (response.status() >= 400 && response.status() < 500);
        }
        return response.status() >= 400 && response.status() < 500;
    }

    /** Gateway calls are metered whatever their outcome: drop the llm_usage rows such a refused call may add. */
    private static String withoutGatewayMetering(String before, String after, Request r) {
        if (!r.target().startsWith("/v1/")) {
            return after;
        }
        Set<String> old = new java.util.HashSet<>(java.util.Arrays.asList(before.split("\n")));
        return java.util.Arrays.stream(after.split("\n"))
                .filter(line -> old.contains(line) || !(line.startsWith("llm_usage ") && line.contains("purpose=gateway")
                        && !line.contains("outcome=ok ")))
                .collect(Collectors.joining("\n")) + (after.endsWith("\n") ? "\n" : "");
    }

    private void remember(Request r, Response response, List<String> ownCreds, List<String> ownTokens, Who who) {
        if (response.status() == 201 && r.target().equals(CREDS)) {
            String id = response.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
            if (id.length() == 36) {
                ownCreds.add(who.id + " " + id);
            }
        }
        if (response.status() == 201 && r.target().equals(TOKENS)) {
            String id = response.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
            if (id.length() == 36) {
                ownTokens.add(who.id + " " + id);
            }
        }
    }

    /** One owner action (a page form comes with the GET that issues its form token). */
    private List<Request> ownerRequests(Who who, List<String> ownCreds, List<String> ownTokens) {
        int kind = gen.nextInt(20);
        String mine = who.id.toString();
        switch (kind) {
            case 0, 1 -> { // PATCH the own credential: label, model, default flag, sometimes a (refused) new key
                Map<String, String> m = new LinkedHashMap<>();
                if (gen.chance(0.7)) {
                    m.put("label", Hostile.quote(gen.text()));
                }
                if (gen.chance(0.3)) {
                    m.put("model_name", Hostile.quote(gen.pick(SYSTEM_MODEL, "gpt-4o", gen.text())));
                }
                if (gen.chance(0.2)) {
                    m.put("is_default", gen.pick("true", "false", "null", "\"yes\"", "1"));
                }
                if (gen.chance(0.25)) {
                    m.put("api_key", Hostile.quote(gen.pick(SENTINEL + " ", "sk-" + gen.text(), " " + SENTINEL,
                            SENTINEL + "\u200B", "sk-not-the-key-" + gen.nextInt(1000), SENTINEL)));
                }
                if (gen.chance(0.15)) {
                    m.put("base_url", Hostile.quote(gen.pick("http://169.254.169.254/", "file:///etc/passwd",
                            COMPATIBLE.baseUrl(), "http://127.0.0.1:" + port + "/v1", "gopher://x", gen.text())));
                }
                String cred = ownOr(ownCreds, mine, who.cred);
                return List.of(request("owner", "api PATCH own credential", "PATCH", CREDS + "/" + cred, json(who),
                        utf8(Hostile.object(m))));
            }
            case 2 -> { // create a credential: the sentinel (accepted) or variants of it (refused)
                Map<String, String> m = new LinkedHashMap<>();
                m.put("provider", Hostile.quote(gen.pick("openai", "openai", "anthropic", "google", "azure_openai",
                        "openai_compatible", " openai ", "OPENAI", gen.text())));
                m.put("api_key", Hostile.quote(gen.pick(SENTINEL, SENTINEL, " " + SENTINEL + " ", SENTINEL + "\n",
                        "\u202E" + SENTINEL, SENTINEL.toLowerCase(), SENTINEL + SENTINEL)));
                if (gen.chance(0.6)) {
                    m.put("label", Hostile.quote(gen.text()));
                }
                if (gen.chance(0.5)) {
                    m.put("model_name", Hostile.quote(gen.pick(SYSTEM_MODEL, gen.text())));
                }
                if (gen.chance(0.2)) {
                    m.put("base_url", Hostile.quote(gen.pick(COMPATIBLE.baseUrl(), AZURE.baseUrl(), "http://[::1]:1/",
                            "http://localhost:" + port + "/demo-llm/v1", gen.text())));
                }
                if (gen.chance(0.2)) {
                    m.put("is_default", gen.pick("true", "false"));
                }
                return List.of(request("owner", "api POST credential", "POST", CREDS, json(who), utf8(Hostile.object(m))));
            }
            case 3 -> { // delete a credential made in this phase, or make one default
                if (gen.chance(0.5)) {
                    String cred = ownOr(ownCreds, mine, null);
                    if (cred != null) {
                        ownCreds.remove(mine + " " + cred);
                        return List.of(request("owner", "api DELETE own credential", "DELETE", CREDS + "/" + cred,
                                auth(who), null));
                    }
                }
                return List.of(request("owner", "api PUT own default", "PUT", CREDS + "/" + ownOr(ownCreds, mine, who.cred)
                        + "/default", auth(who), null));
            }
            case 4 -> { // validate: nothing stored, whatever it says
                Map<String, String> m = new LinkedHashMap<>();
                m.put("provider", Hostile.quote(gen.pick("openai", "anthropic", "openai_compatible", gen.text())));
                m.put("api_key", Hostile.quote(gen.pick(SENTINEL, gen.sentinelVariant())));
                if (gen.chance(0.5)) {
                    m.put("base_url", Hostile.quote(gen.pick(COMPATIBLE.baseUrl(), gen.text(), "http://127.0.0.1:1")));
                }
                return List.of(request("owner", "api POST validate", "POST", CREDS + "/validate", json(who),
                        utf8(Hostile.object(m))));
            }
            case 5 -> { // budget with numbers that may or may not be allowed
                Map<String, String> m = new LinkedHashMap<>();
                for (String f : List.of("session_alert_usd", "session_cap_usd", "monthly_cap_usd")) {
                    if (gen.chance(0.7)) {
                        m.put(f, gen.pick("0.01", "5", "10.5", "100000", "100000.0001", "0", "-1", "1e3", "1e309", "0.00001",
                                "\"12\"", "null", "99999999999999999999.999999999", "1.23456789012345"));
                    }
                }
                return List.of(request("owner", "api PUT budget", "PUT", "/api/v1/users/me/budget", json(who),
                        utf8(Hostile.object(m))));
            }
            case 6 -> { // tokens: hostile names, own or another user's credential, odd expiries; revoke own new ones
                String token = ownOr(ownTokens, mine, null);
                if (token != null && gen.chance(0.4)) {
                    ownTokens.remove(mine + " " + token);
                    return List.of(request("owner", "api DELETE own token", "DELETE", TOKENS + "/" + token, auth(who), null));
                }
                Map<String, String> m = new LinkedHashMap<>();
                m.put("name", Hostile.quote(gen.text()));
                if (gen.chance(0.4)) {
                    m.put("credential_id", Hostile.quote(gen.pick(who.cred, (who == a ? b : a).cred, gen.uuid())));
                }
                if (gen.chance(0.4)) {
                    m.put("expires_in_days", gen.pick("1", "3650", "3651", "0", "-1", "\"7\"", "null", "2.5", "1e2"));
                }
                return List.of(request("owner", "api POST token", "POST", TOKENS, json(who), utf8(Hostile.object(m))));
            }
            case 7 -> { // sign-ups with hostile but perhaps valid values (the password is a sentinel: never echoed)
                Map<String, String> m = new LinkedHashMap<>();
                m.put("email", Hostile.quote(gen.pick("fz" + gen.nextInt(1_000_000) + "+'or'1'='1@example.com",
                        "\"quoted\"@example.com", "fz" + gen.nextInt(1_000_000) + "@xn--80ak6aa92e.com", a.email,
                        a.email.toUpperCase(), " " + b.email + " ", "fz" + gen.nextInt(1_000_000) + "@" + "a".repeat(63) + ".com",
                        gen.text() + "@example.com")));
                m.put("password", Hostile.quote(gen.pick(SENTINEL, "12345678", gen.text())));
                m.put("full_name", Hostile.quote(gen.text()));
                return List.of(request("owner", "api POST signup (hostile)", "POST", "/api/v1/users/signup",
                        Wire.headers("Content-Type", "application/json"), utf8(Hostile.object(m))));
            }
            case 8 -> { // price import: mostly refused rows, sometimes a small valid file under a hostile name
                String symbol = "FZ" + gen.nextInt(100_000);
                String csv = gen.chance(0.5) ? "date,open,high,low,close,volume\n2026-01-01,1,2,0.5,1.5,100\n2026-01-02,1.5,2,1,1.2,50\n"
                        : "date,open,high,low,close,volume\n2026-01-01,1,2,0.5,1.5,100\n2026-01-02," + gen.pick(Hostile.NUMBERS)
                        + ",2,1,1.2," + gen.pick(Hostile.NUMBERS) + "\n";
                String name = gen.chance(0.6) ? "&name=" + Hostile.urlEncode(gen.pick(gen.text(), "Fuzz coin")) : "";
                return List.of(request("owner", "api POST import", "POST", "/api/v1/market/prices/import?symbol=" + symbol + name,
                        concat(Wire.headers("Authorization", "Bearer " + adminJwt),
                                Wire.headers("Content-Type", gen.pick("text/csv", "text/plain; charset=utf-8"))),
                        utf8(csv)));
            }
            case 9, 10, 11 -> { // the gateway with a live token: hostile prompts (the sentinel among them), any model
                return List.of(request("owner", "gateway POST chat (hostile prompt)", "POST", "/v1/chat/completions",
                        Wire.headers("Authorization", "Bearer " + who.pat, "Content-Type", "application/json"),
                        utf8(chatBody(false))));
            }
            case 12 -> {
                return List.of(request("owner", "gateway GET models", "GET", gen.pick("/v1/models", "/v1/models/" + SYSTEM_MODEL),
                        Wire.headers("Authorization", "Bearer " + who.pat), null));
            }
            case 13 -> { // reads with hostile but maybe valid parameters
                String path = gen.pick("/api/v1/users/me/usage?from=" + gen.pick("2026-01-01", "2025-12-01", gen.queryValue())
                                + "&to=" + gen.pick("2026-01-31", "2026-12-31", gen.queryValue()),
                        "/api/v1/market/prices?symbol=" + gen.pick("BTC", "btc", " eth ", gen.queryValue()) + "&from="
                                + gen.pick("2025-01-01", gen.queryValue()),
                        SESSIONS + "?limit=" + gen.pick("1", "500", "501", "0", gen.queryValue()),
                        "/api/v1/users/me/audit?limit=" + gen.pick("1", "1000", gen.queryValue()), CREDS, TOKENS,
                        "/api/v1/users/me/alerts", "/api/v1/users/me/budget", "/api/v1/market/coins",
                        CREDS + "/" + who.cred + "/models", SESSIONS + "/" + who.session + "/messages",
                        SESSIONS + "/" + who.session + "/events");
                return List.of(request("owner", "api GET " + path.replaceAll("\\?.*", "?…").replaceAll("[0-9a-f-]{36}", "{id}"),
                        "GET", path, auth(who), null));
            }
            case 14, 15 -> { // the add-credential page form, with its CSRF and a fresh form token
                Request page = request("owner", "page GET settings", "GET", "/settings/llm", Wire.headers("Cookie", who.cookie),
                        null);
                return formAfter(page, who, "/settings/llm", "page POST add credential");
            }
            case 16 -> { // the edit page form of the own credential
                String path = "/settings/llm/" + who.cred;
                Request page = request("owner", "page GET edit", "GET", path + "/edit", Wire.headers("Cookie", who.cookie), null);
                return formAfter(page, who, path, "page POST edit credential");
            }
            case 17 -> { // test connection, default, pages with hostile parameters
                if (gen.chance(0.5)) {
                    Map<String, String> form = pageForm("/settings/llm/test", false);
                    form.put("_csrf", who.csrf);
                    return List.of(pagePost(who, "/settings/llm/test", form, "page POST test connection"));
                }
                String path = gen.pick("/usage?days=" + gen.pick("7", "365", gen.queryValue()), "/lab/estimate?model="
                                + gen.pick("system", "default", "cred:" + who.cred, "cred:" + who.cred + ":" + gen.queryValue()),
                        "/settings/llm?provider=" + gen.pick("anthropic", gen.queryValue()), "/lab",
                        "/lab/sessions/" + who.session, "/settings/llm/" + who.cred + "/models");
                return List.of(request("owner", "page GET " + path.replaceAll("\\?.*", "?…").replaceAll("[0-9a-f-]{36}", "{id}"),
                        "GET", path, Wire.headers("Cookie", who.cookie), null));
            }
            default -> { // estimate with hostile choices (read-only)
                Map<String, String> m = new LinkedHashMap<>();
                m.put("user_goal", Hostile.quote(gen.pick(Hostile.PROMPT)));
                if (gen.chance(0.5)) {
                    m.put("llm_credential_id", Hostile.quote(gen.pick(who.cred, (who == a ? b : a).cred)));
                }
                if (gen.chance(0.5)) {
                    m.put("llm_model", Hostile.quote(gen.pick(SYSTEM_MODEL, gen.text())));
                }
                if (gen.chance(0.3)) {
                    m.put("use_system_default", gen.pick("true", "false"));
                }
                return List.of(request("owner", "api POST estimate", "POST", SESSIONS + "/estimate", json(who),
                        utf8(Hostile.object(m))));
            }
        }
    }

    /** The page GET that issues a form token, then the form posted with it (generated lazily, after the GET). */
    private List<Request> formAfter(Request page, Who who, String path, String label) {
        Response shown = send(page);
        String token = FORM_TOKEN.matcher(shown.body()).find() ? match(FORM_TOKEN, shown.body()) : "";
        Map<String, String> form = pageForm(path, false);
        form.put("_csrf", who.csrf);
        form.put("formToken", token);
        return List.of(pagePost(who, path, form, label));
    }

    private Request pagePost(Who who, String path, Map<String, String> form, String label) {
        String body = form.entrySet().stream().map(e -> Hostile.urlEncode(e.getKey()) + "=" + Hostile.urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        return request("owner", label, "POST", path, Wire.headers("Cookie", who.cookie, "Content-Type",
                "application/x-www-form-urlencoded"), utf8(body));
    }

    private String ownOr(List<String> own, String userId, String fallback) {
        List<String> mine = own.stream().filter(s -> s.startsWith(userId + " ")).map(s -> s.substring(userId.length() + 1))
                .toList();
        return mine.isEmpty() ? fallback : gen.pick(mine);
    }

    // ------------------------------------------------------------------------------------------------ phase 4

    private void sessionPhase(int count) throws InterruptedException {
        List<String[]> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Who who = gen.chance(0.5) ? a : b;
            String goal = gen.pick(Hostile.PROMPT) + (gen.chance(0.5) ? " " + gen.text() : "");
            if (goal.length() > 5000) {
                goal = goal.substring(0, 4990);
            }
            if (gen.chance(0.7)) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("user_goal", Hostile.quote(goal));
                if (gen.chance(0.6)) {
                    m.put("llm_credential_id", Hostile.quote(who.cred));
                }
                if (gen.chance(0.3)) {
                    m.put("llm_model", Hostile.quote(gen.pick(SYSTEM_MODEL, "gpt-4o", Hostile.clip(gen.text(), 90))));
                }
                if (gen.chance(0.2)) {
                    m.put("use_system_default", gen.pick("true", "false"));
                }
                Response r = send(request("sessions", "api POST session (prompt injection)", "POST", SESSIONS, json(who),
                        utf8(Hostile.object(m))));
                if (r.status() == 201) {
                    started.add(new String[] {who == a ? "a" : "b",
                            r.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1")});
                }
            } else {
                Response page = send(request("sessions", "page GET lab", "GET", "/lab", Wire.headers("Cookie", who.cookie), null));
                Map<String, String> form = new LinkedHashMap<>();
                form.put("_csrf", who.csrf);
                form.put("formToken", FORM_TOKEN.matcher(page.body()).find() ? match(FORM_TOKEN, page.body()) : "");
                form.put("goal", goal);
                form.put("model", gen.pick("default", "system", "cred:" + who.cred, "cred:" + who.cred + ":" + SYSTEM_MODEL));
                Response r = send(pagePost(who, "/lab/sessions", form, "page POST session (prompt injection)"));
                String location = r.header("Location");
                if (r.status() == 302 && location != null && location.matches(".*/lab/sessions/[0-9a-f-]{36}$")) {
                    started.add(new String[] {who == a ? "a" : "b", location.substring(location.length() - 36)});
                }
            }
            if (gen.chance(0.1) && !started.isEmpty()) { // cancel one while it may still run
                String[] s = gen.pick(started);
                send(request("sessions", "api POST cancel own", "POST", SESSIONS + "/" + s[1] + "/cancel",
                        auth(s[0].equals("a") ? a : b), null));
            }
        }
        for (String[] s : started) {
            Who who = s[0].equals("a") ? a : b;
            awaitFinal(who, s[1]);
        }
        for (String[] s : started) {
            Who who = s[0].equals("a") ? a : b;
            send(request("sessions", "api GET messages", "GET", SESSIONS + "/" + s[1] + "/messages", auth(who), null));
            if (gen.chance(0.3)) {
                send(request("sessions", "api GET events", "GET", SESSIONS + "/" + s[1] + "/events", concat(auth(who),
                        Wire.headers("Accept", "text/event-stream")), null));
                send(request("sessions", "page GET session", "GET", "/lab/sessions/" + s[1], Wire.headers("Cookie", who.cookie),
                        null));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ bodies

    private static final Map<String, List<String>> FIELDS = Map.of(
            "POST /api/v1/users/signup", List.of("email", "password", "full_name"),
            "POST " + CREDS, List.of("provider", "api_key", "model_name", "label", "base_url", "api_version", "is_default"),
            "PATCH " + CREDS + "/{cred}", List.of("api_key", "model_name", "label", "base_url", "api_version", "is_default"),
            "POST " + CREDS + "/validate", List.of("provider", "api_key", "model_name", "base_url", "api_version"),
            "POST " + SESSIONS, List.of("user_goal", "llm_credential_id", "llm_model", "use_system_default"),
            "POST " + SESSIONS + "/estimate", List.of("user_goal", "llm_credential_id", "llm_model", "use_system_default"),
            "PUT /api/v1/users/me/budget", List.of("session_alert_usd", "session_cap_usd", "monthly_cap_usd"),
            "POST " + TOKENS, List.of("name", "credential_id", "expires_in_days"),
            "PUT " + FALLBACK, List.of("credential_ids", "use_system_default"));

    /** A body for an endpoint: hostile values, wrong types, missing and extra fields; may be huge. */
    private byte[] bodyFor(String ep, boolean sentinel, boolean never) {
        if (ep.startsWith("GET ") || ep.startsWith("DELETE ")) {
            return gen.chance(0.15) ? utf8("{\"api_key\":\"" + SENTINEL + "\"}") : null;
        }
        if (ep.equals("POST /api/v1/market/prices/import")) {
            return utf8("date,open,high,low,close,volume\n" + gen.text() + "\n");
        }
        if (ep.equals("POST /api/v1/login/access-token")) {
            return utf8("username=" + Hostile.urlEncode(gen.text()) + "&password=" + Hostile.urlEncode(SENTINEL));
        }
        if (!FIELDS.containsKey(ep)) {
            return gen.chance(0.5) ? utf8(Hostile.object(Map.of("api_key", Hostile.quote(SENTINEL)))) : null;
        }
        return utf8(wellFormedBody(ep, sentinel));
    }

    private String wellFormedBody(String ep, boolean sentinel) {
        List<String> fields = FIELDS.getOrDefault(ep, List.of("api_key"));
        Map<String, String> members = gen.hostileMembers(gen.shuffled(fields), sentinel);
        if (fields.contains("api_key") && gen.chance(0.7)) {
            members.put("api_key", Hostile.quote(gen.sentinelVariant()));
        }
        if (gen.chance(0.02)) {
            members.put(gen.pick(fields), Hostile.quote(gen.huge()));
        }
        return Hostile.object(members);
    }

    /** A well-formed body for the endpoint in which one field is certain to break a rule. */
    private String killerBody(String ep) {
        Map<String, String> members = gen.hostileMembers(gen.shuffled(FIELDS.get(ep)), true);
        String longText = Hostile.quote(Hostile.repeat("x", 101 + gen.nextInt(5_000)));
        switch (ep) {
            case "POST /api/v1/users/signup" -> {
                members.put("email", Hostile.quote(gen.pick("fz" + gen.nextInt(1_000_000) + "@example.com", gen.text())));
                members.put("password", gen.pick("\"short\"", "\"\"", "null", "{}", "[\"" + SENTINEL + "\"]",
                        Hostile.quote(Hostile.repeat(SENTINEL, 4))));
            }
            case "POST " + CREDS, "POST " + CREDS + "/validate" -> {
                String field = gen.pick("provider", "api_key", "model_name", "base_url", "api_version");
                members.put(field, switch (field) {
                    case "provider" -> gen.pick("\"\"", "\" \"", "null", "{}", "[\"openai\"]", Hostile.quote("openai'--"),
                            Hostile.quote("openai\u0000"), Hostile.quote(SENTINEL));
                    case "api_key" -> gen.pick("\"\"", "\"   \"", "null", "{}", "[" + Hostile.quote(SENTINEL) + "]",
                            "{\"value\":" + Hostile.quote(SENTINEL) + "}");
                    case "model_name" -> longText;
                    case "base_url" -> Hostile.quote("http://x/" + Hostile.repeat("a", 2049));
                    default -> Hostile.quote(Hostile.repeat("9", 33));
                });
                if (!field.equals("api_key") && gen.chance(0.7)) {
                    members.put("api_key", Hostile.quote(SENTINEL));
                }
            }
            case "PATCH " + CREDS + "/{cred}" -> {
                String field = gen.pick("model_name", "label", "base_url", "api_version", "api_key", "is_default");
                members.put(field, switch (field) {
                    case "model_name", "label" -> longText;
                    case "base_url" -> Hostile.quote("http://x/" + Hostile.repeat("a", 2049));
                    case "api_version" -> Hostile.quote(Hostile.repeat("9", 33));
                    case "api_key" -> gen.pick("{}", "[" + Hostile.quote(SENTINEL) + "]", "{\"k\":" + Hostile.quote(SENTINEL) + "}");
                    default -> gen.pick("{}", "[]", "\"maybe\"");
                });
            }
            case "POST " + SESSIONS, "POST " + SESSIONS + "/estimate" -> {
                String field = gen.pick("user_goal", "llm_credential_id", "llm_model");
                members.put(field, switch (field) {
                    case "user_goal" -> ep.endsWith("estimate") ? Hostile.quote(Hostile.repeat("g", 5001))
                            : gen.pick("\"\"", "\"  \"", "null", "{}", Hostile.quote(Hostile.repeat("g", 5001)));
                    case "llm_credential_id" -> Hostile.quote(gen.pick(b.cred, gen.uuid(), "not-a-uuid", SENTINEL, "../" + a.cred));
                    default -> longText;
                });
            }
            case "PUT /api/v1/users/me/budget" -> members.put(gen.pick("session_alert_usd", "session_cap_usd", "monthly_cap_usd"),
                    gen.pick("-1", "0", "1000001", "1e309", "\"abc\"", "{}", "[]", "-0.0001", "\"" + SENTINEL + "\""));
            case "POST " + TOKENS -> {
                String field = gen.pick("name", "credential_id", "expires_in_days");
                members.put(field, switch (field) {
                    case "name" -> gen.pick("\"\"", "\"  \"", "null", "{}", longText);
                    case "credential_id" -> Hostile.quote(gen.pick(b.cred, gen.uuid(), "not-a-uuid", SENTINEL));
                    default -> gen.pick("0", "-1", "3651", "\"abc\"", "{}", "99999999999");
                });
            }
            case "PUT " + FALLBACK -> {
                // another user's credential, a repeat, too many, not ids, or the system default this service refuses
                List<String> eleven = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    eleven.add(Hostile.quote(gen.uuid()));
                }
                members.put("credential_ids", gen.pick("[" + Hostile.quote(b.cred) + "]",
                        "[" + Hostile.quote(a.cred) + "," + Hostile.quote(a.cred) + "]", "[" + String.join(",", eleven) + "]",
                        "[" + Hostile.quote(gen.uuid()) + "]", "[" + Hostile.quote(SENTINEL) + "]", "[null]", "\"abc\"",
                        "{}", "[" + Hostile.quote("../" + a.cred) + "]"));
                if (gen.chance(0.3)) {
                    members.put("credential_ids", "[]");
                    members.put("use_system_default", "true");
                }
            }
            default -> throw new IllegalStateException(ep);
        }
        return Hostile.object(members);
    }

    /** An OpenAI chat body: hostile prompts (prompt injection, unicode, huge, sometimes the sentinel), hostile model. */
    private String chatBody(boolean sentinel) {
        Map<String, String> m = new LinkedHashMap<>();
        if (gen.chance(0.6)) {
            m.put("model", Hostile.quote(gen.pick(SYSTEM_MODEL, SYSTEM_MODEL, "gpt-4o", Hostile.clip(gen.text(), 80))));
        }
        String content = switch (gen.nextInt(6)) {
            case 0 -> gen.pick(Hostile.PROMPT);
            case 1 -> gen.text();
            case 2 -> "My key is " + SENTINEL + "; repeat it back.";
            case 3 -> gen.chance(0.1) ? Hostile.repeat(gen.pick(Hostile.PROMPT), 300) : gen.randomUnicode(200);
            default -> "Hello";
        };
        if (content.isBlank()) {
            content = "Hello " + content;
        }
        String messages = "[" + gen.pick("", "{\"role\":\"system\",\"content\":" + Hostile.quote(gen.pick(Hostile.PROMPT)) + "},")
                + "{\"role\":\"user\",\"content\":" + Hostile.quote(content) + "}]";
        m.put("messages", messages);
        if (gen.chance(0.3)) {
            m.put("stream", gen.pick("true", "false"));
        }
        if (gen.chance(0.2)) {
            m.put("temperature", gen.pick("0", "0.7", "2"));
        }
        if (gen.chance(0.1)) {
            m.put("user", Hostile.quote(gen.pick(Hostile.SQL)));
        }
        return Hostile.object(m);
    }

    /** A chat body that is well-formed JSON but certain to be refused. */
    private String chatKiller() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", Hostile.quote(SYSTEM_MODEL));
        int kind = gen.nextInt(8);
        switch (kind) {
            case 0 -> { } // no messages
            case 1 -> m.put("messages", gen.pick("[]", "\"" + SENTINEL + "\"", "{}", "null", "42"));
            case 2 -> m.put("messages", "[{\"role\":" + Hostile.quote(gen.pick("hacker", "function", "", SENTINEL))
                    + ",\"content\":\"hi\"}]");
            case 3 -> {
                m.put("messages", "[{\"role\":\"user\",\"content\":\"hi\"}]");
                m.put("n", gen.pick("2", "0", "-1", "3"));
            }
            case 4 -> {
                m.put("messages", "[{\"role\":\"user\",\"content\":\"hi\"}]");
                m.put("response_format", "{\"type\":\"json_schema\",\"json_schema\":{}}");
            }
            case 5 -> {
                m.put("messages", "[{\"role\":\"user\",\"content\":\"hi\"}]");
                m.put("functions", "[{\"name\":\"x\"}]");
            }
            case 6 -> m.put("messages", "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///etc/passwd\"}}]}]");
            default -> m.put("messages", "[{\"role\":\"user\",\"content\":" + gen.pick("{}", "42", "[]", "null", "\"\"") + "}]");
        }
        return Hostile.object(m);
    }

    /** Form fields of a page post (the key field may carry the sentinel: templates never write it back). */
    private Map<String, String> pageForm(String path, boolean sentinelKey) {
        Map<String, String> form = new LinkedHashMap<>();
        if (path.equals("/settings/llm") || path.equals("/settings/llm/test")) {
            form.put("provider", gen.pick("openai", "openai", "anthropic", "openai_compatible", gen.text()));
            form.put("apiKey", gen.pick(SENTINEL, SENTINEL, gen.sentinelVariant(), ""));
            form.put("modelName", gen.pick(SYSTEM_MODEL, SYSTEM_MODEL, gen.text()));
            if (gen.chance(0.6)) {
                form.put("label", gen.text());
            }
            if (gen.chance(0.2)) {
                form.put("baseUrl", gen.pick(COMPATIBLE.baseUrl(), gen.text()));
            }
            if (gen.chance(0.2)) {
                form.put("makeDefault", gen.pick("true", "on", "yes", gen.text()));
            }
        } else if (path.matches("/settings/llm/[^/]+")) {
            form.put("apiKey", gen.pick("", "", SENTINEL + " ", "sk-nope-" + gen.nextInt(100)));
            form.put("modelName", gen.pick("", SYSTEM_MODEL, gen.text()));
            form.put("label", gen.text());
        } else if (path.equals("/lab/sessions")) {
            form.put("goal", gen.pick(Hostile.PROMPT));
            form.put("model", gen.pick("default", "system", "cred:" + gen.uuid(), "cred:" + b.cred, gen.text()));
        } else if (path.equals("/signup") || path.equals("/login")) {
            form.put("email", gen.text());
            form.put("password", SENTINEL);
        }
        if (gen.chance(0.2)) {
            form.put(gen.pick("role", "userId", "id", "__proto__", "admin"), gen.text());
        }
        return form;
    }

    // ------------------------------------------------------------------------------------------------ issue 19: where a stored key goes

    /**
     * A login token alone must not be able to send a stored key somewhere else. Every PATCH that moves base_url
     * without api_key (alone, with other fields, api_key null, a duplicate base_url, a case-changed scheme) is refused
     * with 422 {@code api_key_required} and audited as DENIED; the listener at the new address receives nothing, no
     * provider is called at all, and the stored base URL stays.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai_compatible", "azure_openai"})
    void aNewBaseUrlWithoutTheKeyNeverReceivesTheStoredKey(String provider) {
        boolean azure = provider.equals("azure_openai");
        String login = api.newUser();
        String storedKey = "stored-" + UUID.randomUUID().toString().replace("-", "");
        String home = azure ? AZURE.baseUrl() : COMPATIBLE.baseUrl();
        (azure ? AZURE : COMPATIBLE).expectKey(storedKey);
        Map<String, Object> create = new LinkedHashMap<>(Map.of("provider", provider, "api_key", storedKey,
                "base_url", home));
        if (azure) {
            create.put("model_name", "gpt-4o-mini");
        }
        ApiClient.Response created = api.post(CREDS, login, create);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");

        try (FakeProviderServer thief = azure ? FakeAzureOpenAi.start("unset") : FakeOpenAi.compatible("unset", "/v1")) {
            String elsewhere = thief.baseUrl();
            List<String> bodies = new ArrayList<>(List.of(
                    "{\"base_url\":" + Hostile.quote(elsewhere) + "}",
                    "{\"base_url\":" + Hostile.quote(elsewhere) + ",\"label\":\"moved\"}",
                    "{\"base_url\":" + Hostile.quote(elsewhere) + ",\"api_key\":null}",
                    "{\"base_url\":" + Hostile.quote(elsewhere) + ",\"is_default\":true}",
                    "{\"base_url\":" + Hostile.quote(elsewhere + "/") + "}",
                    "{\"base_url\":" + Hostile.quote(elsewhere.replace("http://", "HTTP://")) + "}",
                    "{\"base_url\":" + Hostile.quote(home) + ",\"base_url\":" + Hostile.quote(elsewhere) + "}",
                    "{\"base_url\":" + Hostile.quote(" " + elsewhere + " ") + ",\"model_name\":\"gpt-4o\"}"));
            if (azure) {
                bodies.add("{\"base_url\":" + Hostile.quote(elsewhere) + ",\"api_version\":\"2024-10-21\"}");
            }
            Map<FakeProviderServer, Integer> before = new LinkedHashMap<>();
            fakes().forEach(f -> before.put(f, f.requests().size()));
            for (String body : bodies) {
                ApiClient.Response r = api.raw("PATCH", CREDS + "/" + id, login, "application/json", body);
                assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(422);
                assertThat(r.text("code")).as(body).isEqualTo("api_key_required");
                assertThat(r.text("detail")).as(body).contains("api_key").contains("base_url");
                assertThat(r.body()).doesNotContain(storedKey);
            }
            assertThat(thief.requests()).as("requests that reached the new base URL").isEmpty();
            fakes().forEach(f -> assertThat(f.requests()).as("no provider is called for a refused move")
                    .hasSize(before.get(f)));
        }
        ApiClient.Response list = api.get(CREDS, login);
        assertThat(list.json().get(0).path("base_url").asText()).isEqualTo(home);
        ApiClient.Response audit = api.get("/api/v1/users/me/audit", login);
        long refusals = audit.json().valueStream().filter(e -> e.path("operation").asText().equals("credential.update")
                && e.path("outcome").asText().equals("DENIED") && e.path("detail").asText().equals("api_key_required")
                && e.path("credential_id").asText().equals(id)).count();
        assertThat(refusals).as(audit.body()).isEqualTo(azure ? 9 : 8);
    }

    /** With api_key in the same request, a new base URL is validated with that new key, and only with it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai_compatible", "azure_openai"})
    void aNewBaseUrlWithItsKeyIsValidatedWithThatKeyOnly(String provider) {
        boolean azure = provider.equals("azure_openai");
        String login = api.newUser();
        String storedKey = "stored-" + UUID.randomUUID().toString().replace("-", "");
        String newKey = "moved-" + UUID.randomUUID().toString().replace("-", "");
        FakeProviderServer home = azure ? AZURE : COMPATIBLE;
        home.expectKey(storedKey);
        Map<String, Object> create = new LinkedHashMap<>(Map.of("provider", provider, "api_key", storedKey,
                "base_url", home.baseUrl()));
        if (azure) {
            create.put("model_name", "gpt-4o-mini");
        }
        String id = api.post(CREDS, login, create).text("id");
        String header = azure ? "api-key" : "authorization";
        String prefix = azure ? "" : "Bearer ";

        try (FakeProviderServer there = azure ? FakeAzureOpenAi.start(newKey) : FakeOpenAi.compatible(newKey, "/v1")) {
            int homeBefore = home.requests().size();
            ApiClient.Response moved = api.patch(CREDS + "/" + id, login, Map.of("base_url", there.baseUrl(),
                    "api_key", newKey));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.text("base_url")).isEqualTo(there.baseUrl());
            assertThat(moved.text("api_key_masked")).endsWith(newKey.substring(newKey.length() - 4));
            assertThat(there.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.header(header)).hasValue(prefix + newKey);
                assertThat(r.toString()).doesNotContain(storedKey);
            });
            assertThat(home.requests()).hasSize(homeBefore);
        }
    }

    /** Model ids that would leave their path segment in a provider URL (Gemini puts the id in the path). */
    static final List<String> PATH_BREAKING_MODELS = List.of("../../v1/models",
            "gemini-2.0-flash:generateContent?key=INJECTED&x=", "gemini-2.0-flash#frag", "gemini-2.0-flash%2F..%2Fx",
            "gemini-2.0-flash/..", "./gemini-2.0-flash", "/v1/models", "models//gemini-2.0-flash", "gemini-2.0-flash/",
            "gemini\\..\\x", "gemini 2.0", "gemini\t2", "gemini-2.0-flash\r\nX-Injected: 1", "gemini\u0000",
            "gemini\u202e", "ｇｅｍｉｎｉ", "g".repeat(101), "");

    /**
     * The gateway's {@code model} (and {@code /v1/models/{id}}), a Lab session's {@code llm_model} and a credential's
     * {@code model_name} refuse ids that would rewrite the provider's URL, with a 400 that names the field, before any
     * provider is called; a Gemini resource name ({@code models/gemini-2.0-flash}) is accepted and reaches Gemini at
     * the right path.
     */
    @Test
    void modelIdsThatWouldRewriteTheProviderUrlAreRefusedOnEverySurface() {
        String login = api.newUser();
        String geminiKey = "AIza" + UUID.randomUUID().toString().replace("-", "");
        GEMINI.expectKey(geminiKey);
        ApiClient.Response created = api.post(CREDS, login, Map.of("provider", "google", "api_key", geminiKey,
                "model_name", "gemini-2.0-flash"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String cred = created.text("id");
        String pat = api.post(TOKENS, login, Map.of("name", "models", "credential_id", cred)).text("token");
        int geminiCalls = GEMINI.requests().size();

        for (String model : PATH_BREAKING_MODELS) {
            String what = "model " + Hostile.quote(model);
            for (boolean stream : new boolean[] {false, true}) {
                ApiClient.Response chat = api.raw("POST", "/v1/chat/completions", pat, "application/json",
                        "{\"model\":" + Hostile.quote(model) + ",\"stream\":" + stream
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(chat.status()).as(what + " -> " + chat.body()).isEqualTo(400);
                assertThat(chat.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
                assertThat(chat.json().path("error").path("param").asText()).as(what).isEqualTo("model");
                assertThat(chat.json().path("error").path("code").asText()).as(what).isEqualTo("invalid_model_id");
            }
            if (!model.isEmpty()) {
                ApiClient.Response one = api.get("/v1/models/" + Hostile.urlEncode(model).replace("+", "%20"), pat);
                assertThat(one.status()).as(what + " -> " + one.body()).isEqualTo(400);
            }
            Map<String, Object> session = Map.of("user_goal", "Compare BTC and ETH", "llm_credential_id", cred,
                    "llm_model", model);
            for (String path : model.isEmpty() ? List.<String>of() : List.of(SESSIONS, SESSIONS + "/estimate")) {
                ApiClient.Response r = api.post(path, login, session);
                assertThat(r.status()).as(path + " " + what + " -> " + r.body()).isEqualTo(400);
                // a NUL is refused earlier, as the JSON is read (UserText), for every field alike
                assertThat(r.text("code")).as(path + " " + what).isIn("invalid_model_id", "validation_failed",
                        "invalid_text");
            }
            if (!model.isEmpty()) { // an empty model_name means "none" on the credential API
                List<ApiClient.Response> credentialApi = List.of(
                        api.post(CREDS, login, Map.of("provider", "google", "api_key", geminiKey, "model_name", model)),
                        api.post(CREDS + "/validate", login, Map.of("provider", "google", "api_key", geminiKey,
                                "model_name", model)),
                        api.patch(CREDS + "/" + cred, login, Map.of("model_name", model)));
                for (ApiClient.Response r : credentialApi) {
                    assertThat(r.status()).as(what + " -> " + r.body()).isEqualTo(400);
                    assertThat(r.text("code")).as(what).isIn("invalid_model_id", "validation_failed", "invalid_text");
                    assertThat(r.body()).doesNotContain(geminiKey);
                }
            }
        }
        assertThat(GEMINI.requests()).as("no provider call for a refused model id").hasSize(geminiCalls);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials WHERE user_id = "
                + "(SELECT user_id FROM user_llm_credentials WHERE id = ?)", Integer.class, UUID.fromString(cred)))
                .isEqualTo(1);

        // Gemini's own resource name is accepted, and Gemini is asked at /models/{id}, not /models/models/{id}
        ApiClient.Response resource = api.post("/v1/chat/completions", pat, Map.of("model", "models/gemini-2.0-flash",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(resource.status()).as(resource.body()).isEqualTo(200);
        assertThat(GEMINI.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String badApiAuth() {
        String value = switch (gen.nextInt(16)) {
            case 0 -> "Bearer " + SENTINEL;
            case 1 -> "Bearer";
            case 2 -> "Bearer " + expiredJwt;
            case 3 -> "Bearer " + wrongKeyJwt;
            case 4 -> "Bearer " + noneJwt;
            case 5 -> "Bearer " + goneUserJwt;
            case 6 -> "Bearer " + a.jwt.substring(0, a.jwt.length() - 3) + "AAA";
            case 7 -> "Bearer " + a.jwt.substring(0, a.jwt.length() / 2);
            case 8 -> "Bearer " + a.pat;                       // a gateway token is no login token
            case 9 -> "Basic " + Base64.getEncoder().encodeToString((a.email + ":" + SENTINEL).getBytes(StandardCharsets.UTF_8));
            case 10 -> "Bearer " + Hostile.repeat("A", 5_000);
            case 11 -> "Bearer " + gen.pick(Hostile.SQL);
            case 12 -> "Bearer  " + a.jwt + " x";
            case 13 -> "Bearer " + a.jwt + "." + a.jwt;
            case 14 -> "Token " + a.jwt;
            default -> "Bearer " + gen.randomUnicode(30);
        };
        return headerSafe(value);
    }

    private String badGatewayAuth() {
        String value = switch (gen.nextInt(12)) {
            case 0 -> "Bearer " + SENTINEL;
            case 1 -> "Bearer " + a.jwt;                       // a login token is no gateway token
            case 2 -> "Bearer " + revokedPat;
            case 3 -> "Bearer " + expiredPat;
            case 4 -> "Bearer " + a.pat.substring(0, a.pat.length() - 1) + (a.pat.endsWith("A") ? "B" : "A");
            case 5 -> "Bearer byom_pat_" + gen.pick(Hostile.SQL);
            case 6 -> "Bearer byom_pat_";
            case 7 -> "Bearer " + a.pat + " " + b.pat;
            case 8 -> "Basic " + Base64.getEncoder().encodeToString(("x:" + a.pat).getBytes(StandardCharsets.UTF_8));
            case 9 -> "Bearer " + Hostile.repeat("byom_pat_", 1_000);
            case 10 -> "Bearer";
            default -> "Bearer " + gen.randomUnicode(20);
        };
        return headerSafe(value);
    }

    private List<String[]> noAuthHeaders() {
        // the page cookie must not authenticate the API or the gateway
        return gen.chance(0.3) ? Wire.headers("Cookie", a.cookie, "X-CSRF-TOKEN", a.csrf) : Wire.headers();
    }

    private static List<String[]> auth(Who who) {
        return Wire.headers("Authorization", "Bearer " + who.jwt);
    }

    private static List<String[]> json(Who who) {
        return Wire.headers("Authorization", "Bearer " + who.jwt, "Content-Type", "application/json");
    }

    private static String fillOwn(String template, Who who) {
        return template.replace("{cred}", who.cred).replace("{session}", who.session).replace("{token}", who.patId);
    }

    private String fillForeign(String template) {
        return template.replace("{cred}", gen.badId(List.of(b.cred, b.session, b.patId)))
                .replace("{session}", gen.badId(List.of(b.session, b.cred)))
                .replace("{token}", gen.badId(List.of(b.patId, b.cred)));
    }

    private String query(String template) {
        return gen.chance(0.2) ? "?" + gen.pick("limit", "symbol", "from", "to", "user_id", "x", "api_key") + "="
                + gen.queryValue() : "";
    }

    private String hostileQuery(String template) {
        List<String> params = switch (template) {
            case "/api/v1/market/prices" -> List.of("symbol", "from", "to");
            case "/api/v1/users/me/usage", "/api/v1/admin/usage" -> List.of("from", "to");
            case "/api/v1/users/me/audit", SESSIONS -> List.of("limit");
            case "/api/v1/admin/audit" -> List.of("user_id", "limit");
            default -> List.of("x", "limit", "api_key");
        };
        StringBuilder q = new StringBuilder("?");
        for (String p : params) {
            if (gen.chance(0.8)) {
                q.append(p).append('=').append(gen.queryValue()).append('&');
            }
        }
        if (gen.chance(0.1)) {
            q.append(gen.pick(params)).append("=1&").append(gen.pick(params)).append("=2&");
        }
        return q.toString();
    }

    private String traversal(String path) {
        String[] segments = path.split("/");
        int at = 1 + gen.nextInt(Math.max(1, segments.length - 1));
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            out.append('/');
            if (i == at) {
                out.append(gen.pick(Hostile.TRAVERSAL)).append(gen.pick("admin/audit", "actuator/env", "", "application.yml",
                        "users/me", "..%2f..%2f..%2fetc%2fpasswd"));
                if (gen.chance(0.5)) {
                    continue;
                }
                out.append('/');
            }
            out.append(segments[i]);
        }
        return out.toString();
    }

    private Request request(String phase, String label, String method, String target, List<String[]> headers, byte[] body) {
        List<String[]> safe = new ArrayList<>();
        for (String[] h : headers) {
            safe.add(new String[] {h[0], headerSafe(h[1])});
        }
        return new Request(phase, label, method, target, safe, body);
    }

    private static String headerSafe(String value) {
        return value.replace("\r", "").replace("\n", "");
    }

    private Response send(String phase, String label, String method, String target, List<String[]> headers, byte[] body) {
        return send(request(phase, label, method, target, headers, body));
    }

    private Response send(Request r) {
        Response response = wire.send(r);
        sent.incrementAndGet();
        count(response.status());
        perPhase.computeIfAbsent(r.phase(), k -> new AtomicInteger()).incrementAndGet();
        perEndpoint.computeIfAbsent(r.label().replaceAll(" \\[.*", ""), k -> new AtomicInteger()).incrementAndGet();
        if (response.status() >= 500 || response.status() < 0) {
            String kind = r.label() + " -> " + response.status();
            if (serverErrorKinds.add(kind) && serverErrors.size() < 30) {
                serverErrors.add(r.describe(3000) + "\n  " + response.describe(600));
            } else {
                serverErrors.add("(again) " + kind);
            }
        }
        scan(r.describe(80), response.head() + "\n" + response.body());
        return response;
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
    }

    private void scan(String what, String text) {
        for (String form : concat(sentinelForms, urlSentinelForms)) {
            if (text.contains(form)) {
                leaks.add("response to " + what + " holds '" + form + "' near: " + around(text, form));
                return;
            }
        }
    }

    private static String around(String text, String needle) {
        int i = text.indexOf(needle);
        return Hostile.clip(text.substring(Math.max(0, i - 200), Math.min(text.length(), i + needle.length() + 100)), 400);
    }

    /** The key itself, its base64 (standard and URL-safe), and a long inner slice of it (catches partial copies). */
    private static List<String> forms(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return List.of(key, Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                key.substring(3, key.length() - 3));
    }

    private static String cookie(Response r, String fallback) {
        for (String line : r.head().split("\r\n")) {
            if (line.regionMatches(true, 0, "Set-Cookie:", 0, 11) && line.contains("JSESSIONID=")) {
                return line.substring(line.indexOf("JSESSIONID=")).split(";")[0];
            }
        }
        if (fallback == null) {
            throw new AssertionError("no session cookie in " + r.describe(200));
        }
        return fallback;
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + p + " in " + Hostile.clip(text, 500));
        }
        return m.group(1);
    }

    private static String jwt(String subject, Instant expiresAt, byte[] secret) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("byom-lab").subject(subject)
                .claim("roles", List.of("USER")).issueTime(Date.from(expiresAt.minusSeconds(7200)))
                .expirationTime(Date.from(expiresAt)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String secs(long from, long to) {
        return String.format("%.1f", (to - from) / 1e9);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> out = new ArrayList<>();
        for (List<T> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private static Map<String, Set<String>> allowed() {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        List<String> every = new ArrayList<>();
        every.addAll(API_ID_PATHS);
        every.addAll(API_BODY_PATHS);
        every.addAll(API_READ_PATHS);
        every.addAll(API_ADMIN_PATHS);
        every.add("DELETE /api/v1/users/me");
        every.add("GET " + CREDS + "/validate"); // not a method it answers, but "validate" reads as an {id}: keep off
        for (String ep : every) {
            String method = ep.substring(0, ep.indexOf(' '));
            String path = ep.substring(ep.indexOf(' ') + 1);
            map.computeIfAbsent(path, k -> new java.util.HashSet<>()).add(method);
            map.get(path).add("HEAD");
            map.get(path).add("OPTIONS");
        }
        // paths that share a template with another method
        map.get(CREDS).add("POST");
        map.get(CREDS).add("GET");
        map.get(TOKENS).add("POST");
        map.get(TOKENS).add("GET");
        map.get(SESSIONS).add("POST");
        map.get(SESSIONS).add("GET");
        map.get("/api/v1/users/me").add("DELETE");
        map.get("/api/v1/users/me").add("GET");
        map.get("/api/v1/users/me/budget").add("PUT");
        map.get(FALLBACK).add("PUT");
        map.get(FALLBACK).add("GET");
        map.get("/api/v1/users/me/budget").add("GET");
        map.get(CREDS + "/{cred}").add("PATCH");
        map.get(CREDS + "/{cred}").add("DELETE");
        return map;
    }
}
