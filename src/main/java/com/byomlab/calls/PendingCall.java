package com.byomlab.calls;

import com.byomlab.llm.ChatCall;
import com.byomlab.llm.EmbeddingCall;
import com.byomlab.llm.PassThrough;
import com.byomlab.usage.LlmCallRecord;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;
import java.util.UUID;

/**
 * A call on its way through the steps: where it goes, who asked, what it asks, and its id for metering. What it
 * asks is one of: a chat call in neutral terms ({@code chat}), an embeddings call ({@code embedding}), or a client's
 * own request to pass through to a provider that speaks its protocol ({@code passThrough}); the others are null (all
 * three for a model listing).
 */
record PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, CallListener listener, UUID callId,
                   EmbeddingCall embedding, PassThrough passThrough) {

    PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, CallListener listener, UUID callId,
                EmbeddingCall embedding) {
        this(route, origin, chat, listener, callId, embedding, null);
    }

    PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, CallListener listener, UUID callId,
                PassThrough passThrough) {
        this(route, origin, chat, listener, callId, null, passThrough);
    }

    PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, CallListener listener, UUID callId) {
        this(route, origin, chat, listener, callId, null, null);
    }

    /** The same call on another route (a fallback): its own call id, so it is metered as a call of its own. */
    PendingCall on(CallRoute next, List<ChatMessage> messages) {
        return new PendingCall(next, origin, new ChatCall(next.target(), next.model(), messages, chat.tools(),
                chat.stream(), chat.options()), listener, LlmCallRecord.newCallId());
    }

    /** The same call on another route (a fallback), carried over as the route's provider can read it. */
    PendingCall on(CallRoute next, CallRoute first) {
        if (passThrough != null) {
            return new PendingCall(next, origin, null, listener, LlmCallRecord.newCallId(), passThrough);
        }
        return on(next, Conversations.carriedTo(first.provider(), next.provider(), chat.messages()));
    }

    /**
     * Whether the call can run on this route at all: a chat call on any (it is translated for each provider); a
     * passed-through request only on a provider that speaks its protocol, since it goes as the client wrote it.
     */
    boolean runsOn(CallRoute next) {
        return passThrough == null || next.provider().profile().wireProtocol() == passThrough.api().protocol();
    }

    /** False for a free call (Anthropic's count_tokens): checked and audited, but no usage row. */
    boolean metered() {
        return passThrough == null || passThrough.api().metered();
    }
}
