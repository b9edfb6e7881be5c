package com.byomlab.calls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A call moved from one credential to the next of its fallback order: the route it left, the route it takes, and why.
 *
 * @param reason         the error code that made it move ("rate_limited", "insufficient_quota", "invalid_key",
 *                       "provider_unavailable", "timeout", "network"), or "cooling_down" when {@code from} was skipped
 *                       without being asked because it failed shortly before
 * @param failedAttempts attempts spent on {@code from} (0 when it was skipped)
 * @param coolingUntil   when {@code from} will be tried again
 * @param cooledReason   for "cooling_down": the error code of the failure that started the cooldown
 */
public record Fallback(CallRoute from, CallRoute to, String reason, int failedAttempts, Instant coolingUntil,
                       String cooledReason) {

    public static final String COOLING_DOWN = "cooling_down";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** For a person: "Switched from Anthropic · claude-… to OpenAI · gpt-… because the key was rate limited." */
    public String describe() {
        return "Switched from " + name(from) + " to " + name(to) + " because " + because() + ".";
    }

    private String because() {
        if (COOLING_DOWN.equals(reason)) {
            return "the key is cooling down after it " + failedWords(cooledReason)
                    + (coolingUntil == null ? "" : " (it is tried again from " + CLOCK.format(coolingUntil) + ")");
        }
        return "the key " + failedWords(reason);
    }

    /** The reason in words that follow "the key …" ("was rate limited"). */
    public static String failedWords(String code) {
        if (code == null) {
            return "failed";
        }
        return switch (code) {
            case "rate_limited" -> "was rate limited";
            case "insufficient_quota" -> "ran out of credit or quota";
            case "invalid_key" -> "was refused (invalid or revoked)";
            case "provider_unavailable" -> "met a provider outage or error";
            case "timeout" -> "got no answer in time";
            case "network" -> "could not reach the provider";
            default -> "failed (" + code + ")";
        };
    }

    /** "OpenAI · gpt-4o-mini", or "the system default (OpenAI · gpt-4o-mini)". */
    static String name(CallRoute route) {
        String what = route.provider().displayName() + " · " + route.model();
        return route.usesUserKey() ? what : "the system default (" + what + ")";
    }
}
