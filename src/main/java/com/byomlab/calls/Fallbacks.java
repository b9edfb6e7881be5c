package com.byomlab.calls;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.LlmCallException;
import com.byomlab.vault.CredentialUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The fallback step: runs the rest of the pipeline (audit, meter, provider call) on the route's credential and, when
 * that fails in a way another credential can help with, on the next one of the route's fallback order, each attempt
 * audited and metered as a call of its own with the credential, provider and model that actually ran.
 *
 * <p>It moves on only after the credential's own retries are spent ({@code llm}'s retry policy), and only on: rate
 * limited, out of credit / quota, key refused (invalid or revoked), provider unavailable (5xx, overloaded, unreadable
 * answers), timeout, network failure. Never on a request the provider refused as such (another would refuse it too),
 * an unknown model or a bad base URL (the user's to fix), never once part of the answer has reached the client
 * ({@link CallListener#answerStarted()}), and never for a credential deleted meanwhile that was asked for by name.
 * A passed-through request ({@link MeteredCalls#passThrough}) moves only to credentials whose provider speaks its
 * wire protocol (it goes as the client wrote it); the others of the order are skipped.
 *
 * <p>A credential that failed that way cools down ({@link Cooldowns}) and is skipped while it does; when every one of
 * the order is cooling down, the call goes to the one that comes back first. A route without a fallback order passes
 * straight through: no cooldown is read or written, the call fails as it always did.
 */
final class Fallbacks implements CallStep {

    private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

    /** The failures that move a call to the next credential (and cool the failed one down). */
    static final Set<ErrorCode> MOVES_ON = EnumSet.of(ErrorCode.RATE_LIMITED, ErrorCode.INSUFFICIENT_QUOTA,
            ErrorCode.INVALID_KEY, ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.TIMEOUT, ErrorCode.NETWORK);

    private final CallRoutes routes;
    private final Cooldowns cooldowns;
    private final AuditLog audit;
    private final MeterRegistry metrics;

    Fallbacks(CallRoutes routes, Cooldowns cooldowns, AuditLog audit, MeterRegistry metrics) {
        this.routes = routes;
        this.cooldowns = cooldowns;
        this.audit = audit;
        this.metrics = metrics;
    }

    static boolean movesOn(LlmCallException e) {
        return MOVES_ON.contains(e.error().code()) && !e.requestRejected();
    }

    @Override
    public MeteredTurn handle(PendingCall call, Chain next)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        CallRoute first = call.route();
        if (first.fallback().isEmpty()) {
            return next.proceed(call);
        }
        UUID userId = call.origin().userId();
        List<UUID> chain = chain(first);
        List<UUID> credentialIds = chain.stream().filter(Objects::nonNull).toList();
        Map<UUID, Cooldown> known = new HashMap<>(call.origin().writes().write("cooldowns",
                () -> cooldowns.of(credentialIds)));
        Instant now = Instant.now();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            if (!cooling(known, chain.get(i), now)) {
                order.add(i);
            }
        }
        if (order.isEmpty()) {
            // every one is cooling down: the one that comes back first rather than none at all
            order.add(IntStream.range(0, chain.size()).boxed()
                    .min(Comparator.comparing(i -> known.get(chain.get(i)).until())).orElse(0));
        }

        List<Fallback> moves = new ArrayList<>();
        CallRoute left = first; // the route the call last left (or skipped)
        LlmCallException lastFailure = null;
        for (int index : order) {
            CallRoute route;
            if (index == 0) {
                route = first;
            } else {
                Optional<CallRoute> resolved = routes.fallbackRoute(userId, chain.get(index), first);
                if (resolved.isEmpty()) {
                    continue; // deleted since, no model, own keys switched off: the next one
                }
                route = resolved.get();
                if (!call.runsOn(route)) {
                    continue; // a passed-through request goes only to a provider of its own protocol
                }
            }
            PendingCall attempt = call;
            if (route != first) {
                Fallback move = lastFailure == null
                        ? skipped(left, route, known.get(left.credentialId()))
                        : new Fallback(left, route, lastFailure.error().code().code(), lastFailure.attempts(),
                        cooldownOf(known, left), null);
                moves.add(move);
                announce(call, move);
                attempt = call.on(route, first);
            }
            try {
                MeteredTurn answered = next.proceed(attempt);
                if (route.usesUserKey() && known.containsKey(route.credentialId())) {
                    UUID answeredBy = route.credentialId();
                    call.origin().writes().write("cooldown end", () -> {
                        cooldowns.cleared(answeredBy);
                        return null;
                    });
                }
                return answered.after(moves, route.withFallback(rotated(first, chain, index)));
            } catch (LlmCallException e) {
                if (!movesOn(e) || call.listener().answerStarted()) {
                    throw e;
                }
                if (route.usesUserKey()) {
                    UUID failed = route.credentialId();
                    Cooldown cooldown = call.origin().writes().write("cooldown", () -> cooldowns.failed(userId, failed,
                            e.error().code().code(), e.retryAfter().orElse(null), Instant.now()));
                    known.put(failed, cooldown);
                }
                log.info("llm call moves on: credential={} provider={} model={} outcome={}", route.credentialId(),
                        route.provider().id(), route.model(), e.error().code().code());
                lastFailure = e;
                left = route;
            } catch (CredentialUnavailableException e) {
                if (route == first) {
                    throw e; // the credential asked for was deleted: the caller stops, as without fallbacks
                }
                // a fallback credential deleted between its read and its call: the next one
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        // every candidate left was unusable and the first was skipped: ask the first after all
        return next.proceed(call).after(moves, first);
    }

    /** The route's credential (null: the system default), then its order, then the system default if it is in. */
    private static List<UUID> chain(CallRoute first) {
        List<UUID> chain = new ArrayList<>();
        chain.add(first.credentialId());
        chain.addAll(first.fallback().credentialIds());
        if (first.fallback().useSystemDefault()) {
            chain.add(null);
        }
        return chain;
    }

    /**
     * The order that goes on from the credential that answered: the ones after it, then the ones before it (the
     * first included), the system default still last. A session that keeps the route tries them in that order.
     */
    private static FallbackOrder rotated(CallRoute first, List<UUID> chain, int answered) {
        if (answered == 0) {
            return first.fallback();
        }
        List<UUID> ids = new ArrayList<>();
        boolean systemDefault = false;
        for (int k = 1; k < chain.size(); k++) {
            UUID id = chain.get((answered + k) % chain.size());
            if (id == null) {
                systemDefault = chain.get(answered) != null;
            } else {
                ids.add(id);
            }
        }
        return new FallbackOrder(ids, systemDefault);
    }

    private static boolean cooling(Map<UUID, Cooldown> known, UUID credentialId, Instant now) {
        Cooldown c = credentialId == null ? null : known.get(credentialId);
        return c != null && c.activeAt(now);
    }

    private static Instant cooldownOf(Map<UUID, Cooldown> known, CallRoute route) {
        Cooldown c = route.credentialId() == null ? null : known.get(route.credentialId());
        return c == null ? null : c.until();
    }

    private static Fallback skipped(CallRoute from, CallRoute to, Cooldown cooldown) {
        return new Fallback(from, to, Fallback.COOLING_DOWN, 0, cooldown == null ? null : cooldown.until(),
                cooldown == null ? null : cooldown.reason());
    }

    /**
     * Counts the move ({@code byom_llm_fallbacks_total{from,to,reason}}), tells the caller, and audits the use of the new credential where calls are not audited one by one (a session's
     * use is audited when it starts, on its first credential only).
     */
    private void announce(PendingCall call, Fallback move) throws InterruptedException {
        CallOrigin origin = call.origin();
        metrics.counter("byom.llm.fallbacks", "from", move.from().provider().id(), "to", move.to().provider().id(),
                "reason", move.reason()).increment();
        if (!origin.auditsEachCall() && move.to().usesUserKey()) {
            audit.record(AuditEvent.of(origin.userId(), "credential.use", AuditEvent.Outcome.SUCCESS,
                    move.to().provider().id(), move.to().credentialId(), origin.clientAddress(),
                    origin.purpose() + " fallback " + move.reason()).withSession(origin.sessionId()));
        }
        call.listener().onFallback(move);
    }
}
