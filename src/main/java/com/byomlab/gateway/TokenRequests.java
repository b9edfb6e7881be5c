package com.byomlab.gateway;

import com.byomlab.calls.FallbackOrder;
import com.byomlab.calls.FallbackRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** The JSON shapes of the token API (snake_case on the wire). */
public final class TokenRequests {

    private TokenRequests() {
    }

    /**
     * @param credentialId  one of the caller's credentials; absent or null binds the token to "my default"
     * @param expiresInDays absent: the token does not expire
     * @param llmFallback   the token's own fallback order (an empty one: none); absent, the user's applies
     */
    public record CreateToken(@NotBlank @Size(max = 100) String name, UUID credentialId,
                       @Min(1) @Max(3650) Integer expiresInDays, FallbackRequest llmFallback) {
    }

    /**
     * A token as its owner sees it. {@code token} is the secret, present only in the answer to its creation.
     *
     * @param boundTo "credential" or "default"
     */
    public record TokenView(UUID id, String name, String token, String tokenMasked, String boundTo, UUID credentialId,
                     Instant createdAt, Instant expiresAt, boolean expired, Instant lastUsedAt,
                     FallbackOrder llmFallback) {

        /** @param fallback the token's own fallback order, or null when the user's applies */
        static TokenView of(AccessToken t, String secret, Instant now, FallbackOrder fallback) {
            return new TokenView(t.id(), t.name(), secret, t.masked(),
                    t.credentialId() == null ? "default" : "credential", t.credentialId(), t.createdAt(),
                    t.expiresAt(), t.expiredAt(now), t.lastUsedAt(), fallback);
        }

        /** Spring logs what it writes at DEBUG: never the secret. */
        @Override
        public String toString() {
            return "TokenView[id=" + id + ", tokenMasked=" + tokenMasked + ", boundTo=" + boundTo + "]";
        }
    }
}
