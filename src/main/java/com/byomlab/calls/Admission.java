package com.byomlab.calls;

import com.byomlab.calls.CallRefused.Kind;
import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.usage.Budgets;

import java.util.Map;
import java.util.Optional;

/**
 * The checks before a call, cheapest first, none of which asks a provider: own keys switched on, the caller's rate
 * limit, the user's cost caps (against the costs already known, so the call that crosses a cap completes and the
 * next is refused).
 */
final class Admission {

    private Admission() {
    }

    /** A user's own key while the operator has switched own keys off. */
    static CallStep ownKeys(OwnKeys ownKeys) {
        return (call, next) -> {
            if (call.route().usesUserKey() && !ownKeys.enabled()) {
                throw new CallRefused(Kind.DISABLED, "byom_disabled",
                        "Your own credentials are switched off on this service by the operator.");
            }
            return next.proceed(call);
        };
    }

    /** The limit the origin names (the gateway's calls per user); a session's turns have their own count. */
    static CallStep rateLimit(RateLimits limits) {
        return (call, next) -> {
            CallOrigin origin = call.origin();
            if (origin.limit() != null) {
                Map<String, String> allowance;
                try {
                    allowance = limits.consumeAndReturnHeaders(origin.userId(), origin.limit());
                } catch (RateLimitExceeded refused) {
                    throw new CallRefused(Kind.RATE_LIMITED, "rate_limit_exceeded", refused.getMessage(), null,
                            refused.retryAfterSeconds(), refused.headers());
                }
                if (origin.admitted() != null) {
                    origin.admitted().accept(allowance);
                }
            }
            return next.proceed(call);
        };
    }

    static CallStep caps(Budgets budgets) {
        return (call, next) -> {
            CallOrigin origin = call.origin();
            Optional<String> overBudget = origin.writes().write("budget check",
                    () -> budgets.refusal(origin.userId(), origin.sessionId(), origin.sessionCostSoFar()));
            if (overBudget.isPresent()) {
                throw new CallRefused(Kind.OVER_BUDGET, "cost_limit_reached", overBudget.get());
            }
            return next.proceed(call);
        };
    }
}
