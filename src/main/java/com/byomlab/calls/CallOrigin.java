package com.byomlab.calls;

import com.byomlab.ratelimit.Limit;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who asks for a call and what for. It decides which checks and records apply: the rate limit that counts the
 * call (none for a session's turns, which {@code byom.agent.max-llm-calls} bounds), the session's cost so far for
 * its cap, whether each call is audited (gateway calls are; a session's use is audited once, when it starts).
 *
 * @param purpose   what the call serves, as metered: "agent", "gateway"
 * @param auditNote said in each call's audit entry (e.g. the gateway token); null when calls are not audited
 * @param admitted  told the {@code RateLimit-*} headers of the origin's limit once the call is admitted (before the
 *                  provider is asked, so a stream can send them with its first byte); null when nobody needs them
 */
public record CallOrigin(UUID userId, UUID sessionId, String purpose, String clientAddress, Limit limit,
                         BigDecimal sessionCostSoFar, String auditNote, Writes writes,
                         Consumer<Map<String, String>> admitted) {

    public CallOrigin {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        sessionCostSoFar = sessionCostSoFar == null ? BigDecimal.ZERO : sessionCostSoFar;
        writes = writes == null ? Writes.DIRECT : writes;
    }

    /** One turn of a Lab session. */
    public static CallOrigin labTurn(UUID userId, UUID sessionId, BigDecimal costSoFar, Writes writes) {
        return new CallOrigin(userId, sessionId, "agent", null, null, costSoFar, null, writes, null);
    }

    /** One gateway request, made with the named access token. */
    public static CallOrigin gateway(UUID userId, String clientAddress, UUID tokenId,
                                     Consumer<Map<String, String>> admitted) {
        return new CallOrigin(userId, null, "gateway", clientAddress, Limit.GATEWAY_CALLS, BigDecimal.ZERO,
                "token " + tokenId, Writes.DIRECT, admitted);
    }

    boolean auditsEachCall() {
        return auditNote != null;
    }
}
