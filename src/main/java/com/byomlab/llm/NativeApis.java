package com.byomlab.llm;

import com.byomlab.llm.internal.passthrough.AnthropicMessagesApi;

/** The provider endpoints the gateway can pass through as they are (see {@link NativeApi}). */
public final class NativeApis {

    private NativeApis() {
    }

    /** Anthropic's {@code POST /v1/messages}, JSON or streamed. */
    public static final NativeApi ANTHROPIC_MESSAGES = AnthropicMessagesApi.MESSAGES;

    /** Anthropic's {@code POST /v1/messages/count_tokens}: free, not metered. */
    public static final NativeApi ANTHROPIC_COUNT_TOKENS = AnthropicMessagesApi.COUNT_TOKENS;
}
