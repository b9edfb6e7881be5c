package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;
import com.byomlab.testsupport.fakes.Scenario;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every provider's chat must do, streamed and not, against that provider's fake speaking its wire format.
 * Backoff waits are recorded by an injected sleeper, never timed.
 */
abstract class ChatContract {

    static final String KEY = "test-key-0123456789abcdefXYZ";
    static final String WRONG_KEY = "wrong-key-9876543210zyxwvuTSR";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    static final Duration BACKOFF = Duration.ofMillis(10);
    static final String SYSTEM = "You are a careful market analyst.";
    static final String GOAL = "How did BTC do over the last 30 days?";
    static final String ARGS = "{\"symbol\":\"BTC\",\"days\":30}";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final ToolSpecification PRICE_HISTORY = ToolSpecification.builder()
            .name("get_price_history")
            .description("Daily closing prices of a coin")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("symbol", "ticker, e.g. BTC")
                    .addIntegerProperty("days", "how many days back")
                    .required("symbol", "days")
                    .build())
            .build();
    static final ToolSpecification LIST_COINS = ToolSpecification.builder()
            .name("list_coins").description("The coins with data").build();

    FakeProviderServer fake;
    ProviderHttpClients clients;
    LlmChat chat;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<String> deltas = new CopyOnWriteArrayList<>();
    final List<Integer> retries = new CopyOnWriteArrayList<>();
    /** Tool call pieces as they came; a null marks a retry. */
    final List<ToolCallDelta> pieces = new CopyOnWriteArrayList<>();
    final ChatListener listener = new ChatListener() {
        @Override
        public void onPartialText(String delta) {
            deltas.add(delta);
        }

        @Override
        public void onPartialToolCall(ToolCallDelta delta) {
            pieces.add(delta);
        }

        @Override
        public void onRetry(int nextAttempt, ProviderError error, Duration wait) {
            retries.add(nextAttempt);
            pieces.add(new ToolCallDelta(-1, null, null, "retry", false));
        }
    };

    abstract FakeProviderServer startFake(String expectedKey);

    abstract ProviderTarget target();

    abstract String model();

    /** Trusted providers reach the fake through the operator override. */
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of();
    }

    abstract void assertAuthenticatedWith(RecordedRequest request, String key);

    /** False for Gemini: its functionCall / functionResponse carry no id. */
    boolean protocolHasToolCallIds() {
        return true;
    }

    /** Stream events up to the second argument piece of the first tool call (the first call, for Gemini). */
    int eventsIntoAToolCall() {
        return 4; // OpenAI chunks: role, the call's first chunk, two argument pieces
    }

    /** True for Gemini: its API sends a functionCall whole (partialArgs is Vertex AI only). */
    boolean streamsToolArgumentsWhole() {
        return false;
    }

    /** Reasoning tokens are reported by OpenAI (completion_tokens_details) and Gemini (thoughtsTokenCount). */
    /** Anthropic reports cache writes apart; the others count them as input only. */
    boolean reportsCacheWrites() {
        return false;
    }

    boolean reportsReasoningTokens() {
        return true;
    }

    /**
     * Gemini always sends usageMetadata in a generateContent answer, and LangChain4j 1.19 fails on one without it
     * (NPE in BaseGeminiChatModel.createTokenUsage), so that case is not part of Gemini's contract.
     */
    boolean nonStreamedAnswersMayOmitUsage() {
        return true;
    }

    /** False for Bedrock: AWS answers a throttled call without Retry-After, so our own backoff applies. */
    boolean sendsRetryAfter() {
        return true;
    }

    /** The provider-specific shape of a tool result sent back, checked on the raw request body. */
    abstract void assertToolResultShape(JsonNode body, String toolCallId);

    @BeforeEach
    void start() {
        fake = startFake(KEY);
        clients = new ProviderHttpClients(new BaseUrlPolicy(true));
        chat = newChat(CALL_TIMEOUT);
    }

    LlmChat newChat(Duration callTimeout) {
        LlmProperties properties = new LlmProperties(operatorOverrides(),
                new LlmProperties.Security(target().provider().profile().userSuppliesBaseUrl()),
                new LlmProperties.Llm(Duration.ofSeconds(1)));
        LlmCallProperties call = new LlmCallProperties(callTimeout,
                new LlmCallProperties.Retry(3, BACKOFF, Duration.ofSeconds(60)));
        return new LlmChat(properties, call, new BaseUrlPolicy(properties.allowPrivateEndpoints()), clients, waits::add);
    }

    @AfterEach
    void stop() {
        clients.close();
        fake.close();
    }

    ChatTurn send(boolean stream, List<ChatMessage> messages) throws Exception {
        return send(KEY, stream, messages);
    }

    ChatTurn send(String key, boolean stream, List<ChatMessage> messages) throws Exception {
        try (ApiKey apiKey = ApiKey.of(key)) {
            return chat.chat(new ChatCall(target(), model(), messages, List.of(PRICE_HISTORY, LIST_COINS), stream),
                    apiKey, listener);
        }
    }

    static List<ChatMessage> firstTurn() {
        return List.of(SystemMessage.from(SYSTEM), UserMessage.from(GOAL));
    }

    LlmCallException failure(boolean stream) {
        return catchThrowableOfType(LlmCallException.class, () -> send(stream, firstTurn()));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void textAnswerWithUsageAndTheRightRequest(boolean stream) throws Exception {
        fake.chat().enqueue(ChatReply.text("BTC rose 4% over the month.").usage(300, 80));

        ChatTurn turn = send(stream, firstTurn());

        assertThat(turn.message().text()).isEqualTo("BTC rose 4% over the month.");
        assertThat(turn.message().hasToolExecutionRequests()).isFalse();
        assertThat(turn.finishReason()).isEqualTo("stop");
        assertThat(turn.usage().reported()).isTrue();
        assertThat(turn.usage().input()).isEqualTo(300);
        assertThat(turn.usage().output()).isEqualTo(80);
        assertThat(turn.attempts()).isEqualTo(1);
        assertThat(turn.latencyMs()).isGreaterThanOrEqualTo(0);
        ChatRequestSeen seen = fake.chat().lastRequest();
        assertThat(seen.model()).isEqualTo(model());
        assertThat(seen.authKey()).isEqualTo(KEY);
        assertThat(seen.stream()).isEqualTo(stream);
        if (stream) {
            assertThat(seen.usageRequested()).as("stream_options.include_usage").isTrue();
        }
        assertThat(seen.toolNames()).containsExactly("get_price_history", "list_coins");
        assertThat(seen.system()).contains(SYSTEM);
        assertThat(seen.lastUserMessage()).hasValueSatisfying(m -> assertThat(m.text()).contains(GOAL));
        assertAuthenticatedWith(seen.raw(), KEY);
        assertThat(seen.raw().requestLine()).doesNotContain(KEY);
        if (stream) {
            assertThat(deltas).hasSizeGreaterThan(1);
            assertThat(String.join("", deltas)).isEqualTo("BTC rose 4% over the month.");
        } else {
            assertThat(deltas).isEmpty();
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void toolCallAnswerWithParsedArgumentsAndDetailedUsage(boolean stream) throws Exception {
        // the same real usage on every provider: 120 input of which 100 read from and 8 written to the cache, 15 output
        // of which 5 reasoning; each fake reports it the way its provider does
        fake.chat().enqueue(ChatReply.toolCall("get_price_history", ARGS).usage(120, 15).cached(100).cacheWrite(8)
                .reasoning(5));

        ChatTurn turn = send(stream, firstTurn());

        assertThat(turn.finishReason()).isEqualTo("tool_calls");
        assertThat(turn.message().toolExecutionRequests()).hasSize(1);
        ToolExecutionRequest call = turn.message().toolExecutionRequests().get(0);
        assertThat(call.id()).isNotBlank();
        assertThat(call.name()).isEqualTo("get_price_history");
        assertThat(JSON.readTree(call.arguments())).isEqualTo(JSON.readTree(ARGS)); // parse, never compare strings
        assertThat(turn.usage()).isEqualTo(new TokenCounts(120, 15, 100, reportsCacheWrites() ? 8 : null,
                reportsReasoningTokens() ? 5 : null, true));
    }

    static final String LONG_ARGS = "{\"symbol\":\"BTC\",\"days\":30,\"note\":\"caf\u00e9 \u2014 \\\"quoted\\\"\"}";

    @Test
    void streamedToolCallsArriveInPiecesThatAddUpExactlyToTheFinalCalls() throws Exception {
        fake.chat().enqueue(ChatReply.toolCall("get_price_history", LONG_ARGS).andToolCall("list_coins", "{}"));

        ChatTurn turn = send(true, firstTurn());

        List<ToolExecutionRequest> calls = turn.message().toolExecutionRequests();
        assertThat(calls).hasSize(2);
        assertThat(pieces).isNotEmpty().allSatisfy(p -> assertThat(p.arguments()).isNotEmpty());
        for (int index = 0; index < calls.size(); index++) {
            int i = index;
            List<ToolCallDelta> ofCall = pieces.stream().filter(p -> p.index() == i).toList();
            ToolExecutionRequest call = calls.get(i);
            assertThat(ofCall).as("pieces of call %d", i).isNotEmpty();
            assertThat(ofCall).allSatisfy(p -> {
                assertThat(p.id()).isEqualTo(call.id());
                assertThat(p.name()).isEqualTo(call.name());
            });
            assertThat(ofCall.get(0).first()).isTrue();
            assertThat(ofCall.subList(1, ofCall.size())).noneMatch(ToolCallDelta::first);
            assertThat(ofCall.stream().map(ToolCallDelta::arguments).reduce("", String::concat))
                    .as("pieces of call %d add up to its arguments", i).isEqualTo(call.arguments());
        }
        assertThat(JSON.readTree(calls.get(0).arguments())).isEqualTo(JSON.readTree(LONG_ARGS));
        List<ToolCallDelta> first = pieces.stream().filter(p -> p.index() == 0).toList();
        if (streamsToolArgumentsWhole()) {
            assertThat(first).hasSize(1);
        } else {
            assertThat(first).as("arguments streamed in several pieces").hasSizeGreaterThan(2);
        }
        // call 0 is whole before call 1 begins: the calls come one after the other, as the provider sends them
        assertThat(pieces.indexOf(first.get(first.size() - 1)))
                .isLessThan(pieces.indexOf(pieces.stream().filter(p -> p.index() == 1).findFirst().orElseThrow()));
    }

    @Test
    void aRetryStartsTheToolCallPiecesAgain() throws Exception {
        fake.chat().enqueue(ChatReply.streamCutAfter(ChatReply.toolCall("get_price_history", LONG_ARGS)
                        .andToolCall("list_coins", "{}"), eventsIntoAToolCall()),
                ChatReply.toolCall("get_price_history", ARGS));

        ChatTurn turn = send(true, firstTurn());

        assertThat(turn.attempts()).isEqualTo(2);
        int retry = pieces.indexOf(pieces.stream().filter(p -> p.index() == -1).findFirst().orElseThrow());
        assertThat(retry).as("pieces of the cut attempt went out").isPositive();
        List<ToolCallDelta> after = pieces.subList(retry + 1, pieces.size());
        assertThat(after).isNotEmpty().allSatisfy(p -> assertThat(p.index()).isZero());
        assertThat(after.get(0).first()).isTrue();
        assertThat(after.stream().map(ToolCallDelta::arguments).reduce("", String::concat))
                .isEqualTo(turn.message().toolExecutionRequests().get(0).arguments());
    }

    @Test
    void aBlockingCallSendsNoPieces() throws Exception {
        fake.chat().enqueue(ChatReply.toolCall("get_price_history", ARGS));

        send(false, firstTurn());

        assertThat(pieces).isEmpty();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void secondTurnSendsTheToolResultBackForTheSameCall(boolean stream) throws Exception {
        fake.chat().enqueue(ChatReply.toolCall("get_price_history", ARGS),
                ChatReply.text("BTC rose 4%.").usage(400, 20));
        ChatTurn first = send(stream, firstTurn());
        ToolExecutionRequest call = first.message().toolExecutionRequests().get(0);

        ChatTurn second = send(stream, List.of(SystemMessage.from(SYSTEM), UserMessage.from(GOAL), first.message(),
                ToolExecutionResultMessage.from(call, "{\"closes\":[61000,63440]}")));

        assertThat(second.message().text()).isEqualTo("BTC rose 4%.");
        ChatRequestSeen seen = fake.chat().lastRequest();
        assertThat(seen.toolResults()).hasSize(1);
        ChatRequestSeen.Message result = seen.toolResults().get(0);
        assertThat(result.text()).contains("61000");
        ChatRequestSeen.Message assistant = seen.messages().stream().filter(m -> m.role().equals("assistant"))
                .findFirst().orElseThrow();
        assertThat(assistant.toolCalls()).hasSize(1);
        assertThat(assistant.toolCalls().get(0).name()).isEqualTo("get_price_history");
        assertThat(JSON.readTree(assistant.toolCalls().get(0).argumentsJson())).isEqualTo(JSON.readTree(ARGS));
        if (protocolHasToolCallIds()) {
            assertThat(result.toolCallId()).isEqualTo(call.id());
            assertThat(assistant.toolCalls().get(0).id()).isEqualTo(call.id());
        }
        assertToolResultShape(JSON.readTree(seen.raw().body()), call.id());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void answerWithoutUsageIsNotReportedRatherThanZero(boolean stream) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(stream || nonStreamedAnswersMayOmitUsage());
        fake.chat().enqueue(ChatReply.text("no usage here").withoutUsage());

        ChatTurn turn = send(stream, firstTurn());

        assertThat(turn.message().text()).isEqualTo("no usage here");
        assertThat(turn.usage().reported()).isFalse();
        assertThat(turn.usage().input()).isNull();
        assertThat(turn.usage().output()).isNull();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void eachCallCarriesItsOwnKeyThoughTheModelIsBuiltOnce(boolean stream) throws Exception {
        fake.chat().enqueue(ChatReply.text("first").usage(10, 2));
        fake.chat().enqueue(ChatReply.text("third").usage(10, 2));

        send(KEY, stream, firstTurn());
        assertThat(catchThrowableOfType(LlmCallException.class, () -> send(WRONG_KEY, stream, firstTurn())).error()
                .code()).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(send(KEY, stream, firstTurn()).message().text()).isEqualTo("third");

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).hasSize(3);
        assertAuthenticatedWith(requests.get(0), KEY);
        assertAuthenticatedWith(requests.get(1), WRONG_KEY);
        assertAuthenticatedWith(requests.get(2), KEY);
        // the stand-in that Anthropic's and Gemini's builders require is never what goes out
        assertThat(requests).allSatisfy(r -> assertThat(r.headers().values().toString())
                .doesNotContain(com.byomlab.llm.internal.ProviderDriver.NO_KEY));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void wrongKeyIsInvalidKeyAfterOneAttempt(boolean stream) {
        LlmCallException e = catchThrowableOfType(LlmCallException.class, () -> send(WRONG_KEY, stream, firstTurn()));

        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo(target().provider().id() + ": invalid_key").doesNotContain(WRONG_KEY);
        assertThat(fake.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void rateLimitHonoursRetryAfterThenSucceeds(boolean stream) throws Exception {
        fake.chat().enqueue(ChatReply.failure(Scenario.rateLimited(1)), ChatReply.text("ok"));

        ChatTurn turn = send(stream, firstTurn());

        assertThat(turn.message().text()).isEqualTo("ok");
        assertThat(turn.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(sendsRetryAfter() ? Duration.ofSeconds(1) : BACKOFF);
        assertThat(retries).containsExactly(2);
    }

    @Test
    void retryAfterBeyondTheCapGivesUpAsRateLimited() throws Exception {
        fake.chat().enqueue(ChatReply.failure(Scenario.rateLimited(600)));

        if (!sendsRetryAfter()) { // no Retry-After on the wire: nothing asks for 600 s, our backoff applies
            assertThat(send(false, firstTurn()).attempts()).isEqualTo(2);
            assertThat(waits).containsExactly(BACKOFF);
            return;
        }
        LlmCallException e = failure(false);

        assertThat(e.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(600)); // passed on: when the provider takes the key again
        assertThat(e.error().hint()).isEqualTo("Wait 600 seconds and try again.");
    }

    @Test
    void aRateLimitThatOutlastsOurRetriesSaysWhenToTryAgain() {
        for (int i = 0; i < 4; i++) {
            fake.chat().enqueue(ChatReply.failure(Scenario.rateLimited(1)));
        }

        LlmCallException e = failure(false);

        assertThat(e.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.attempts()).isEqualTo(4);
        if (!sendsRetryAfter()) { // nothing on the wire says when: no wait is made up
            assertThat(e.retryAfter()).isEmpty();
            assertThat(e.error().hint()).isEqualTo("Wait a minute and try again.");
            return;
        }
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(e.error().hint()).isEqualTo("Wait 1 second and try again.");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void serverErrorsAreRetriedWithBackoffThenGiveUp(boolean stream) {
        for (int i = 0; i < 4; i++) {
            fake.chat().enqueue(ChatReply.failure(Scenario.serverError(500)));
        }

        LlmCallException e = failure(stream);

        assertThat(e.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(waits).containsExactly(BACKOFF, BACKOFF.multipliedBy(2), BACKOFF.multipliedBy(4));
        assertThat(fake.chat().requests()).hasSize(4);
        for (String raw : fake.rawErrorTexts()) {
            assertThat(e.error().message() + e.error().hint()).doesNotContain(raw);
        }
    }

    @Test
    void overloadedProviderIsRetried() throws Exception {
        fake.chat().enqueue(ChatReply.failure(Scenario.overloaded()), ChatReply.text("ok"));

        ChatTurn turn = send(false, firstTurn());

        assertThat(turn.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(BACKOFF);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void accountWithoutCreditIsNotRetried(boolean stream) {
        fake.chat().enqueue(ChatReply.failure(Scenario.quotaExhausted()));

        LlmCallException e = failure(stream);

        assertThat(e.error().code()).isEqualTo(ErrorCode.INSUFFICIENT_QUOTA);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void malformedJsonIsProviderUnavailableWithoutRetry() {
        fake.chat().enqueue(ChatReply.failure(Scenario.malformedJson()));

        LlmCallException e = failure(false);

        assertThat(e.error().code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void providerThatNeverAnswersTimesOutWithoutRetry(boolean stream) {
        fake.chat().enqueue(ChatReply.failure(Scenario.hang()));

        LlmCallException e = failure(stream);

        assertThat(e.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void connectionCutMidAnswerIsRetried(boolean stream) throws Exception {
        fake.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("partial answer that will never end"), 3),
                ChatReply.text("whole answer"));

        ChatTurn turn = send(stream, firstTurn());

        assertThat(turn.message().text()).isEqualTo("whole answer");
        assertThat(turn.attempts()).isEqualTo(2);
        assertThat(retries).containsExactly(2);
        assertThat(waits).containsExactly(BACKOFF);
    }

    @Test
    void unknownModelIsUnknownModelWithoutRetry() {
        LlmCallException e = catchThrowableOfType(LlmCallException.class, () -> {
            try (ApiKey apiKey = ApiKey.of(KEY)) {
                chat.chat(new ChatCall(target(), "no-such-model", firstTurn(), List.of(), false), apiKey, listener);
            }
        });

        assertThat(e.error().code()).isEqualTo(ErrorCode.UNKNOWN_MODEL);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void interruptAbortsTheCallPromptly(boolean stream) throws Exception {
        chat = newChat(Duration.ofMinutes(5)); // only the interrupt can end this call
        fake.chat().enqueue(ChatReply.failure(Scenario.hang()));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                send(stream, firstTurn());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        while (fake.chat().requests().isEmpty() && caller.isAlive()) {
            Thread.sleep(5);
        }

        caller.interrupt();
        caller.join(Duration.ofSeconds(10).toMillis());

        assertThat(caller.isAlive()).as("still blocked after the interrupt").isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void emptyKeyFailsBeforeAnyCall() {
        assertThatThrownBy(() -> send("  ", false, firstTurn()))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_KEY);
                    assertThat(e.attempts()).isZero();
                });
        assertThat(fake.requests()).isEmpty();
    }
}
