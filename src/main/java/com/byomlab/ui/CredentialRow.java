package com.byomlab.ui;

import com.byomlab.llm.Provider;
import com.byomlab.vault.CredentialView;

import java.util.UUID;

/** One row of the credentials table: masked key only, times in words. */
record CredentialRow(UUID id, String provider, String providerName, String label, String model, String maskedKey,
                     boolean isDefault, String lastUsed, String lastValidated, String baseUrl) {

    static CredentialRow of(CredentialView c) {
        return new CredentialRow(c.id(), c.provider(), Provider.fromId(c.provider()).map(Provider::displayName)
                .orElse(c.provider()), c.label(), c.modelName(), c.apiKeyMasked(), c.isDefault(),
                Format.time(c.lastUsedAt()), Format.time(c.lastValidatedAt()), c.baseUrl());
    }

    /** "OpenAI · gpt-4o-mini", or with the label: "Work (OpenAI · gpt-4o-mini)". */
    public String title() {
        String what = providerName + " · " + (model == null ? "no model" : model);
        return label == null ? what : label + " (" + what + ")";
    }
}
