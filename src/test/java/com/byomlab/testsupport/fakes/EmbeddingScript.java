package com.byomlab.testsupport.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embeddings side of a fake provider: scripted replies played in order, one per request (retries included); with
 * none left the fake answers with {@link Reply#ok()}. Each fake renders a reply in its provider's wire format
 * ({@link EmbeddingWire}).
 */
public final class EmbeddingScript {

    /** One request as the fake read it. */
    public record Seen(String model, String authKey, List<String> inputs, Integer dimensions, String encodingFormat,
                       RecordedRequest raw) {
    }

    /**
     * One scripted answer. Vectors default to {@link #vector(int, int)} (4 values unless the request asked for a
     * size); the reported usage to {@code 8} tokens per input.
     */
    public static final class Reply {
        private final Scenario failure;
        private Integer promptTokens;
        private boolean usage = true;

        private Reply(Scenario failure) {
            this.failure = failure;
        }

        public static Reply ok() {
            return new Reply(null);
        }

        public static Reply failure(Scenario scenario) {
            return new Reply(scenario);
        }

        public Reply promptTokens(int tokens) {
            this.promptTokens = tokens;
            return this;
        }

        public Reply withoutUsage() {
            this.usage = false;
            return this;
        }

        Scenario failure() {
            return failure;
        }

        boolean hasUsage() {
            return usage;
        }

        int tokensFor(int inputs) {
            return promptTokens != null ? promptTokens : 8 * inputs;
        }
    }

    /** The default vector of input {@code index}: values exact in float32, different for every input. */
    public static float[] vector(int index, int dimensions) {
        float[] v = new float[dimensions];
        for (int j = 0; j < dimensions; j++) {
            v[j] = (index + 1) * 0.5f - j * 0.25f;
        }
        return v;
    }

    static List<float[]> vectors(Seen seen) {
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < seen.inputs().size(); i++) {
            vectors.add(vector(i, seen.dimensions() == null ? 4 : seen.dimensions()));
        }
        return vectors;
    }

    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public EmbeddingScript enqueue(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public Seen lastRequest() {
        if (seen.isEmpty()) {
            throw new AssertionError("the fake received no embeddings request");
        }
        return seen.get(seen.size() - 1);
    }

    Reply next(Seen request) {
        seen.add(request);
        Reply reply = replies.poll();
        return reply == null ? Reply.ok() : reply;
    }

    void recordOnly(Seen request) {
        seen.add(request);
    }

    void reset() {
        replies.clear();
        seen.clear();
    }
}
