package com.byomlab.calls;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.Cost;
import com.byomlab.usage.LlmCallRecord;
import com.byomlab.usage.UsageMeter;

/**
 * What every call leaves behind, whatever its outcome: its usage row (tokens, latency, cost; idempotent by call id,
 * so a session may retry the write through a database outage) and, where the origin asks for it, an audit entry.
 */
final class Records {

    private Records() {
    }

    static CallStep metering(UsageMeter meter) {
        return (call, next) -> {
            if (!call.metered()) {
                return next.proceed(call); // a free endpoint: no tokens, no usage row
            }
            MeteredTurn answered;
            try {
                answered = next.proceed(call);
            } catch (LlmCallException e) {
                record(meter, call, outcome(e), e.attempts(), TokenCounts.notReported(), 0);
                throw e;
            } catch (InterruptedException e) {
                // the session was stopped or the client went away mid-call: the provider may still bill it
                recordQuietly(meter, call);
                throw e;
            }
            Cost cost = record(meter, call, "ok", answered.attempts(), answered.usage(), answered.latencyMs());
            return answered.withCost(cost == null ? Cost.unknown("not recorded") : cost);
        };
    }

    /**
     * A failed call's outcome: its error code, except that a request the provider refused as such is
     * "request_rejected" rather than "provider_unavailable", so that provider health counts only the provider's own
     * failures.
     */
    static String outcome(LlmCallException e) {
        return e.requestRejected() ? REQUEST_REJECTED : e.error().code().code();
    }

    static final String REQUEST_REJECTED = "request_rejected";

    static CallStep auditing(AuditLog audit) {
        return (call, next) -> {
            if (!call.origin().auditsEachCall()) {
                return next.proceed(call);
            }
            try {
                MeteredTurn answered = next.proceed(call);
                audit(audit, call, AuditEvent.Outcome.SUCCESS, call.origin().purpose());
                return answered;
            } catch (LlmCallException e) {
                audit(audit, call, AuditEvent.Outcome.FAILURE, call.origin().purpose() + " " + e.error().code().code());
                throw e;
            } catch (InterruptedException e) {
                audit(audit, call, AuditEvent.Outcome.FAILURE, call.origin().purpose() + " interrupted");
                throw e;
            }
        };
    }

    private static Cost record(UsageMeter meter, PendingCall call, String outcome, int attempts, TokenCounts usage,
                               long latencyMs) throws InterruptedException {
        CallOrigin origin = call.origin();
        CallRoute route = call.route();
        LlmCallRecord row = new LlmCallRecord(call.callId(), origin.userId(), origin.sessionId(), route.credentialId(),
                origin.purpose(), route.provider(), route.model(), outcome, attempts, usage, latencyMs);
        return origin.writes().write("usage of " + origin.purpose() + " call " + call.callId(), () -> meter.record(row));
    }

    private static void recordQuietly(UsageMeter meter, PendingCall call) {
        try {
            CallOrigin origin = call.origin();
            CallRoute route = call.route();
            meter.record(new LlmCallRecord(call.callId(), origin.userId(), origin.sessionId(), route.credentialId(),
                    origin.purpose(), route.provider(), route.model(), "interrupted", 1, TokenCounts.notReported(), 0));
        } catch (RuntimeException e) {
            // stopping anyway; the interruption is what the caller must see
        }
    }

    private static void audit(AuditLog audit, PendingCall call, AuditEvent.Outcome outcome, String detail) {
        CallOrigin origin = call.origin();
        audit.record(AuditEvent.of(origin.userId(), "credential.use", outcome, call.route().provider().id(),
                call.route().credentialId(), origin.clientAddress(), detail + " " + origin.auditNote()));
    }
}
