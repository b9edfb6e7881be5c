package com.byomlab.ui;

import jakarta.validation.constraints.Size;

/**
 * Edit or rotate a stored credential: an empty key keeps the stored one; a new one is validated before it replaces it.
 * A new base URL (providers that take one) needs the key in the same form: the stored key only goes where it was saved for.
 */
record EditForm(
        String apiKey,
        @Size(max = 100, message = "At most 100 characters.") String modelName,
        @Size(max = 100, message = "At most 100 characters.") String label,
        @Size(max = 2048, message = "At most 2048 characters.") String baseUrl,
        String formToken) {

    @Override
    public String toString() {
        return "EditForm[apiKey=" + (apiKey == null || apiKey.isBlank() ? "unchanged" : "<redacted>") + "]";
    }
}
