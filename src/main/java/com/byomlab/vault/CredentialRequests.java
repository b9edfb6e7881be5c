package com.byomlab.vault;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the credential API. The key has no Bean Validation size rule on purpose: a binding
 * error carries the rejected value and Spring logs it at DEBUG; {@link KeyFormat} checks it instead.
 * toString() hides the key, because Spring MVC logs request bodies at DEBUG.
 */
public final class CredentialRequests {

    private CredentialRequests() {
    }

    public record Create(
            @NotBlank(message = "is required: the id of the key's provider, e.g. openai, anthropic, google, groq "
                    + "or openai_compatible")
            String provider,
            @NotBlank(message = "is required: paste the key your provider issued") String apiKey,
            @Size(max = 100, message = "must be at most 100 characters") String modelName,
            @Size(max = 100, message = "must be at most 100 characters") String label,
            @Size(max = 2048, message = "must be at most 2048 characters") String baseUrl,
            @Size(max = 32, message = "must be at most 32 characters") String apiVersion,
            Boolean isDefault,
            @Size(max = 32, message = "must be at most 32 characters") String region) {

        public Create(String provider, String apiKey, String modelName, String label, String baseUrl, String apiVersion,
                      Boolean isDefault) {
            this(provider, apiKey, modelName, label, baseUrl, apiVersion, isDefault, null);
        }

        @Override
        public String toString() {
            return "Create[provider=" + provider + ", apiKey=<redacted>, modelName=" + modelName + "]";
        }
    }

    public record Update(
            String apiKey,
            @Size(max = 100, message = "must be at most 100 characters") String modelName,
            @Size(max = 100, message = "must be at most 100 characters") String label,
            @Size(max = 2048, message = "must be at most 2048 characters") String baseUrl,
            @Size(max = 32, message = "must be at most 32 characters") String apiVersion,
            Boolean isDefault,
            @Size(max = 32, message = "must be at most 32 characters") String region) {

        public Update(String apiKey, String modelName, String label, String baseUrl, String apiVersion,
                      Boolean isDefault) {
            this(apiKey, modelName, label, baseUrl, apiVersion, isDefault, null);
        }

        @Override
        public String toString() {
            return "Update[apiKey=" + (apiKey == null ? "unchanged" : "<redacted>") + ", modelName=" + modelName + "]";
        }
    }

    public record Validate(
            @NotBlank(message = "is required: the id of the key's provider, e.g. openai, anthropic, google, groq "
                    + "or openai_compatible")
            String provider,
            @NotBlank(message = "is required: paste the key your provider issued") String apiKey,
            @Size(max = 100, message = "must be at most 100 characters") String modelName,
            @Size(max = 2048, message = "must be at most 2048 characters") String baseUrl,
            @Size(max = 32, message = "must be at most 32 characters") String apiVersion,
            @Size(max = 32, message = "must be at most 32 characters") String region) {

        public Validate(String provider, String apiKey, String modelName, String baseUrl, String apiVersion) {
            this(provider, apiKey, modelName, baseUrl, apiVersion, null);
        }

        @Override
        public String toString() {
            return "Validate[provider=" + provider + ", apiKey=<redacted>, modelName=" + modelName + "]";
        }
    }
}
