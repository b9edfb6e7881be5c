package com.byomlab.calls;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.calls.CallRefused.Kind;
import com.byomlab.llm.ApiKey;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.ModelIds;
import com.byomlab.llm.Provider;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.llm.ValidationResult;
import com.byomlab.vault.CallCredential;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;
import com.byomlab.vault.UsableCredential;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a caller's model choice into the {@link CallRoute} its calls take, the same way for every surface: the
 * credential read once (owner-scoped: a user can only ever reach their own), the request's model or else the
 * credential's, own keys only while the operator allows them. There is no silent fallback: a credential that was
 * asked for and cannot serve is refused.
 */
@Service
public class CallRoutes {

    private final SessionCredentials credentials;
    private final SystemDefaultModel systemDefault;
    private final KeyValidator validator;
    private final OwnKeys ownKeys;
    private final AuditLog audit;
    private final FallbackOrders fallbackOrders;
    private final FallbackSettings fallbackSettings;
    private final boolean demo;

    CallRoutes(SessionCredentials credentials, SystemDefaultModel systemDefault, KeyValidator validator,
               OwnKeys ownKeys, AuditLog audit, FallbackOrders fallbackOrders, FallbackSettings fallbackSettings,
               @Value("${byom.demo:false}") boolean demo) {
        this.credentials = credentials;
        this.systemDefault = systemDefault;
        this.validator = validator;
        this.ownKeys = ownKeys;
        this.audit = audit;
        this.fallbackOrders = fallbackOrders;
        this.fallbackSettings = fallbackSettings;
        this.demo = demo;
    }

    /**
     * {@link #forSession(UUID, UUID, String, boolean, boolean)} with the session's fallback order: the one the
     * request names ({@link FallbackOrders#validated} already), else (null) the user's own.
     */
    public CallRoute forSession(UUID userId, UUID credentialId, String model, boolean useSystemDefault,
                                FallbackOrder fallback) {
        CallRoute route = forSession(userId, credentialId, model, useSystemDefault, true);
        return route.withFallback(effective(route, fallback != null ? fallback : fallbackOrders.ofUser(userId)));
    }

    /**
     * {@link #forToken(UUID, UUID, String, boolean)} for a chat call with the token's fallback order: the token's
     * own if it has one, else the user's.
     */
    public CallRoute forToken(UUID userId, UUID tokenId, UUID boundCredentialId, String model) {
        CallRoute route = forToken(userId, boundCredentialId, model, true);
        return route.withFallback(effective(route, fallbackOrders.forCall(userId, tokenId)));
    }

    /**
     * A Lab session's choice: a named credential (and optionally another of its provider's models), the system
     * default, or neither, which means the user's default credential, else the system default.
     *
     * @param verify true to check now what the session will need: the key decrypts, and a model other than the
     *               credential's own is offered to it (asked live); false for an estimate (nothing decrypted)
     */
    public CallRoute forSession(UUID userId, UUID credentialId, String model, boolean useSystemDefault,
                                boolean verify) {
        checkModelId(model);
        if (useSystemDefault && credentialId != null) {
            throw new CallRefused(Kind.BAD_CHOICE, "conflicting_model_choice",
                    "Send either use_system_default or llm_credential_id, not both.");
        }
        if (useSystemDefault) {
            if (model != null) {
                throw new CallRefused(Kind.BAD_CHOICE, "conflicting_model_choice",
                        "llm_model applies to one of your credentials; the system default runs the operator's model.");
            }
            return systemDefault();
        }
        if (credentialId != null) {
            if (!ownKeys.enabled()) {
                throw disabled("Start the session without llm_credential_id to use the system default.");
            }
            return route(read(userId, credentialId, Kind.NOT_FOUND), model, verify);
        }
        if (model != null) {
            throw new CallRefused(Kind.BAD_CHOICE, "model_without_credential",
                    "llm_model needs llm_credential_id: say which of your credentials should run it.");
        }
        Optional<CallCredential> mine = ownKeys.enabled() ? credentials.defaultForCall(userId) : Optional.empty();
        return mine.map(row -> route(row, null, verify)).orElseGet(this::systemDefault);
    }

    /**
     * A gateway token's choice: the credential it is bound to, or (unbound) the user's default credential, with
     * the request's model if it names one. The key is decrypted at the call, from this same read.
     *
     * @param needsModel false for a route that lists models rather than calls one
     */
    public CallRoute forToken(UUID userId, UUID boundCredentialId, String model, boolean needsModel) {
        checkModelId(model);
        if (!ownKeys.enabled()) {
            throw disabled("The gateway serves your own keys only; ask the operator, or use the Lab.");
        }
        CallCredential row = boundCredentialId != null ? read(userId, boundCredentialId, Kind.UNUSABLE)
                : credentials.defaultForCall(userId).orElseThrow(() -> new CallRefused(Kind.UNUSABLE,
                        "no_default_credential", "This token uses your default credential, and you have none. Add a "
                        + "key or mark one as default in BYOM Lab."));
        return needsModel ? route(row, model, false) : new CallRoute(row.describe().id(), row.describe().provider(),
                null, row.describe().target(), false, row);
    }

    /** Audits that a session was set up on this route (its calls are not audited one by one). */
    public void recordSessionStart(CallRoute route, UUID userId, UUID sessionId, String clientAddress) {
        if (route.usesUserKey()) {
            audit.record(AuditEvent.of(userId, "credential.use", AuditEvent.Outcome.SUCCESS, route.provider().id(),
                    route.credentialId(), clientAddress, null).withSession(sessionId));
        }
    }

    /**
     * The route a fallback takes to a credential of the order (null: the system default), read now, owner-scoped;
     * empty when it cannot serve (deleted since, no model, own keys switched off, no system default). It runs the
     * model of the route it replaces when it reaches the same provider endpoint (two keys of one provider), else its
     * own model.
     */
    Optional<CallRoute> fallbackRoute(UUID userId, UUID credentialId, CallRoute replaced) {
        if (credentialId == null) {
            return systemDefault.configured() ? Optional.of(systemDefault()) : Optional.empty();
        }
        if (!ownKeys.enabled()) {
            return Optional.empty();
        }
        CallCredential row;
        try {
            row = credentials.forCall(userId, credentialId);
        } catch (CredentialUnavailableException e) {
            return Optional.empty();
        }
        UsableCredential c = row.describe();
        String model = c.target().equals(replaced.target()) ? replaced.model() : c.modelName();
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new CallRoute(c.id(), c.provider(), model, c.target(), false, row));
    }

    /**
     * The order as it applies to this route: without the route's own credential and repeats, credentials only while
     * own keys are on, the system default last and only if the user opted in, the operator allows it, one is
     * configured and the route is not already on it.
     */
    private FallbackOrder effective(CallRoute route, FallbackOrder order) {
        if (order == null || order.isEmpty()) {
            return FallbackOrder.NONE;
        }
        List<UUID> ids = ownKeys.enabled() ? order.credentialIds().stream().distinct()
                .filter(id -> !id.equals(route.credentialId())).toList() : List.of();
        boolean systemDefaultToo = order.useSystemDefault() && fallbackSettings.systemDefaultAllowed()
                && systemDefault.configured() && route.usesUserKey();
        return new FallbackOrder(ids, systemDefaultToo);
    }

    /** A model id goes into provider URLs: one rule ({@link ModelIds}) for every surface, before anything else. */
    private static void checkModelId(String model) {
        if (model != null) {
            ModelIds.problem(model).ifPresent(problem -> {
                throw new CallRefused(Kind.BAD_CHOICE, "invalid_model_id", "The requested model " + problem + ". "
                        + ModelIds.RULE);
            });
        }
    }

    private CallCredential read(UUID userId, UUID credentialId, Kind whenMissing) {
        try {
            return credentials.forCall(userId, credentialId);
        } catch (CredentialUnavailableException e) {
            throw whenMissing == Kind.NOT_FOUND
                    ? new CallRefused(Kind.NOT_FOUND, "not_found", "Credential " + credentialId + " was not found.")
                    : unusable();
        }
    }

    private CallRoute route(CallCredential row, String requestedModel, boolean verify) {
        UsableCredential c = row.describe();
        String model = requestedModel != null ? requestedModel : c.modelName();
        if (model == null || model.isBlank()) {
            throw new CallRefused(Kind.MODEL_REQUIRED, "model_required", "This credential has no default model and "
                    + "the request names none.");
        }
        if (verify) {
            // Decrypt now so that an unreadable key fails the request, not the session; a model other than the
            // credential's validated one is checked live against the provider's list.
            try (ApiKey key = row.open(null)) {
                if (!model.equals(c.modelName())) {
                    ValidationResult check = validator.validate(c.target(), key, model);
                    if (!check.valid()) {
                        throw new CallRefused(Kind.MODEL_UNAVAILABLE, check.error().code().code(),
                                check.error().message(), check.error().hint(), 0);
                    }
                }
            } catch (CredentialUnavailableException e) {
                throw new CallRefused(Kind.UNUSABLE, "credential_unreadable", UNUSABLE_MESSAGE);
            }
        }
        return new CallRoute(c.id(), c.provider(), model, c.target(), false, row);
    }

    private CallRoute systemDefault() {
        if (!systemDefault.configured()) {
            throw new CallRefused(Kind.NO_SYSTEM_DEFAULT, "system_default_unavailable", "The operator has not "
                    + "configured a system default model. Add a credential of your own in settings and choose it.");
        }
        Provider provider = systemDefault.knownProvider().orElseThrow();
        return new CallRoute(null, provider, systemDefault.model(), systemDefault.target(), demo, null);
    }

    private static final String UNUSABLE_MESSAGE = "This credential's key cannot be used (it was deleted or can no "
            + "longer be decrypted). Add the key again in your settings.";

    private static CallRefused unusable() {
        return new CallRefused(Kind.UNUSABLE, "credential_unavailable", UNUSABLE_MESSAGE);
    }

    private static CallRefused disabled(String hint) {
        return new CallRefused(Kind.DISABLED, "byom_disabled",
                "Your own credentials are switched off on this service by the operator.", hint, 0);
    }
}
