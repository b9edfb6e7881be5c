package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streamed tool calls go out as they arrive, in OpenAI's chunk format (a first chunk with the call's index, id, type
 * and name, then argument pieces): the client has several pieces of the first call's arguments while the upstream
 * is still held in the middle of that call, and the pieces add up exactly to what the upstream sent. Gemini sends
 * each functionCall whole, so there the first call is out, whole, while the upstream still holds the second.
 */
class GatewayToolStreamingTest extends ApiIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Escapes, a quote inside a string and non-ASCII text: the pieces must still add up byte for byte. */
    static final String ARGS = "{\"city\":\"Z\u00fcrich \\\"Altstadt\\\"\",\"unit\":\"celsius\",\"days\":3}";
    static final String SECOND_ARGS = "{\"city\":\"Paris\"}";

    static Stream<Arguments> upstreams() {
        // events the fake sends before it holds, and the argument pieces of the first call the client has by then
        return Stream.of(
                Arguments.of(Upstream.openAi(OPENAI), 5, 3), // role, the call's first chunk, 3 argument chunks
                Arguments.of(Upstream.anthropic(ANTHROPIC), 6, 3), // message_start, ping, block start, 3 deltas
                Arguments.of(Upstream.gemini(GEMINI), 1, 1), // the chunk with the first functionCall, whole
                Arguments.of(Upstream.bedrock(BEDROCK), 5, 3)); // messageStart, blockStart, 3 toolUse deltas
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void toolCallArgumentsReachTheClientWhileTheUpstreamIsStillSendingThem(Upstream up, int eventsBeforeHold,
                                                                        int piecesBeforeHold) throws Exception {
        String login = api.newUser();
        String token = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login, up));
        CountDownLatch upstreamHeld = new CountDownLatch(1);
        up.fake().chat().enqueue(ChatReply.toolCall("get_weather", ARGS).andToolCall("get_weather", SECOND_ARGS)
                .pausedAfter(eventsBeforeHold, upstreamHeld));

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + up.model() + "\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],\"tools\":[{\"type\":"
                        + "\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
                        + "\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        List<JsonNode> chunks = new ArrayList<>();
        CompletableFuture<Void> early = CompletableFuture.runAsync(() ->
                readUntil(body, chunks, seen -> argumentPieces(seen, 0).size() >= piecesBeforeHold));
        early.get(5, TimeUnit.SECONDS); // the upstream is still held here
        assertThat(upstreamHeld.getCount()).as("upstream still held").isEqualTo(1);
        assertThat(argumentPieces(chunks, 1)).as("the second call has not come yet").isEmpty();
        assertThat(finishReasons(chunks)).isEmpty();

        upstreamHeld.countDown();
        readUntil(body, chunks, seen -> false);

        // each call: one announcing chunk (index, id, type, name, empty arguments), then its argument pieces
        for (int index = 0; index < 2; index++) {
            List<JsonNode> entries = toolCallEntries(chunks, index);
            JsonNode announced = entries.get(0);
            assertThat(announced.path("id").asString()).startsWith(up.provider().equals("google") ? "call_" : "")
                    .isNotBlank();
            assertThat(announced.path("type").asString()).isEqualTo("function");
            assertThat(announced.path("function").path("name").asString()).isEqualTo("get_weather");
            assertThat(announced.path("function").path("arguments").asString()).isEmpty();
            assertThat(entries.subList(1, entries.size())).allSatisfy(e -> {
                assertThat(e.has("id")).isFalse();
                assertThat(e.path("function").has("name")).isFalse();
            });
        }
        assertThat(toolCallEntries(chunks, 0).get(0).path("id").asString())
                .isNotEqualTo(toolCallEntries(chunks, 1).get(0).path("id").asString());
        String first = String.join("", argumentPieces(chunks, 0));
        String second = String.join("", argumentPieces(chunks, 1));
        if (up.provider().equals("google")) {
            // Gemini sends args as an object: the same JSON, in one piece per call
            assertThat(argumentPieces(chunks, 0)).hasSize(1);
            assertThat(JSON.readTree(first)).isEqualTo(JSON.readTree(ARGS));
            assertThat(JSON.readTree(second)).isEqualTo(JSON.readTree(SECOND_ARGS));
        } else {
            assertThat(argumentPieces(chunks, 0)).hasSizeGreaterThan(piecesBeforeHold);
            assertThat(first).isEqualTo(ARGS);
            assertThat(second).isEqualTo(SECOND_ARGS);
        }
        assertThat(finishReasons(chunks)).containsExactly("tool_calls");
    }

    private static List<JsonNode> toolCallEntries(List<JsonNode> chunks, int index) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    if (call.path("index").asInt(-1) == index) {
                        entries.add(call);
                    }
                }
            }
        }
        return entries;
    }

    private static List<String> argumentPieces(List<JsonNode> chunks, int index) {
        return toolCallEntries(chunks, index).stream().map(e -> e.path("function").path("arguments").asString(""))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> finishReasons(List<JsonNode> chunks) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                if (choice.path("finish_reason").isString()) {
                    reasons.add(choice.path("finish_reason").asString());
                }
            }
        }
        return reasons;
    }

    /** Reads data lines until {@code enough} holds for the chunks so far, or to [DONE]. */
    private static void readUntil(BufferedReader body, List<JsonNode> chunks, Predicate<List<JsonNode>> enough) {
        try {
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                String data = line.substring("data: ".length());
                if (data.equals("[DONE]")) {
                    return;
                }
                synchronized (chunks) {
                    chunks.add(JSON.readTree(data));
                    if (enough.test(chunks)) {
                        return;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the stream ended early: " + chunks);
    }
}
