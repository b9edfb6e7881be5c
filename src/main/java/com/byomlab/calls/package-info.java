/**
 * Metered LLM calls: the one pipeline every surface (Lab sessions, the gateway) sends its LLM calls through.
 *
 * <p>{@link com.byomlab.calls.CallRoutes} turns a model choice into a {@link com.byomlab.calls.CallRoute} (the
 * credential read once, its key still sealed); {@link com.byomlab.calls.MeteredCalls} runs one call on it through
 * small steps, each with one job, in an order written in one place: own keys switched on → rate limit → caps →
 * fallback (the route's credential, then its fallback order, skipping credentials that cool down) → audit → meter →
 * trace (its OpenTelemetry span and metrics) → the provider call (key decrypted for this call only, the retry
 * policy of {@code llm}). An embeddings call takes the same steps without the fallback one (another model's vectors
 * would not compare with stored ones).
 */
package com.byomlab.calls;
