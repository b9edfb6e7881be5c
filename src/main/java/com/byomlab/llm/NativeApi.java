package com.byomlab.llm;

import java.util.Map;

/**
 * One endpoint of a provider's own API that the gateway can pass through untranslated (Anthropic's
 * {@code /v1/messages}, OpenAI's {@code /v1/responses}): which wire protocol it belongs to, where it is under the
 * provider's API root, the headers it needs when the client sent none, and how the usage of an answer is read for
 * metering. Implementations are stateless constants ({@link NativeApis}); each call gets its own {@link Reader}.
 *
 * <p>To add one (e.g. OpenAI Responses): implement this (the reader sees each SSE event's name and data, or the
 * whole JSON body), add a constant to {@link NativeApis}, and call
 * {@code MeteredCalls.passThrough(route, origin, new PassThrough(api, body, stream, headers), listener)} on a route
 * whose provider speaks {@link #protocol()}.
 */
public interface NativeApi {

    /** The protocol a provider must speak natively for this endpoint to be passed through to it. */
    WireProtocol protocol();

    /** The path under the provider's API root, without a leading slash: {@code messages}, {@code responses}. */
    String path();

    /** Headers the endpoint requires, sent when the client did not send them (Anthropic's anthropic-version). */
    default Map<String, String> defaultHeaders() {
        return Map.of();
    }

    /**
     * True when a call costs tokens and is metered (a usage row); false for a free endpoint such as Anthropic's
     * count_tokens, which goes through the same checks and audit but leaves no usage row.
     */
    default boolean metered() {
        return true;
    }

    /** A fresh reader for one answer. */
    Reader reader();

    /** What one event of a streamed answer is, for the pass-through. */
    enum Event {
        /**
         * Says nothing the client must see at once (Anthropic's message_start, ping): held back until the first
         * {@link #CONTENT} event, so that a stream that fails right away can still be retried or moved to another
         * credential.
         */
        PREAMBLE,
        /** Part of the answer: from the first one on, the answer has started and is forwarded as it arrives. */
        CONTENT,
        /** The provider ended the stream with an error ({@link Reader#streamError()} says which). */
        ERROR
    }

    /** Reads one answer as it passes through: its usage, its stop reason, an in-stream error. Never throws. */
    interface Reader {

        /** One server-sent event of a streamed answer (name may be null when the stream sends data lines only). */
        Event event(String name, String data);

        /** The whole body of a non-streamed answer. */
        void body(String json);

        /** The answer's usage in {@link TokenCounts}' one meaning; not reported when the answer carried none. */
        TokenCounts usage();

        /** The answer's stop reason as the provider wrote it, or null. */
        default String stopReason() {
            return null;
        }

        /** After an {@link Event#ERROR}: what went wrong, in the taxonomy (the provider's own text is not kept). */
        default ErrorCode streamError() {
            return ErrorCode.PROVIDER_UNAVAILABLE;
        }
    }
}
