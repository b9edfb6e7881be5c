package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeAnthropic;
import com.byomlab.testsupport.fakes.RecordedRequest;
import com.byomlab.testsupport.fakes.Scenario;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The native pass-through against the fake Anthropic: the client's body goes byte for byte (thinking signatures,
 * cache_control and all), only the key is the credential's, the client's own credentials never leave, the answer
 * comes back as the provider wrote it, and its usage (cache reads and writes included) is read for metering. A
 * failure before the first content event is retried; the client then sees only the answer that succeeded.
 */
class LlmPassThroughTest {

    static final String KEY = "sk-ant-pass-0123456789abcdef";
    static final String MODEL = "claude-sonnet-4-20250514";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A thinking block with its signature, cache_control, a tool: all must reach the provider untouched. */
    static final String BODY = "{\"model\":\"" + MODEL + "\",\"max_tokens\":1024,  \"temperature\":0.70,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi \\u00e9\"},{\"role\":\"assistant\",\"content\":["
            + "{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h==\"},"
            + "{\"type\":\"text\",\"text\":\"Hello.\"}]},{\"role\":\"user\",\"content\":\"More.\"}],"
            + "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]%s}";

    FakeAnthropic fake;
    ProviderHttpClients clients;
    LlmPassThrough passThrough;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeAnthropic.start(KEY);
        clients = new ProviderHttpClients(new BaseUrlPolicy(true));
        LlmProperties properties = new LlmProperties(Map.of("anthropic",
                new LlmProperties.ProviderSettings(fake.baseUrl(), null)), new LlmProperties.Security(false),
                new LlmProperties.Llm(Duration.ofSeconds(1)));
        passThrough = new LlmPassThrough(properties, new LlmCallProperties(Duration.ofSeconds(2),
                new LlmCallProperties.Retry(3, Duration.ofMillis(10), Duration.ofSeconds(60))),
                new BaseUrlPolicy(false), clients, waits::add);
    }

    @AfterEach
    void stop() {
        clients.close();
        fake.close();
    }

    @Test
    void aJsonAnswerPassesBothWaysUnchangedWithTheCredentialsKeyOnly() throws Exception {
        fake.chat().enqueue(ChatReply.text("Fine.").usage(1200, 300).cached(200).cacheWrite(100));
        String body = BODY.formatted("");
        Sink sink = new Sink();

        ChatTurn turn = call(body, false, Map.of("anthropic-version", "2023-06-01",
                "anthropic-beta", "prompt-caching-2024-07-31", "authorization", "Bearer byom_pat_client_token",
                "x-api-key", "byom_pat_client_token"), sink);

        RecordedRequest seen = fake.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.body()).as("byte for byte").isEqualTo(body);
        assertThat(seen.header("x-api-key")).hasValue(KEY);
        assertThat(seen.header("authorization")).isEmpty();
        assertThat(seen.headers().toString()).doesNotContain("byom_pat_client_token");
        assertThat(seen.header("anthropic-beta")).hasValue("prompt-caching-2024-07-31");
        assertThat(seen.header("anthropic-version")).hasValue("2023-06-01");

        assertThat(sink.starts).containsExactly("200 application/json");
        JsonNode answer = JSON.readTree(sink.text());
        assertThat(answer.path("content").get(0).path("text").asString()).isEqualTo("Fine.");
        assertThat(answer.path("usage").path("cache_read_input_tokens").asInt()).isEqualTo(200);
        assertThat(turn.message()).isNull();
        assertThat(turn.finishReason()).isEqualTo("end_turn");
        assertThat(turn.usage()).isEqualTo(new TokenCounts(1200, 300, 200, 100, null, true));
    }

    @Test
    void aStreamIsForwardedEventByEventAndItsUsageRead() throws Exception {
        fake.chat().enqueue(ChatReply.toolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")
                .usage(1200, 300).cached(200).cacheWrite(100));
        Sink sink = new Sink();

        ChatTurn turn = call(BODY.formatted(",\"stream\":true"), true, Map.of(), sink);

        assertThat(fake.lastRequest().header("anthropic-version")).as("sent when the client names none")
                .hasValue("2023-06-01");
        assertThat(sink.starts).containsExactly("200 text/event-stream");
        List<String> events = sink.chunks.stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("event: ").endsWith("\n\n"));
        assertThat(events.get(0)).startsWith("event: message_start\n");
        assertThat(events.get(events.size() - 1)).startsWith("event: message_stop\n");
        assertThat(events.stream().filter(e -> e.contains("input_json_delta")).count())
                .as("the tool's arguments in several pieces, as they came").isGreaterThan(1);
        assertThat(turn.finishReason()).isEqualTo("tool_use");
        assertThat(turn.usage()).isEqualTo(new TokenCounts(1200, 300, 200, 100, null, true));
    }

    @Test
    void aFailureBeforeTheAnswerStartsIsRetriedAndTheClientSeesOnlyTheAnswer() throws Exception {
        fake.chat().enqueue(ChatReply.failure(Scenario.overloaded()), ChatReply.failure(Scenario.serverError(500)),
                ChatReply.text("Fine.").usage(10, 5));
        Sink sink = new Sink();

        ChatTurn turn = call(BODY.formatted(",\"stream\":true"), true, Map.of(), sink);

        assertThat(fake.chat().requests()).hasSize(3);
        assertThat(waits).hasSize(2);
        assertThat(sink.starts).hasSize(1);
        assertThat(sink.text()).doesNotContain("overloaded_error").doesNotContain("Overloaded");
        assertThat(sink.text().split("event: message_start", -1)).as("one message_start: the answer's").hasSize(2);
        assertThat(turn.usage().output()).isEqualTo(5);
    }

    @Test
    void aRefusedKeyIsOurErrorWithoutTheProvidersText() {
        fake.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        Sink sink = new Sink();

        LlmCallException e = catchThrowableOfType(LlmCallException.class,
                () -> call(BODY.formatted(""), false, Map.of(), sink));

        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(e.error().message() + e.error().hint()).doesNotContain("x-api-key");
        assertThat(sink.starts).isEmpty();
        assertThat(fake.chat().requests()).as("a refused key is not retried").hasSize(1);
    }

    @Test
    void anotherModelIsWrittenIntoTheBodyAndTheRestKept() throws Exception {
        fake.chat().enqueue(ChatReply.text("Fine."));
        String body = BODY.formatted("").replace(MODEL, "claude-3-5-haiku-20241022");

        call(body, false, Map.of(), new Sink());

        JsonNode sent = JSON.readTree(fake.lastRequest().body());
        assertThat(sent.path("model").asString()).isEqualTo(MODEL);
        assertThat(fake.lastRequest().body()).contains("\"temperature\":0.70")
                .contains("\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h==\"");
    }

    private ChatTurn call(String body, boolean stream, Map<String, String> headers, Sink sink) throws Exception {
        try (ApiKey key = ApiKey.of(KEY)) {
            return passThrough.call(ProviderTarget.of(Provider.ANTHROPIC), MODEL,
                    new PassThrough(NativeApis.ANTHROPIC_MESSAGES, body.getBytes(StandardCharsets.UTF_8), stream,
                            headers), key, sink);
        }
    }

    static final class Sink implements NativeSink {
        final List<String> starts = new ArrayList<>();
        final List<byte[]> chunks = new ArrayList<>();

        @Override
        public void onStart(int status, String contentType) {
            starts.add(status + " " + contentType);
        }

        @Override
        public void onBytes(byte[] bytes) {
            chunks.add(bytes);
        }

        String text() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(all::writeBytes);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
