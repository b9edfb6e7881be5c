package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Fake Amazon Bedrock: the runtime's Converse ({@code POST /model/{modelId}/converse}) and ConverseStream
 * ({@code POST /model/{modelId}/converse-stream}, AWS event stream) in {@link BedrockChatWire}, and the control
 * plane's ListFoundationModels ({@code GET /foundation-models}), on one port (clients reach both through the
 * operator's endpoint override).
 *
 * <p>Authentication as AWS checks it, with the expected key given like a stored one:
 * <ul>
 * <li>{@code ACCESS_KEY_ID:SECRET[:SESSION_TOKEN]}: the request must carry {@code Authorization: AWS4-HMAC-SHA256
 * Credential=ACCESS_KEY_ID/date/REGION/bedrock/aws4_request, SignedHeaders=..., Signature=...}; the fake recomputes
 * the signature over the headers the client signed with the AWS SDK's own signer and the expected secret, so a wrong
 * secret is refused (403 InvalidSignatureException), an unknown access key id too (403 UnrecognizedClientException).
 * The secret must appear nowhere in the request ({@link #secretSeenOnTheWire()}).</li>
 * <li>a Bedrock API key: {@code Authorization: Bearer KEY}.</li>
 * </ul>
 * Errors: the status, an {@code x-amzn-ErrorType} header and {@code {"message": ...}}: ThrottlingException 429,
 * ServiceQuotaExceededException 400, InternalServerException 500 / ServiceUnavailableException 503,
 * ValidationException 400 for an unknown model id ("The provided model identifier is invalid."). A scripted
 * {@link Scenario#overloaded()} on a streamed request is played inside the stream, as a serviceUnavailableException
 * event after messageStart.
 */
public final class FakeBedrock extends FakeProviderServer {

    public static final String REGION = "us-east-1";

    static final String UNRECOGNIZED_TEXT = "The security token included in the request is invalid.";
    static final String SIGNATURE_TEXT = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method.";
    static final String THROTTLED_TEXT = "Too many requests, please wait before trying again.";
    static final String QUOTA_TEXT = "Your request exceeds the service quota for your account.";
    static final String SERVER_ERROR_TEXT = "The server encountered an internal error while processing the request.";
    static final String UNAVAILABLE_TEXT = "Bedrock is unable to process your request.";
    static final String INVALID_MODEL_TEXT = "The provided model identifier is invalid.";

    private static final Pattern CONVERSE = Pattern.compile("/model/([^/]+)/(converse|converse-stream)");
    private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/"
            + "([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    private volatile boolean secretSeen;

    private FakeBedrock(String expectedKey) {
        super(expectedKey, List.of("anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.nova-lite-v1:0"));
        // load the SDK's signer now, not inside the first (time-boxed) request the fake checks
        expectedSignature(new RecordedRequest("GET", "/", null, Map.of("x-amz-date", List.of("20260101T000000Z")),
                ""), "x-amz-date", "AKIAWARMUP0000000000", "warm-up", null);
    }

    public static FakeBedrock start(String expectedKey) {
        return new FakeBedrock(expectedKey);
    }

    /** The endpoint override the clients are given (runtime and control plane alike). */
    @Override
    public String baseUrl() {
        return origin();
    }

    @Override
    public List<String> rawErrorTexts() {
        return List.of(UNRECOGNIZED_TEXT, SIGNATURE_TEXT, THROTTLED_TEXT, QUOTA_TEXT, SERVER_ERROR_TEXT,
                UNAVAILABLE_TEXT, INVALID_MODEL_TEXT);
    }

    /** True once any request carried the expected key's secret access key anywhere (path, query, headers, body). */
    public boolean secretSeenOnTheWire() {
        return secretSeen;
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Matcher converse = CONVERSE.matcher(request.path());
        boolean chat = request.method().equals("POST") && converse.matches();
        boolean models = request.method().equals("GET") && request.path().equals("/foundation-models");
        if (!chat && !models) {
            sendError(exchange, 404, "UnknownOperationException", "Unknown operation", Map.of());
            return;
        }
        Optional<String> refusal = authenticate(request);
        if (refusal.isPresent()) {
            boolean badSignature = refusal.get().equals("signature");
            sendError(exchange, 403, badSignature ? "InvalidSignatureException" : "UnrecognizedClientException",
                    badSignature ? SIGNATURE_TEXT : UNRECOGNIZED_TEXT, Map.of());
            return;
        }
        String presented = presentedKey(request);
        if (chat) {
            String model = URLDecoder.decode(converse.group(1), StandardCharsets.UTF_8);
            boolean stream = converse.group(2).equals("converse-stream");
            answerChat(exchange, BedrockChatWire.parse(request, model, stream, presented));
            return;
        }
        if (playGenericScenario(exchange)) {
            return;
        }
        if (scenario().kind() == Scenario.Kind.OK) {
            sendJson(exchange, 200, modelList(), Map.of());
        } else {
            sendFailure(exchange, scenario());
        }
    }

    private void answerChat(HttpExchange exchange, ChatRequestSeen seen) throws IOException {
        if (!modelIds().contains(seen.model())) {
            chat().recordOnly(seen);
            sendError(exchange, 400, "ValidationException", INVALID_MODEL_TEXT, Map.of());
            return;
        }
        ChatReply reply = chat().next(seen);
        if (reply.isFailure()) {
            Scenario failure = reply.failure();
            if (seen.stream() && failure.kind() == Scenario.Kind.OVERLOADED) {
                try (EventStream events = new EventStream(exchange, -1)) {
                    events.write(BedrockChatWire.events(ChatReply.text("")).get(0)); // messageStart
                    events.write(BedrockChatWire.exception("serviceUnavailableException", UNAVAILABLE_TEXT));
                }
            } else if (!playGenericScenario(exchange, failure)) {
                sendFailure(exchange, failure);
            }
            return;
        }
        if (seen.stream()) {
            try (EventStream events = new EventStream(exchange, reply.cutAfterEvents())) {
                events.pauseAfter(reply.pauseAfterEvents(), reply.pauseRelease());
                for (byte[] event : BedrockChatWire.events(reply)) {
                    events.write(event);
                }
            }
        } else if (reply.cutAfterEvents() >= 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"output\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            throw new ConnectionCut();
        } else {
            sendJson(exchange, 200, BedrockChatWire.json(reply), Map.of());
        }
    }

    @Override
    protected void sendFailure(HttpExchange exchange, Scenario scenario) throws IOException {
        switch (scenario.kind()) {
            // AWS sends no Retry-After; the SDK's own back-off is off, ours applies
            case RATE_LIMITED -> sendError(exchange, 429, "ThrottlingException", THROTTLED_TEXT, Map.of());
            case QUOTA_EXHAUSTED -> sendError(exchange, 400, "ServiceQuotaExceededException", QUOTA_TEXT, Map.of());
            case SERVER_ERROR -> sendError(exchange, scenario.status(),
                    scenario.status() == 503 ? "ServiceUnavailableException" : "InternalServerException",
                    scenario.status() == 503 ? UNAVAILABLE_TEXT : SERVER_ERROR_TEXT, Map.of());
            case OVERLOADED -> sendError(exchange, 503, "ServiceUnavailableException", UNAVAILABLE_TEXT, Map.of());
            default -> throw new IllegalStateException("unhandled scenario " + scenario);
        }
    }

    private void sendError(HttpExchange exchange, int status, String type, String message, Map<String, String> headers)
            throws IOException {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        all.put("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555");
        sendJson(exchange, status, "{\"message\":" + quote(message) + "}", all);
    }

    // ---- authentication ----

    /** The key the request authenticated with, in the form it was expected in (or as presented, for a bearer). */
    private String presentedKey(RecordedRequest request) {
        String authorization = request.header("authorization").orElse("");
        if (authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length());
        }
        return expectedKey();
    }

    /** Empty when the request is authenticated; else "unknown" or "signature". */
    private Optional<String> authenticate(RecordedRequest request) {
        String expected = expectedKey();
        String authorization = request.header("authorization").orElse("");
        if (expected.indexOf(':') < 0) {
            return keyMatches(authorization.startsWith("Bearer ") ? authorization.substring(7) : null)
                    ? Optional.empty() : Optional.of("unknown");
        }
        String[] parts = expected.split(":", -1);
        String secret = parts[1];
        if (wholeRequest(request).contains(secret)) {
            secretSeen = true;
        }
        Matcher sig = SIGV4.matcher(authorization);
        if (!sig.matches() || !sig.group(1).equals(parts[0]) || !sig.group(3).equals(REGION)
                || !sig.group(4).equals("bedrock")) {
            return Optional.of("unknown");
        }
        String sessionToken = parts.length > 2 ? parts[2] : null;
        if (sessionToken != null && !request.header("x-amz-security-token").orElse("").equals(sessionToken)) {
            return Optional.of("unknown");
        }
        return expectedSignature(request, sig.group(5), parts[0], secret, sessionToken)
                .filter(s -> s.equals(sig.group(6))).isPresent() ? Optional.empty() : Optional.of("signature");
    }

    /** The signature AWS would expect, computed with the SDK's signer over what the client signed. */
    private Optional<String> expectedSignature(RecordedRequest request, String signedHeaders, String accessKeyId,
            String secret, String sessionToken) {
        String amzDate = request.header("x-amz-date").orElse(null);
        if (amzDate == null) {
            return Optional.empty();
        }
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(amzDate, Instant::from);
        SdkHttpRequest.Builder copy = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http").host("127.0.0.1").port(port()).encodedPath(request.path());
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                int eq = pair.indexOf('=');
                copy.appendRawQueryParameter(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        StandardCharsets.UTF_8), eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        for (String name : signedHeaders.split(";")) {
            request.headers().getOrDefault(name, List.of()).forEach(value -> copy.appendHeader(name, value));
        }
        AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        String authorization = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(copy.build())
                        .payload(ContentStreamProvider.fromUtf8String(request.body()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        Matcher recomputed = SIGV4.matcher(authorization);
        return recomputed.matches() ? Optional.of(recomputed.group(6)) : Optional.empty();
    }

    private static String wholeRequest(RecordedRequest request) {
        return request.requestLine() + "\n" + request.headers() + "\n" + request.body();
    }

    private String modelList() {
        StringBuilder data = new StringBuilder();
        for (String id : modelIds()) {
            if (!data.isEmpty()) {
                data.append(',');
            }
            String provider = id.indexOf('.') < 0 ? "fake" : id.substring(0, id.indexOf('.'));
            data.append("{\"modelArn\":").append(quote("arn:aws:bedrock:" + REGION + "::foundation-model/" + id))
                    .append(",\"modelId\":").append(quote(id))
                    .append(",\"modelName\":").append(quote("Model " + id))
                    .append(",\"providerName\":").append(quote(provider))
                    .append(",\"inputModalities\":[\"TEXT\"],\"outputModalities\":[\"TEXT\"]")
                    .append(",\"responseStreamingSupported\":true,\"customizationsSupported\":[]")
                    .append(",\"inferenceTypesSupported\":[\"ON_DEMAND\"],\"modelLifecycle\":{\"status\":\"ACTIVE\"}}");
        }
        return "{\"modelSummaries\":[" + data + "]}";
    }

    /**
     * An {@code application/vnd.amazon.eventstream} answer (chunked): each message written and flushed on its own.
     * After {@code cutAfter} messages (when not -1) the connection is dropped.
     */
    private static final class EventStream implements AutoCloseable {
        private final OutputStream out;
        private final int cutAfter;
        private int sent;
        private int pauseAfter = -1;
        private CountDownLatch pauseRelease;

        EventStream(HttpExchange exchange, int cutAfter) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555");
            exchange.sendResponseHeaders(200, 0);
            this.out = exchange.getResponseBody();
            this.cutAfter = cutAfter;
        }

        void pauseAfter(int events, CountDownLatch release) {
            this.pauseAfter = events;
            this.pauseRelease = release;
        }

        void write(byte[] message) throws IOException {
            if (cutAfter >= 0 && sent >= cutAfter) {
                throw new ConnectionCut();
            }
            if (pauseAfter >= 0 && sent == pauseAfter && pauseRelease != null) {
                try {
                    pauseRelease.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(message);
            out.flush();
            sent++;
        }

        @Override
        public void close() throws IOException {
            if (cutAfter >= 0) {
                throw new ConnectionCut();
            }
            out.close();
        }
    }
}
