package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming path streams: the first text chunk reaches the client while the upstream is still in the middle of
 * its answer (held by the fake after its first text event), not after the whole answer was buffered.
 */
class GatewayStreamingTest extends ApiIntegrationTest {

    static Stream<Arguments> upstreams() {
        // events the fake sends before it holds: up to and including the first text delta
        return Stream.of(Arguments.of(Upstream.openAi(OPENAI), 2), Arguments.of(Upstream.anthropic(ANTHROPIC), 4),
                Arguments.of(Upstream.gemini(GEMINI), 1), Arguments.of(Upstream.bedrock(BEDROCK), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void theFirstChunkArrivesWhileTheUpstreamIsStillAnswering(Upstream up, int eventsBeforeHold) throws Exception {
        String login = api.newUser();
        String token = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login, up));
        CountDownLatch upstreamHeld = new CountDownLatch(1);
        up.fake().chat().enqueue(ChatReply.text("First words, then the rest of it.").pausedAfter(eventsBeforeHold,
                upstreamHeld));

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + up.model() + "\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        List<String> events = new ArrayList<>();
        CompletableFuture<String> firstText = CompletableFuture.supplyAsync(() -> readUntil(body, events, "First"));
        String first = firstText.get(2, TimeUnit.SECONDS); // the upstream is still held here
        assertThat(upstreamHeld.getCount()).as("upstream still held").isEqualTo(1);
        assertThat(first).contains("\"content\":\"First ");

        upstreamHeld.countDown();
        readUntil(body, events, "[DONE]");
        String all = String.join("\n", events);
        assertThat(all).contains("the ").contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]");
    }

    private static String readUntil(BufferedReader body, List<String> events, String marker) {
        try {
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                if (line.startsWith("data: ")) {
                    events.add(line);
                    if (line.contains(marker)) {
                        return line;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the stream ended before " + marker + ": " + events);
    }
}
