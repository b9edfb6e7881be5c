package com.byomlab.vault;

import com.byomlab.llm.ModelInfo;
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

    CredentialController(CredentialVault vault) {
        this.vault = vault;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CredentialView create(CurrentUser user, @Valid @RequestBody CredentialRequests.Create request) {
        return vault.create(user, request);
    }

    @GetMapping
    List<CredentialView> list(CurrentUser user) {
        return vault.list(user);
    }

    @PatchMapping("/{id}")
    CredentialView update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody CredentialRequests.Update request) {
        return vault.update(user, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser user, @PathVariable UUID id) {
        vault.delete(user, id);
    }

    @PutMapping("/{id}/default")
    CredentialView setDefault(CurrentUser user, @PathVariable UUID id) {
        return vault.setDefault(user, id);
    }

    @PostMapping("/validate")
    ConnectionTest validate(CurrentUser user, @Valid @RequestBody CredentialRequests.Validate request) {
        return vault.testConnection(user, request);
    }

    @GetMapping("/{id}/models")
    List<ModelInfo> models(CurrentUser user, @PathVariable UUID id) {
        return vault.models(user, id);
    }
}
