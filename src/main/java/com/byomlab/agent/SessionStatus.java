package com.byomlab.agent;

import java.util.Locale;

/** pending → running → one of the final states. The final states other than completed say why a session stopped. */
public enum SessionStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED,
    /** the session's credential was deleted while it ran */
    CREDENTIAL_DELETED,
    /** an iteration, LLM-call or wall-clock limit was reached before the model answered */
    LIMIT_REACHED,
    /** the session's or the user's monthly cost cap was reached */
    COST_LIMIT_REACHED,
    /** the instance running it stopped (crashed, killed, or shut down) */
    INSTANCE_LOST;

    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SessionStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
