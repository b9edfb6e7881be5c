package com.byomlab.testsupport.fakes;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chat side of a fake provider: replies are played in order, one per chat request (retries included). When
 * the queue is empty the fake answers a plain text "done" (10 in / 5 out tokens), so an agent loop always ends.
 */
public final class ChatScript {

    public static final String DEFAULT_TEXT = "done";

    private final Queue<ChatReply> replies = new ConcurrentLinkedQueue<>();
    private final List<ChatRequestSeen> seen = new CopyOnWriteArrayList<>();

    public ChatScript enqueue(ChatReply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public List<ChatRequestSeen> requests() {
        return List.copyOf(seen);
    }

    public ChatRequestSeen lastRequest() {
        if (seen.isEmpty()) {
            throw new AssertionError("the fake received no chat request");
        }
        return seen.get(seen.size() - 1);
    }

    /** Replies not yet played. */
    public int pending() {
        return replies.size();
    }

    /** A request that was refused before any reply was due (unknown model): seen, but consumes nothing. */
    void recordOnly(ChatRequestSeen request) {
        seen.add(request);
    }

    ChatReply next(ChatRequestSeen request) {
        seen.add(request);
        ChatReply reply = replies.poll();
        if (reply == null) {
            return ChatReply.text(DEFAULT_TEXT);
        }
        reply.awaitRelease();
        return reply;
    }

    void reset() {
        replies.clear();
        seen.clear();
    }
}
