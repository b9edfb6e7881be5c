package com.byomlab.account;

import com.byomlab.keyring.MasterKeyRing;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Login tokens: HS256 JWTs signed with {@code byom.auth.jwt-secret} when set, else with a key derived
 * from the master key (one secret for the operator to keep; every instance derives the same key).
 */
@Configuration(proxyBeanMethods = false)
class LoginTokens {

    static final String ISSUER = "byom-lab";
    private final SecretKey key;
    private final Duration ttl;
    private final JwtEncoder encoder;

    LoginTokens(MasterKeyRing keys, @Value("${byom.auth.jwt-secret:}") String configuredSecret,
                @Value("${byom.auth.token-ttl:1h}") Duration ttl) throws GeneralSecurityException {
        byte[] secret = configuredSecret.isBlank() ? keys.deriveSecret("login-token-signing", 32)
                : Base64.getDecoder().decode(configuredSecret.trim());
        if (secret.length < 32) {
            throw new IllegalStateException("byom.auth.jwt-secret must be the base64 of at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = ttl;
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    String issue(UserAccount user) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(user.id().toString())
                .claim("email", user.email()).claim("roles", List.of(user.role()))
                .issuedAt(now).expiresAt(now.plus(ttl)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    Duration ttl() {
        return ttl;
    }

    /**
     * Signature, expiry and issuer, then the account: a token outlives a deleted account, so every request's token is
     * refused with {@link DeletedAccounts#CODE} once its account is gone (web/SecurityConfiguration answers it).
     */
    @Bean
    JwtDecoder jwtDecoder(DeletedAccounts deleted) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        OAuth2TokenValidator<Jwt> standard = JwtValidators.createDefaultWithIssuer(ISSUER);
        OAuth2Error gone = new OAuth2Error(DeletedAccounts.CODE, DeletedAccounts.MESSAGE, null);
        OAuth2TokenValidator<Jwt> validator = jwt -> {
            OAuth2TokenValidatorResult result = standard.validate(jwt);
            if (result.hasErrors()) {
                return result; // an expired or foreign token costs no lookup
            }
            UUID userId;
            try {
                userId = UUID.fromString(String.valueOf(jwt.getSubject()));
            } catch (IllegalArgumentException e) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "no user id", null));
            }
            return deleted.isDeleted(userId) ? OAuth2TokenValidatorResult.failure(gone) : result;
        };
        decoder.setJwtValidator(validator);
        return new VerifiedLoginTokens(decoder, validator); // the validator still runs on every request
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, upgradable later
    }
}
