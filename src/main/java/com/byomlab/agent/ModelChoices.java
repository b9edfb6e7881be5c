package com.byomlab.agent;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.ModelIds;
import com.byomlab.llm.Provider;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.llm.ValidationResult;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;
import com.byomlab.vault.UsableCredential;
import com.byomlab.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Turns a session request's model choice into what will actually run, or refuses it with a 4xx.
 * There is no silent fallback: a credential that was asked for and cannot serve is an error.
 */
@Component
class ModelChoices {

    private final SessionCredentials credentials;
    private final SystemDefaultModel systemDefault;
    private final KeyValidator validator;
    private final boolean byomEnabled;
    private final boolean demo;

    ModelChoices(SessionCredentials credentials, SystemDefaultModel systemDefault, KeyValidator validator,
                 @Value("${byom.enabled:true}") boolean byomEnabled, @Value("${byom.demo:false}") boolean demo) {
        this.credentials = credentials;
        this.systemDefault = systemDefault;
        this.validator = validator;
        this.byomEnabled = byomEnabled;
        this.demo = demo;
    }

    ChosenModel resolve(UUID userId, UUID credentialId, String model, boolean useSystemDefault) {
        return resolve(userId, credentialId, model, useSystemDefault, true);
    }

    /**
     * @param checkKey false for an estimate: what would run, without decrypting the key or asking the
     *                 provider whether another model exists
     */
    ChosenModel resolve(UUID userId, UUID credentialId, String model, boolean useSystemDefault, boolean checkKey) {
        if (model != null) {
            ModelIds.problem(model).ifPresent(problem -> {
                throw ApiProblem.badRequest("invalid_model_id", "llm_model " + problem + ". " + ModelIds.RULE);
            });
        }
        if (useSystemDefault && credentialId != null) {
            throw ApiProblem.badRequest("conflicting_model_choice",
                    "Send either use_system_default or llm_credential_id, not both.");
        }
        if (useSystemDefault) {
            if (model != null) {
                throw ApiProblem.badRequest("conflicting_model_choice",
                        "llm_model applies to one of your credentials; the system default runs the operator's model.");
            }
            return system();
        }
        if (credentialId != null) {
            if (!byomEnabled) {
                throw ApiProblem.conflict("byom_disabled", "Your own credentials are switched off on this service "
                        + "by the operator. Start the session without llm_credential_id to use the system default.");
            }
            return ofCredential(userId, describe(userId, credentialId), model, checkKey);
        }
        if (model != null) {
            throw ApiProblem.badRequest("model_without_credential",
                    "llm_model needs llm_credential_id: say which of your credentials should run it.");
        }
        Optional<UsableCredential> mine = byomEnabled ? credentials.defaultOf(userId) : Optional.empty();
        return mine.map(c -> ofCredential(userId, c, null, checkKey)).orElseGet(this::system);
    }

    private UsableCredential describe(UUID userId, UUID credentialId) {
        try {
            return credentials.describe(userId, credentialId);
        } catch (CredentialUnavailableException e) {
            throw ApiProblem.notFound("Credential " + credentialId);
        }
    }

    private ChosenModel ofCredential(UUID userId, UsableCredential c, String requestedModel, boolean checkKey) {
        String model = requestedModel != null ? requestedModel : c.modelName();
        if (model == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "model_required", "This credential has no default "
                    + "model. Send llm_model, or set model_name on the credential (GET …/llm-credentials/{id}/models lists them).");
        }
        if (!checkKey) {
            return new ChosenModel(c.id(), c.provider(), model, c.target(), false);
        }
        // Decrypt now so that an unreadable key fails the request, not the session; a model other than the
        // credential's validated one is checked live against the provider's list.
        try (ApiKey key = credentials.open(userId, c.id(), null)) {
            if (requestedModel != null && !requestedModel.equals(c.modelName())) {
                ValidationResult check = validator.validate(c.target(), key, requestedModel);
                if (!check.valid()) {
                    throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, check.error().code().code(),
                            check.error().message()).with("hint", check.error().hint());
                }
            }
        } catch (CredentialUnavailableException e) {
            throw ApiProblem.conflict("credential_unreadable", "This credential's key cannot be used (it was deleted "
                    + "or can no longer be decrypted). Add the key again in your settings.");
        }
        return new ChosenModel(c.id(), c.provider(), model, c.target(), false);
    }

    private ChosenModel system() {
        if (!systemDefault.configured()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "system_default_unavailable", "The operator has not "
                    + "configured a system default model. Add a credential of your own in settings and choose it.");
        }
        Provider provider = Provider.fromId(systemDefault.provider()).orElseThrow();
        return new ChosenModel(null, provider, systemDefault.model(), systemDefault.target(), demo);
    }
}
