package com.byomlab.calls;

import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatListener;

import java.util.UUID;

/** A call on its way through the steps: where it goes, who asked, what it asks, and its id for metering. */
record PendingCall(CallRoute route, CallOrigin origin, ChatCall chat, ChatListener listener, UUID callId) {
}
