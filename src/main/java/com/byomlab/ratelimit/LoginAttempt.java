package com.byomlab.ratelimit;

/** A login attempt admitted by {@link RateLimits#startLogin}; call {@link #succeeded()} when the password matched. */
public final class LoginAttempt {

    private final Runnable refund;
    private boolean settled;

    LoginAttempt(Runnable refund) {
        this.refund = refund;
    }

    /** A successful login does not count against the login limits. */
    public void succeeded() {
        if (!settled) {
            settled = true;
            refund.run();
        }
    }
}
