package com.byomlab.gateway;

import com.byomlab.account.AccountDeleted;
import com.byomlab.account.DeletedAccounts;
import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.calls.FallbackOrder;
import com.byomlab.calls.FallbackOrders;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.LastUse;
import com.byomlab.vault.SessionCredentials;
import com.byomlab.web.ApiProblem;
import com.byomlab.web.UserText;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Personal access tokens: made, listed masked, revoked, and checked on every gateway request. A revoke or an expiry
 * takes effect on the very next request: the row is read from the database each time, or (embedded H2 only) kept
 * until any write to the token, credential or account tables (database/RowCache). Creation, revocation and refused
 * uses are audited.
 */
@Service
public class AccessTokens {

    static final int MAX_ACTIVE_PER_USER = 50;
    /** How long a deleted account's tokens are answered "account gone" rather than "unknown token". */
    static final Duration GONE_KEPT = Duration.ofDays(90);

    private final AccessTokenRepository tokens;
    private final SessionCredentials credentials;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final FallbackOrders fallbacks;

    AccessTokens(AccessTokenRepository tokens, SessionCredentials credentials, AuditLog audit, MeterRegistry metrics,
                 FallbackOrders fallbacks) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.audit = audit;
        this.metrics = metrics;
        this.fallbacks = fallbacks;
    }

    /** Makes a token; the answer holds the secret, which is never shown again. */
    public TokenRequests.TokenView create(UUID userId, TokenRequests.CreateToken request, String clientAddress) {
        UserText.check("name", request.name());
        String provider = null;
        if (request.credentialId() != null) {
            try {
                // owner-scoped: another user's credential id is simply "not found"
                provider = credentials.describe(userId, request.credentialId()).provider().id();
            } catch (CredentialUnavailableException e) {
                throw ApiProblem.notFound("Credential " + request.credentialId());
            }
        }
        FallbackOrder fallback = request.llmFallback() == null ? null
                : fallbacks.validated(userId, request.llmFallback());
        if (tokens.countActive(userId) >= MAX_ACTIVE_PER_USER) {
            throw ApiProblem.conflict("too_many_tokens", "You have " + MAX_ACTIVE_PER_USER
                    + " active tokens, the most allowed. Revoke tokens you no longer use, then create this one.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String secret = TokenSecrets.newSecret();
        AccessToken token = new AccessToken(UUID.randomUUID(), userId, request.name().strip(),
                TokenSecrets.last4(secret), request.credentialId(), now,
                request.expiresInDays() == null ? null : now.plus(Duration.ofDays(request.expiresInDays())), null, null);
        tokens.insert(token, TokenSecrets.hash(secret));
        if (fallback != null) {
            fallbacks.saveForToken(userId, token.id(), fallback);
        }
        audit.record(AuditEvent.of(userId, "token.create", AuditEvent.Outcome.SUCCESS, provider,
                request.credentialId(), clientAddress, "token " + token.id()));
        return TokenRequests.TokenView.of(token, secret, now, fallback);
    }

    public List<TokenRequests.TokenView> list(UUID userId) {
        Instant now = Instant.now();
        return tokens.listActive(userId).stream().map(t -> TokenRequests.TokenView.of(t, null, now,
                fallbacks.ofToken(userId, t.id()).orElse(null))).toList();
    }

    public void revoke(UUID userId, UUID tokenId, String clientAddress) {
        AccessToken token = tokens.find(userId, tokenId).filter(t -> t.revokedAt() == null)
                .orElseThrow(() -> ApiProblem.notFound("Token " + tokenId));
        tokens.revoke(userId, tokenId, Instant.now());
        audit.record(AuditEvent.of(userId, "token.revoke", AuditEvent.Outcome.SUCCESS, null, token.credentialId(),
                clientAddress, "token " + tokenId));
    }

    /**
     * The caller a presented bearer value stands for, checked against its row (as it stands in the database) on every
     * request.
     *
     * @throws GatewayError 401 in OpenAI's format when the value is no live token
     */
    GatewayCaller authenticate(String presented, String clientAddress) {
        if (!TokenSecrets.looksLikeToken(presented)) {
            throw refused("not_a_token", "Send a BYOM Lab personal access token ('byom_pat_...') as "
                    + "'Authorization: Bearer <token>'. Create one at POST /api/v1/users/me/tokens.");
        }
        String hash = TokenSecrets.hash(presented);
        AccessToken token = tokens.findByHash(hash).orElseThrow(() -> tokens.isGone(hash)
                ? refused("account_gone", DeletedAccounts.CODE, DeletedAccounts.MESSAGE)
                : refused("unknown_token",
                "This access token is not valid. Check that it was copied whole, or create a new one."));
        Instant now = Instant.now();
        if (token.revokedAt() != null) {
            auditRefusal(token, clientAddress, "revoked");
            throw refused("revoked_token", "This access token was revoked. Create a new one at "
                    + "POST /api/v1/users/me/tokens.");
        }
        if (token.expiredAt(now)) {
            auditRefusal(token, clientAddress, "expired");
            throw refused("expired_token", "This access token expired at " + token.expiresAt()
                    + ". Create a new one at POST /api/v1/users/me/tokens.");
        }
        if (LastUse.isStale(token.lastUsedAt(), now)) {
            tokens.markUsed(token.id(), now);
        }
        return new GatewayCaller(token.userId(), token.id(), token.credentialId(), clientAddress);
    }

    private void auditRefusal(AccessToken token, String clientAddress, String why) {
        audit.record(AuditEvent.of(token.userId(), "token.use", AuditEvent.Outcome.DENIED, null, token.credentialId(),
                clientAddress, why + ": token " + token.id()));
    }

    private GatewayError refused(String kind, String message) {
        return refused(kind, "invalid_api_key", message);
    }

    private GatewayError refused(String kind, String code, String message) {
        metrics.counter("byom.unauthorized.access.attempts", "kind", "gateway_" + kind).increment();
        return new GatewayError(HttpStatus.UNAUTHORIZED, "invalid_request_error", code, null, message);
    }

    /**
     * The account's tokens are deleted with it (foreign key), so a live token row means a live account and the
     * gateway needs no lookup of its own; their hashes are kept here so that such a token is answered "account gone".
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE) // before vault's purge: deleting a credential deletes the tokens bound to it
    void on(AccountDeleted event) {
        Instant now = Instant.now();
        tokens.rememberGone(event.userId(), now, now.minus(GONE_KEPT));
    }
}
