package com.byomlab.web;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.RawHttp;
import com.byomlab.testsupport.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request body is capped by route before it is read (issue 19, item 2): a declared {@code Content-Length} over
 * the cap is refused without reading a byte of the body, a chunked body is counted as it streams, and either way the
 * answer is a 413 with the API's security headers. The fuzz test drives the same caps on the main endpoints
 * ({@code HostileInputFuzzTest}); this test pins the route groups, the page forms and the answer's shape.
 */
class RequestBodyLimitTest extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MB = 1024 * 1024;
    private RawHttp raw;

    @BeforeEach
    void rawClient() {
        raw = new RawHttp(port);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedWithoutReadingTheBody() {
        // 40 MB promised, none sent: only a server that refuses before reading answers at all
        Answer r = raw.send("POST /api/v1/users/signup HTTP/1.1", null, "Content-Type: application/json",
                "Content-Length: 40000000");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("code").asText()).isEqualTo("payload_too_large");
        assertThat(body.path("detail").asText()).contains("16 KB");
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void aChunkedSignupIsCountedAsItStreamsAndRefusedAtTheCap() {
        Answer r = raw.streamChunked("POST /api/v1/users/signup HTTP/1.1",
                utf8("{\"email\":\"chunked@example.com\",\"password\":\"correct-horse-9\",\"full_name\":\""),
                filler(64 * 1024), 3L * MB, new AtomicLong(), "Content-Type: application/json");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void eachRouteGroupHasItsOwnCap() {
        // 20 KB: over the account cap (sign-up), under the API cap (a session goal, refused for its length instead)
        String twentyKb = "a".repeat(20_000);
        Response signup = api.post("/api/v1/users/signup", null, Map.of("email", "group@example.com",
                "password", "correct-horse-9", "full_name", twentyKb));
        assertThat(signup.status()).isEqualTo(413);
        Response session = api.post("/api/v1/lab/agent/sessions", api.newUser(), Map.of("user_goal", twentyKb));
        assertThat(session.status()).isEqualTo(400);
        assertThat(session.text("code")).isEqualTo("validation_failed");
        // 100 KB: over the API cap
        Response big = api.post("/api/v1/lab/agent/sessions", api.newUser(), Map.of("user_goal", "a".repeat(100_000)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.text("detail")).contains("64 KB");
    }

    @Test
    void thePathIsMatchedDecodedAsItIsRouted() {
        // "%73ignup" is routed to sign-up: it gets sign-up's cap, not the larger one of other API paths
        Answer r = raw.send("POST /api/v1/users/%73ignup HTTP/1.1", null, "Content-Type: application/json",
                "Content-Length: 20000");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).path("max_body_bytes").asLong()).isEqualTo(16 * 1024);
    }

    @Test
    void aLongGoalWrittenAsJsonEscapesStillFits() {
        // 5,000 characters (the goal's limit), each sent as a \\uXXXX escape by clients that write ASCII-only JSON
        String goal = "\\u00e9".repeat(5_000);
        Response r = api.raw("POST", "/api/v1/lab/agent/sessions/estimate", api.newUser(), "application/json",
                "{\"user_goal\":\"" + goal + "\",\"use_system_default\":true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void theLoginFormIsCappedDeclaredAndChunked() {
        Answer declared = raw.send("POST /api/v1/login/access-token HTTP/1.1", null,
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 10000000");
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        // 1 MB, under Tomcat's default form limit (2 MB): only the configured 64 KB refuses it
        Answer chunked = raw.streamChunked("POST /api/v1/login/access-token HTTP/1.1", utf8("username=a&password="),
                filler(16 * 1024), 1L * MB, new AtomicLong(), "Content-Type: application/x-www-form-urlencoded");
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).path("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void pageFormPostsAreCappedBeforeTheCsrfCheckReadsThem() {
        Answer declared = raw.send("POST /signup HTTP/1.1", null, "Content-Type: application/x-www-form-urlencoded",
                "Content-Length: 10000000");
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        Answer chunked = raw.streamChunked("POST /login HTTP/1.1", utf8("email=a&password="), filler(16 * 1024),
                1L * MB, new AtomicLong(), "Content-Type: application/x-www-form-urlencoded");
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
    }

    @Test
    void aMultipartBodyIsNeverParsed() {
        // nothing takes multipart: the CSRF check's parameter lookup must not read parts (to memory or disk) either
        Answer r = raw.streamChunked("POST /login HTTP/1.1", utf8("--b\r\nContent-Disposition: form-data; "
                + "name=\"email\"\r\n\r\n"), filler(64 * 1024), 2L * MB, new AtomicLong(),
                "Content-Type: multipart/form-data; boundary=b");
        assertThat(r.status()).as(r.toString()).isEqualTo(403); // no CSRF token found: refused unread
    }

    private static byte[] filler(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
