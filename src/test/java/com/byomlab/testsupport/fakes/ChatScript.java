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
    private volatile java.util.function.Function<ChatRequestSeen, ChatReply> responder;

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

    /**
     * Answers each request the queue has no reply for by looking at it (a real client such as Claude Code makes side
     * requests of its own, which a fixed queue would answer out of turn); null: the default "done".
     */
    public ChatScript respondWith(java.util.function.Function<ChatRequestSeen, ChatReply> responder) {
        this.responder = responder;
        return this;
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
            java.util.function.Function<ChatRequestSeen, ChatReply> answer = responder;
            return answer == null ? ChatReply.text(DEFAULT_TEXT) : answer.apply(request);
        }
        reply.awaitRelease();
        return reply;
    }

    void reset() {
        replies.clear();
        responder = null;
        seen.clear();
    }
}
