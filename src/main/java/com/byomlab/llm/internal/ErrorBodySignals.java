package com.byomlab.llm.internal;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Reads the few machine-readable markers in provider error bodies that change the diagnosis. Returns
 * booleans only: the body's text itself never leaves this class.
 */
final class ErrorBodySignals {

    private ErrorBodySignals() {
    }

    /**
     * OpenAI (and Azure) out-of-credit: 429 with {@code error.code} or {@code error.type} "insufficient_quota"
     * (https://platform.openai.com/docs/guides/error-codes).
     */
    static boolean openAiInsufficientQuota(String body) {
        JsonNode error = Json.parseLenient(body).path("error");
        // Azure spells codes in PascalCase ("InsufficientQuota"), so compare without case or underscores.
        return isInsufficientQuota(Json.text(error.path("code"))) || isInsufficientQuota(Json.text(error.path("type")));
    }

    private static boolean isInsufficientQuota(String code) {
        return code.replace("_", "").equalsIgnoreCase("insufficientquota");
    }

    /**
     * Anthropic out-of-credit: 400 invalid_request_error "Your credit balance is too low..." or 402
     * billing_error (https://docs.anthropic.com/en/api/errors).
     */
    static boolean anthropicBilling(String body) {
        JsonNode error = Json.parseLenient(body).path("error");
        return "billing_error".equals(Json.text(error.path("type")))
                || Json.text(error.path("message")).toLowerCase(Locale.ROOT).contains("credit balance");
    }

    /**
     * Gemini answers a bad key with 400 INVALID_ARGUMENT whose ErrorInfo reason is API_KEY_INVALID
     * (https://ai.google.dev/gemini-api/docs/troubleshooting).
     */
    static boolean googleInvalidKey(String body) {
        return googleDetailReason(body, "API_KEY_INVALID");
    }

    /** Gemini 400 FAILED_PRECONDITION: free tier unavailable here, billing must be enabled. */
    static boolean googleBillingRequired(String body) {
        return "FAILED_PRECONDITION".equals(Json.text(Json.parseLenient(body).path("error").path("status")));
    }

    /** Gemini 429 whose QuotaFailure names a per-day quota: waiting a minute will not help. */
    static boolean googleDailyQuotaExhausted(String body) {
        for (JsonNode detail : Json.parseLenient(body).path("error").path("details")) {
            for (JsonNode violation : detail.path("violations")) {
                if (Json.text(violation.path("quotaId")).contains("PerDay")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Gemini's 429 carries no Retry-After header but a google.rpc.RetryInfo detail, {@code "retryDelay":"7s"}
     * (https://ai.google.dev/gemini-api/docs/rate-limits).
     */
    static java.util.Optional<java.time.Duration> googleRetryDelay(String body) {
        for (JsonNode detail : Json.parseLenient(body).path("error").path("details")) {
            String delay = Json.text(detail.path("retryDelay"));
            if (delay.matches("\\d+(\\.\\d+)?s")) {
                double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                return java.util.Optional.of(java.time.Duration.ofMillis((long) Math.ceil(seconds * 1000)));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean googleDetailReason(String body, String reason) {
        for (JsonNode detail : Json.parseLenient(body).path("error").path("details")) {
            if (reason.equals(Json.text(detail.path("reason")))) {
                return true;
            }
        }
        return false;
    }
}
