package com.byomlab.vault;

import com.byomlab.llm.ModelInfo;
import com.byomlab.ratelimit.Limit;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.web.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Keys travel only in request bodies (never in a URL or a GET), and never come back. */
@RestController
@RequestMapping("/api/v1/users/me/llm-credentials")
class CredentialController {

    private final CredentialVault vault;
    private final RateLimits rateLimits; // rate limits: each handler takes its units first, before any work

    CredentialController(CredentialVault vault, RateLimits rateLimits) {
        this.vault = vault;
        this.rateLimits = rateLimits;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CredentialView create(CurrentUser user, @Valid @RequestBody CredentialRequests.Create request) {
        rateLimits.consume(user.id(), Limit.CREDENTIAL_WRITES, Limit.VALIDATIONS); // rate limit
        return vault.create(user, request);
    }

    @GetMapping
    List<CredentialView> list(CurrentUser user) {
        rateLimits.consume(user.id(), Limit.CREDENTIAL_READS); // rate limit
        return vault.list(user);
    }

    @PatchMapping("/{id}")
    CredentialView update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody CredentialRequests.Update request) {
        rateLimits.consume(user.id(), mayValidate(request) ? new Limit[] {Limit.CREDENTIAL_WRITES, Limit.VALIDATIONS}
                : new Limit[] {Limit.CREDENTIAL_WRITES}); // rate limit
        return vault.update(user, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser user, @PathVariable UUID id) {
        rateLimits.consume(user.id(), Limit.CREDENTIAL_WRITES); // rate limit
        vault.delete(user, id);
    }

    @PutMapping("/{id}/default")
    CredentialView setDefault(CurrentUser user, @PathVariable UUID id) {
        rateLimits.consume(user.id(), Limit.CREDENTIAL_WRITES); // rate limit
        return vault.setDefault(user, id);
    }

    @PostMapping("/validate")
    ConnectionTest validate(CurrentUser user, @Valid @RequestBody CredentialRequests.Validate request) {
        rateLimits.consume(user.id(), Limit.VALIDATIONS); // rate limit
        return vault.testConnection(user, request);
    }

    @GetMapping("/{id}/models")
    List<ModelInfo> models(CurrentUser user, @PathVariable UUID id) {
        rateLimits.consume(user.id(), Limit.CREDENTIAL_READS); // rate limit
        return vault.models(user, id);
    }

    /** Rate limit: a PATCH that changes the key, model or endpoint may re-validate live, so it counts as a validation too. */
    private static boolean mayValidate(CredentialRequests.Update request) {
        return request.apiKey() != null || request.modelName() != null || request.baseUrl() != null
                || request.apiVersion() != null;
    }
}
