package com.byomlab.account;

import com.byomlab.keyring.MasterKeyRing;
import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiClient.Response;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountApiTest {

    @LocalServerPort
    int port;
    @Autowired
    MasterKeyRing keys;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void signUpLogInAndSeeYourself() {
        String email = "Ada-" + UUID.randomUUID() + "@Example.com";
        Response created = api.post("/api/v1/users/signup", null,
                Map.of("email", email, "password", "correct-horse-9", "full_name", "Ada Lovelace"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo(email.toLowerCase());
        assertThat(created.body()).doesNotContain("password").doesNotContain("correct-horse-9");

        String token = api.login(email, "correct-horse-9");
        Response me = api.get("/api/v1/users/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(created.text("id"));
        assertThat(me.text("full_name")).isEqualTo("Ada Lovelace");
    }

    @Test
    void duplicateEmailIsRefusedWithAHint() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        Map<String, String> body = Map.of("email", email, "password", "correct-horse-9");
        assertThat(api.post("/api/v1/users/signup", null, body).status()).isEqualTo(201);
        Response again = api.post("/api/v1/users/signup", null, Map.of("email", email.toUpperCase(), "password", "x-long-enough"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("email_taken");
    }

    @Test
    void badSignUpFieldsAreNamed() {
        Response r = api.post("/api/v1/users/signup", null, Map.of("email", "not-an-email", "password", "short"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("validation_failed");
        assertThat(r.json().path("fields").has("email")).isTrue();
        assertThat(r.json().path("fields").has("password")).isTrue();
        assertThat(r.body()).doesNotContain("short"); // never echo what was sent
    }

    @Test
    void malformedJsonIsA400ProblemNotA500() {
        Response r = api.raw("POST", "/api/v1/users/signup", null, "application/json", "{\"email\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("malformed_request");
        assertThat(r.headers().get("content-type").get(0)).startsWith("application/problem+json");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String token = api.newUser();
        String email = api.get("/api/v1/users/me", token).text("email");
        Response wrong = api.raw("POST", "/api/v1/login/access-token", null, "application/x-www-form-urlencoded",
                "username=" + email + "&password=wrong-password");
        Response unknown = api.raw("POST", "/api/v1/login/access-token", null, "application/x-www-form-urlencoded",
                "username=nobody-" + UUID.randomUUID() + "@example.com&password=wrong-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
    }

    @Test
    void missingGarbageAndExpiredTokensAre401WithAProblem() throws Exception {
        Response none = api.get("/api/v1/users/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text("code")).isEqualTo("unauthorized");

        Response garbage = api.get("/api/v1/users/me", "not.a.token");
        assertThat(garbage.status()).isEqualTo(401);

        String me = api.get("/api/v1/users/me", api.newUser()).text("id");
        String expired = signedToken(me, Instant.now().minusSeconds(3600));
        Response old = api.get("/api/v1/users/me", expired);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.text("code")).isEqualTo("token_expired");

        // the same token, still valid, works: the refusal above was for expiry alone
        assertThat(api.get("/api/v1/users/me", signedToken(me, Instant.now().plusSeconds(600))).status()).isEqualTo(200);
    }

    @Test
    void deletingTheAccountEndsIt() {
        String token = api.newUser();
        assertThat(api.delete("/api/v1/users/me", token).status()).isEqualTo(204);
        Response after = api.get("/api/v1/users/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.text("code")).isEqualTo("account_gone");
    }

    private String signedToken(String subject, Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(LoginTokens.ISSUER).subject(subject)
                .claim("roles", List.of("USER")).issueTime(Date.from(expiresAt.minusSeconds(7200)))
                .expirationTime(Date.from(expiresAt)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(keys.deriveSecret("login-token-signing", 32)));
        return jwt.serialize();
    }
}
