package com.byomlab.account;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified token is not parsed and verified again, but the validator (expiry, account deleted) runs every time. */
class VerifiedLoginTokensTest {

    private final AtomicInteger decoded = new AtomicInteger();
    private final AtomicInteger validated = new AtomicInteger();
    private final AtomicBoolean accountGone = new AtomicBoolean();

    private final JwtDecoder signatureChecking = token -> {
        decoded.incrementAndGet();
        if (!token.startsWith("signed.")) {
            throw new BadJwtException("bad signature");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "HS256").subject("u1").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600)).build();
        if (validate(jwt).hasErrors()) {
            throw new JwtValidationException("account gone", List.of(new OAuth2Error("account_gone")));
        }
        return jwt;
    };

    private OAuth2TokenValidatorResult validate(Jwt jwt) {
        validated.incrementAndGet();
        return accountGone.get() ? OAuth2TokenValidatorResult.failure(new OAuth2Error("account_gone"))
                : OAuth2TokenValidatorResult.success();
    }

    private final VerifiedLoginTokens tokens = new VerifiedLoginTokens(signatureChecking, this::validate);

    @Test
    void aKnownTokenIsValidatedOnEveryRequestButDecodedOnce() {
        Jwt first = tokens.decode("signed.a");
        Jwt second = tokens.decode("signed.a");

        assertThat(second).isSameAs(first);
        assertThat(decoded).hasValue(1);
        assertThat(validated).hasValue(2);
    }

    @Test
    void aKnownTokenOfADeletedAccountIsRefusedOnTheNextRequestAsTheDecoderRefusesIt() {
        tokens.decode("signed.b");
        accountGone.set(true);

        assertThatThrownBy(() -> tokens.decode("signed.b")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("account gone");
        assertThat(decoded).as("decoded anew, to fail as the decoder fails").hasValue(2);

        accountGone.set(false);
        tokens.decode("signed.b");
        assertThat(decoded).as("forgotten after the refusal").hasValue(3);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode("forged.c")).isInstanceOf(BadJwtException.class);
        }
        assertThat(decoded).hasValue(2);
    }
}
