package com.byomlab.market;

import java.time.Instant;

/**
 * Why a collection step stopped. {@link Scope#COIN}: this coin only (the exchange does not know the pair, or
 * sent something unreadable); the run goes on with the next coin. {@link Scope#RUN}: nothing more this run (the
 * exchange is down, or this instance lost the lease). {@link Scope#PAUSE}: this instance asks nothing of the
 * exchange before {@link #pauseUntil} (a ban, a long Retry-After, a refused location). {@link Scope#LEASE}: another
 * instance took over the lease; this one stops without a word against the coin.
 */
final class CollectorException extends Exception {

    enum Scope { COIN, RUN, PAUSE, LEASE }

    final Scope scope;
    final Instant pauseUntil;

    CollectorException(Scope scope, String message, Instant pauseUntil) {
        super(message, null, false, false);
        this.scope = scope;
        this.pauseUntil = pauseUntil;
    }

    static CollectorException coin(String message) {
        return new CollectorException(Scope.COIN, message, null);
    }

    static CollectorException run(String message) {
        return new CollectorException(Scope.RUN, message, null);
    }

    static CollectorException pause(String message, Instant until) {
        return new CollectorException(Scope.PAUSE, message, until);
    }
}
