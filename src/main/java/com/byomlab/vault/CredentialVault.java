package com.byomlab.vault;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditEvent.Outcome;
import com.byomlab.audit.AuditLog;
import com.byomlab.llm.ApiKey;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.ModelIds;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderProfile;
import com.byomlab.llm.ProviderProfiles;
import com.byomlab.llm.ProviderTarget;
import com.byomlab.llm.ValidationResult;
import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import com.byomlab.web.UserText;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The user's LLM keys: validated live before they are stored, stored only encrypted, shown only
 * masked, and every operation audited. Live provider calls happen outside database transactions.
 */
@Service
public class CredentialVault {

    private final CredentialRepository credentials;
    private final ApiKeyCipher cipher;
    private final KeyValidator validator;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final MeterRegistry metrics;
    private final Clock clock;

    CredentialVault(CredentialRepository credentials, ApiKeyCipher cipher, KeyValidator validator, AuditLog audit,
                    TransactionTemplate tx, MeterRegistry metrics) {
        this.credentials = credentials;
        this.cipher = cipher;
        this.validator = validator;
        this.audit = audit;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    public CredentialView create(CurrentUser user, CredentialRequests.Create request) {
        checkText(request.label(), request.modelName(), request.baseUrl(), request.apiVersion());
        Provider provider = provider(request.provider());
        String keyText = request.apiKey().strip();
        KeyFormat.check(provider, keyText);
        ProviderTarget target = target(provider, request.baseUrl(), request.apiVersion(), request.modelName(),
                request.region());
        String model = checkedModel(blankToNull(request.modelName()));
        try (ApiKey key = ApiKey.of(keyText)) {
            ValidationResult result = validate(target, key, model);
            if (!result.valid()) {
                record(user, "credential.create", Outcome.FAILURE, provider, null, result.error().code().code());
                throw ProviderProblems.of(result.error());
            }
            UUID id = UUID.randomUUID();
            Instant now = now();
            ApiKeyCipher.Sealed sealed = cipher.seal(user.id(), id, key);
            StoredCredential stored = new StoredCredential(id, user.id(), provider, model, blankToNull(request.label()),
                    sealed.ciphertext(), sealed.keyId(), KeyMask.of(provider, key), target.baseUrl(), target.apiVersion(), false, true, now, now, null, now,
                    target.region());
            inTransaction(() -> {
                boolean makeDefault = Boolean.TRUE.equals(request.isDefault())
                        || credentials.findDefault(user.id()).isEmpty();
                if (makeDefault) {
                    credentials.clearDefault(user.id());
                }
                credentials.insert(withDefault(stored, makeDefault));
                return null;
            });
            record(user, "credential.create", Outcome.SUCCESS, provider, id, null);
            return get(user.id(), id).view();
        }
    }

    /** The stored text fields, whether they came as JSON or from a page form. */
    private static void checkText(String label, String modelName, String baseUrl, String apiVersion) {
        UserText.check("label", label);
        UserText.check("model_name", modelName);
        UserText.check("base_url", baseUrl);
        UserText.check("api_version", apiVersion);
    }

    public List<CredentialView> list(CurrentUser user) {
        List<CredentialView> views = credentials.listActive(user.id()).stream().map(StoredCredential::view).toList();
        record(user, "credential.list", Outcome.SUCCESS, null, null, views.size() + " listed");
        return views;
    }

    public CredentialView update(CurrentUser user, UUID id, CredentialRequests.Update request) {
        checkText(request.label(), request.modelName(), request.baseUrl(), request.apiVersion());
        StoredCredential current = owned(user, id, "credential.update");
        if (Boolean.FALSE.equals(request.isDefault()) && current.isDefault()) {
            throw ApiProblem.conflict("default_required", "A user always has one default credential. Make another "
                    + "credential the default (PUT …/{id}/default) instead of unsetting this one.");
        }
        String model = request.modelName() == null ? current.modelName() : checkedModel(blankToNull(request.modelName()));
        String baseUrl = request.baseUrl() == null ? current.baseUrl() : blankToNull(request.baseUrl());
        String apiVersion = request.apiVersion() == null ? current.apiVersion() : blankToNull(request.apiVersion());
        String region = request.region() == null ? current.region() : blankToNull(request.region());
        String label = request.label() == null ? current.label() : blankToNull(request.label());
        boolean connectionChanged = request.apiKey() != null || !Objects.equals(model, current.modelName())
                || !Objects.equals(baseUrl, current.baseUrl()) || !Objects.equals(apiVersion, current.apiVersion())
                || !Objects.equals(region, current.region());

        ApiKeyCipher.Sealed newKey = null;
        String newMask = null;
        if (connectionChanged) {
            ProviderTarget target = target(current.provider(), baseUrl, apiVersion, model, region);
            if (request.apiKey() == null && !target.sameDestinationAs(current.target())) {
                // Re-validating would send the stored key to the new address: whoever holds a login token could
                // collect it there. A new destination takes the key anew, from its owner, in the same request.
                record(user, "credential.update", Outcome.DENIED, current.provider(), id, "api_key_required");
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "api_key_required", "Changing base_url "
                        + "sends the key to a different server, so the stored key is not used for it: send api_key "
                        + "together with base_url in the same request. Nothing was changed.")
                        .with("hint", "A stored key only ever goes to the server it was saved for. If the new server "
                                + "takes the same key, paste it again.");
            }
            if (request.apiKey() != null) {
                KeyFormat.check(current.provider(), request.apiKey().strip());
            }
            try (ApiKey key = request.apiKey() != null ? ApiKey.of(request.apiKey().strip()) : open(user, current)) {
                ValidationResult result = validate(target, key, model);
                if (!result.valid()) {
                    record(user, "credential.update", Outcome.FAILURE, current.provider(), id,
                            result.error().code().code());
                    throw ProviderProblems.of(result.error());
                }
                if (request.apiKey() != null) {
                    newKey = cipher.seal(user.id(), id, key);
                    newMask = KeyMask.of(current.provider(), key);
                }
            }
        }
        Instant now = now();
        ApiKeyCipher.Sealed sealed = newKey;
        String mask = newMask;
        inTransaction(() -> {
            credentials.updateDetails(user.id(), id, model, label, baseUrl, apiVersion, region, now);
            if (sealed != null) {
                credentials.replaceKey(user.id(), id, sealed.ciphertext(), sealed.keyId(), mask, now);
            } else if (connectionChanged) {
                credentials.markValidated(user.id(), id, now);
            }
            if (Boolean.TRUE.equals(request.isDefault()) && !current.isDefault()) {
                credentials.clearDefault(user.id());
                credentials.makeDefault(user.id(), id, now);
            }
            return null;
        });
        record(user, "credential.update", Outcome.SUCCESS, current.provider(), id,
                sealed != null ? "key_replaced" : null);
        return get(user.id(), id).view();
    }

    public void delete(CurrentUser user, UUID id) {
        StoredCredential current = owned(user, id, "credential.delete");
        inTransaction(() -> {
            credentials.softDelete(user.id(), id, now());
            if (current.isDefault()) {
                credentials.newestActive(user.id()).ifPresent(next -> credentials.makeDefault(user.id(), next, now()));
            }
            return null;
        });
        record(user, "credential.delete", Outcome.SUCCESS, current.provider(), id, null);
    }

    public CredentialView setDefault(CurrentUser user, UUID id) {
        StoredCredential current = owned(user, id, "credential.set_default");
        inTransaction(() -> {
            credentials.clearDefault(user.id());
            credentials.makeDefault(user.id(), id, now());
            return null;
        });
        record(user, "credential.set_default", Outcome.SUCCESS, current.provider(), id, null);
        return get(user.id(), id).view();
    }

    /** "Test connection": the same live check as create, nothing stored. */
    public ConnectionTest testConnection(CurrentUser user, CredentialRequests.Validate request) {
        Provider provider = provider(request.provider());
        String keyText = request.apiKey().strip();
        KeyFormat.check(provider, keyText);
        ProviderTarget target = target(provider, request.baseUrl(), request.apiVersion(), request.modelName(),
                request.region());
        String model = checkedModel(blankToNull(request.modelName()));
        try (ApiKey key = ApiKey.of(keyText)) {
            ValidationResult result = validate(target, key, model);
            record(user, "credential.validate", result.valid() ? Outcome.SUCCESS : Outcome.FAILURE, provider, null,
                    result.valid() ? null : result.error().code().code());
            return ConnectionTest.of(result);
        }
    }

    /** The models a stored key can use, asked live from the provider. */
    public List<ModelInfo> models(CurrentUser user, UUID id) {
        StoredCredential current = owned(user, id, "credential.models");
        ProviderTarget target = target(current.provider(), current.baseUrl(), current.apiVersion(), current.modelName(),
                current.region());
        try (ApiKey key = open(user, current)) {
            ValidationResult result = validate(target, key, null);
            if (!result.valid()) {
                record(user, "credential.models", Outcome.FAILURE, current.provider(), id, result.error().code().code());
                throw ProviderProblems.of(result.error());
            }
            credentials.markValidated(user.id(), id, now());
            record(user, "credential.models", Outcome.SUCCESS, current.provider(), id, null);
            return result.models();
        }
    }

    /** Every live check goes through here, so failures are counted once, by provider and code. */
    private ValidationResult validate(ProviderTarget target, ApiKey key, String model) {
        ValidationResult result = validator.validate(target, key, model);
        if (!result.valid()) {
            metrics.counter("byom.key.validation.failures", "provider", target.provider().id(),
                    "code", result.error().code().code()).increment();
        }
        return result;
    }

    private StoredCredential owned(CurrentUser user, UUID id, String operation) {
        return credentials.findActive(user.id(), id).orElseThrow(() -> {
            // a foreign id looks exactly like a missing one
            record(user, operation, Outcome.DENIED, null, id, "not_found");
            metrics.counter("byom.unauthorized.access.attempts", "kind", "unknown_or_foreign_id").increment();
            return ApiProblem.notFound("Credential " + id);
        });
    }

    private StoredCredential get(UUID userId, UUID id) {
        return credentials.findActive(userId, id).orElseThrow(() -> ApiProblem.notFound("Credential " + id));
    }

    private ApiKey open(CurrentUser user, StoredCredential c) {
        try {
            return cipher.open(c.userId(), c.id(), c.encryptedApiKey());
        } catch (ApiKeyCipher.UnreadableKeyException e) {
            record(user, "credential.decrypt", Outcome.FAILURE, c.provider(), c.id(), "unreadable");
            throw new ApiProblem(HttpStatus.CONFLICT, "credential_unreadable", "This stored key can no longer be "
                    + "decrypted by the service. Delete the credential and add the key again; the operator has been alerted.");
        }
    }

    private static Provider provider(String id) {
        return Provider.fromId(id == null ? null : id.strip()).orElseThrow(() -> ApiProblem.badRequest(
                "unsupported_provider", "Unknown provider. Supported providers: " + Provider.supportedIds() + "."));
    }

    /** Where the provider is reached: base URLs come from users only for providers whose profile says so. */
    private static ProviderTarget target(Provider provider, String baseUrl, String apiVersion, String model,
                                         String region) {
        String url = blankToNull(baseUrl);
        provider.profile().targetProblem(url, apiVersion, model).ifPresent(problem -> {
            throw ApiProblem.badRequest(problem.code(), problem.message());
        });
        String where = blankToNull(region);
        if (provider.profile().takesRegion()) {
            provider.profile().regionProblem(where).ifPresent(problem -> {
                throw ApiProblem.badRequest(problem.code(), problem.message());
            });
        } else if (where != null) {
            throw ApiProblem.badRequest("region_not_allowed", "region applies only to "
                    + ProviderProfiles.all().stream().filter(ProviderProfile::takesRegion).map(ProviderProfile::id)
                            .reduce((a, b) -> a + ", " + b).orElse("no provider") + ".");
        }
        return new ProviderTarget(provider, url == null ? null : url.strip(), blankToNull(apiVersion), false, where);
    }

    /** A model name that is there must be a model id a provider URL can carry ({@link ModelIds}). */
    private static String checkedModel(String model) {
        if (model != null) {
            ModelIds.problem(model).ifPresent(problem -> {
                throw ApiProblem.badRequest("invalid_model_id", "model_name " + problem + ". " + ModelIds.RULE);
            });
        }
        return model;
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return tx.execute(status -> work.get());
        } catch (DataIntegrityViolationException e) {
            throw ApiProblem.conflict("concurrent_change",
                    "Another change to your credentials happened at the same time. Reload them and retry.");
        }
    }

    private void record(CurrentUser user, String operation, Outcome outcome, Provider provider, UUID credentialId,
                        String detail) {
        audit.record(AuditEvent.of(user.id(), operation, outcome, provider == null ? null : provider.id(),
                credentialId, user.clientAddress(), detail));
    }

    private static StoredCredential withDefault(StoredCredential c, boolean isDefault) {
        return new StoredCredential(c.id(), c.userId(), c.provider(), c.modelName(), c.label(), c.encryptedApiKey(),
                c.encryptionKeyId(), c.apiKeyMasked(), c.baseUrl(), c.apiVersion(), isDefault, c.isActive(),
                c.createdAt(), c.updatedAt(), c.lastUsedAt(), c.lastValidatedAt(), c.region());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
