package com.byomlab.gateway;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.LlmChat;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.ValidationResult;
import com.byomlab.ratelimit.Limit;
import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.usage.Budgets;
import com.byomlab.usage.LlmCallRecord;
import com.byomlab.usage.UsageMeter;
import com.byomlab.vault.CallCredential;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;
import com.byomlab.vault.UsableCredential;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The controls every gateway call goes through, the same as a Lab session's LLM calls: the token's credential
 * resolved owner-scoped (a token can only ever reach its owner's credentials), the per-user gateway rate limit, the
 * user's cost caps, the key decrypted for this one call, the call metered (purpose "gateway") whatever its outcome,
 * and the use audited.
 */
@Service
class GatewayCalls {

    static final String PURPOSE = "gateway";

    private final SessionCredentials credentials;
    private final LlmChat chat;
    private final KeyValidator models;
    private final UsageMeter meter;
    private final Budgets budgets;
    private final RateLimits limits;
    private final AuditLog audit;

    GatewayCalls(SessionCredentials credentials, LlmChat chat, KeyValidator models, UsageMeter meter, Budgets budgets,
                 RateLimits limits, AuditLog audit) {
        this.credentials = credentials;
        this.chat = chat;
        this.models = models;
        this.meter = meter;
        this.budgets = budgets;
        this.limits = limits;
        this.audit = audit;
    }

    /**
     * The credential the token stands for, read now (a deleted credential or a new default shows at once), once
     * for the whole request: its key is decrypted from this read when the call is made.
     */
    CallCredential credentialOf(GatewayCaller caller) {
        if (caller.boundCredentialId() == null) {
            return credentials.defaultForCall(caller.userId()).orElseThrow(() -> new GatewayError(HttpStatus.FORBIDDEN,
                    "invalid_request_error", "no_default_credential", null, "This token uses your default "
                    + "credential, and you have none. Add a key or mark one as default in BYOM Lab.").noRetry());
        }
        try {
            return credentials.forCall(caller.userId(), caller.boundCredentialId());
        } catch (CredentialUnavailableException e) {
            audit(caller, null, caller.boundCredentialId(), AuditEvent.Outcome.DENIED, "credential_unavailable");
            throw credentialGone();
        }
    }

    /**
     * Rate limit, then caps: a refused call calls no provider. Returns the {@code RateLimit-*} headers of our
     * gateway-calls limit, for the caller to put on a successful answer only: on a provider's refusal they would
     * read as the provider's limit.
     */
    Map<String, String> admit(GatewayCaller caller) {
        Map<String, String> ourLimit;
        try {
            ourLimit = limits.consumeAndReturnHeaders(caller.userId(), Limit.GATEWAY_CALLS);
        } catch (RateLimitExceeded refused) {
            GatewayError error = new GatewayError(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error",
                    "rate_limit_exceeded", null, refused.getMessage());
            refused.headers().forEach(error::header); // our own limit's refusal: Retry-After and RateLimit-*
            throw error;
        }
        Optional<String> overBudget = budgets.refusal(caller.userId(), null, BigDecimal.ZERO);
        if (overBudget.isPresent()) {
            // OpenAI's "out of credit" status and type, so clients stop; our own code says which cap
            throw new GatewayError(HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota", "cost_limit_reached", null,
                    overBudget.get()).noRetry();
        }
        return ourLimit;
    }

    /**
     * One chat call on the caller's credential. Metered and audited whatever happens; a provider failure becomes
     * a {@link GatewayError}. InterruptedException (the client went away, or a stream broke after its first chunk)
     * is metered as "interrupted" and passed on.
     */
    ChatTurn complete(GatewayCaller caller, CallCredential read, String model, CompletionRequest request,
                      ChatListener listener) throws InterruptedException {
        UsableCredential credential = read.describe();
        ChatCall call = new ChatCall(credential.target(), model, request.messages(), request.tools(), request.stream(),
                request.options());
        try (ApiKey key = open(read)) {
            ChatTurn turn = chat.chat(call, key, listener);
            record(caller, credential, model, "ok", turn.attempts(), turn.usage(), turn.latencyMs());
            audit(caller, credential.provider().id(), credential.id(), AuditEvent.Outcome.SUCCESS, "gateway");
            return turn;
        } catch (LlmCallException e) {
            record(caller, credential, model, e.error().code().code(), e.attempts(), TokenCounts.notReported(), 0);
            audit(caller, credential.provider().id(), credential.id(), AuditEvent.Outcome.FAILURE,
                    "gateway " + e.error().code().code());
            throw UpstreamErrors.afterRetries(e);
        } catch (InterruptedException e) {
            record(caller, credential, model, "interrupted", 1, TokenCounts.notReported(), 0);
            audit(caller, credential.provider().id(), credential.id(), AuditEvent.Outcome.FAILURE,
                    "gateway interrupted");
            throw e;
        }
    }

    /** The models the credential's key can use, asked live from the provider. */
    List<ModelInfo> models(CallCredential read) {
        ValidationResult result;
        try (ApiKey key = open(read)) {
            result = models.validate(read.describe().target(), key, null);
        }
        if (!result.valid()) {
            throw UpstreamErrors.of(result.error());
        }
        return result.models();
    }

    private static ApiKey open(CallCredential read) {
        try {
            return read.open(null);
        } catch (CredentialUnavailableException e) {
            throw credentialGone();
        }
    }

    private void record(GatewayCaller caller, UsableCredential credential, String model, String outcome, int attempts,
                        TokenCounts usage, long latencyMs) {
        meter.record(new LlmCallRecord(LlmCallRecord.newCallId(), caller.userId(), null, credential.id(), PURPOSE,
                credential.provider(), model, outcome, attempts, usage, latencyMs));
    }

    private void audit(GatewayCaller caller, String provider, UUID credentialId, AuditEvent.Outcome outcome,
                       String detail) {
        audit.record(AuditEvent.of(caller.userId(), "credential.use", outcome, provider, credentialId,
                caller.clientAddress(), detail + " token " + caller.tokenId()));
    }

    private static GatewayError credentialGone() {
        return new GatewayError(HttpStatus.FORBIDDEN, "invalid_request_error", "credential_unavailable", null,
                "The credential this token is bound to was deleted or cannot be read. Create a new token bound to "
                        + "an active credential.").noRetry();
    }
}
