package com.byomlab.ui;

import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.web.ApiProblem;

/**
 * A refusal from a service, placed next to the form field it concerns ({@code field} null: the whole form),
 * with the how-to-fix hint and the provider's key page when there is one.
 */
record FormProblem(String field, String code, String message, String hint, String docsUrl) {

    static FormProblem of(ApiProblem p) {
        String field = p.properties().get("field") instanceof String name ? formField(name) : fieldOf(p.code());
        return new FormProblem(field, p.code(), p.getMessage(), text(p, "hint"), text(p, "docs_url"));
    }

    static FormProblem of(RateLimitExceeded e) {
        return new FormProblem(null, "rate_limited", e.getMessage(), null, null);
    }

    static FormProblem general(String code, String message) {
        return new FormProblem(null, code, message, null, null);
    }

    boolean isFor(String name) {
        return name.equals(field);
    }

    private static String fieldOf(String code) {
        return switch (code) {
            case "invalid_key_format", "invalid_key", "insufficient_quota", "api_key_required" -> "apiKey";
            case "base_url_required", "base_url_not_allowed", "bad_base_url" -> "baseUrl";
            case "api_version_not_allowed" -> "apiVersion";
            case "region_required", "invalid_region", "region_not_allowed" -> "region";
            case "model_name_required", "unknown_model", "model_required", "invalid_model_id" -> "modelName";
            case "unsupported_provider" -> "provider";
            default -> null; // network, timeout, provider_unavailable, rate_limited, concurrent_change...
        };
    }

    /** A problem that names its JSON field ("model_name") belongs next to the form's field ("modelName"). */
    static String formField(String jsonName) {
        StringBuilder out = new StringBuilder();
        for (String part : jsonName.split("_")) {
            out.append(out.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    private static String text(ApiProblem p, String property) {
        Object value = p.properties().get(property);
        return value == null ? null : value.toString();
    }
}
