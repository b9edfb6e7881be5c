package com.byomlab.account;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login token decoder with the tokens whose signature it verified remembered: a client sends the same token on
 * every request, and parsing and verifying it anew was most of what a Lab request allocated in Spring Security
 * (JSON parsed several times over; docs/benchmarks.md, issue 27). Only the parse and signature are remembered: the
 * validator (expiry, issuer, the account not deleted) runs on every request as before, and a token it refuses is
 * forgotten and decoded anew, so that it is refused exactly as the decoder refuses it.
 */
final class VerifiedLoginTokens implements JwtDecoder {

    /** Tokens live an hour (byom.auth.token-ttl): past this many, the memory starts over rather than grow. */
    static final int MAX_REMEMBERED = 10_000;

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /** @param decoder verifies the signature and runs {@code validator} itself */
    VerifiedLoginTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = decoder.decode(token); // throws on a bad signature or a refusal of the validator
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }
}
