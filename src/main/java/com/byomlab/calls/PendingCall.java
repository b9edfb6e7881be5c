package com.byomlab.calls;

import com.byomlab.llm.ChatCall;
import com.byomlab.llm.EmbeddingCall;
import com.byomlab.usage.LlmCallRecord;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;
import java.util.UUID;

/**
 * A call on its way through the steps: where it goes, who asked, what it asks (a chat, or an embeddings call; neither
 * for a model listing), and its id for metering.
 */
record PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, CallListener listener, UUID callId,
                   EmbeddingCall embedding) {

    PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, CallListener listener, UUID callId) {
        this(route, origin, chat, listener, callId, null);
    }

    /** The same call on another route (a fallback): its own call id, so it is metered as a call of its own. */
    PendingCall on(CallRoute next, List<ChatMessage> messages) {
        return new PendingCall(next, origin, new ChatCall(next.target(), next.model(), messages, chat.tools(),
                chat.stream(), chat.options()), listener, LlmCallRecord.newCallId());
    }
}
