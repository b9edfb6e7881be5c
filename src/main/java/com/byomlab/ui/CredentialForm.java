package com.byomlab.ui;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The "add a credential" form. The key has no Bean Validation rule (a binding error would carry it as the
 * rejected value); the vault checks its format. Templates never write {@code apiKey} back into the page.
 * Every field is text, so that no input can fail conversion and leave the form unbound.
 */
record CredentialForm(
        @NotBlank(message = "Choose a provider.") String provider,
        String apiKey,
        @NotBlank(message = "Choose a model: press Test connection to list the models your key can use.")
        @Size(max = 100, message = "At most 100 characters.") String modelName,
        @Size(max = 100, message = "At most 100 characters.") String label,
        @Size(max = 2048, message = "At most 2048 characters.") String baseUrl,
        @Size(max = 32, message = "At most 32 characters.") String apiVersion,
        String makeDefault,
        String formToken,
        @Size(max = 32, message = "At most 32 characters.") String region) {

    static CredentialForm empty(String provider) {
        return new CredentialForm(provider, null, null, null, null, null, null, null, null);
    }

    /** The checkbox sends "true" when ticked and nothing otherwise. */
    public boolean wantsDefault() {
        return "true".equals(makeDefault);
    }

    @Override
    public String toString() {
        return "CredentialForm[provider=" + provider + ", apiKey=<redacted>, modelName=" + modelName + "]";
    }
}
