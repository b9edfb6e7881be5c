package com.byomlab.account;

import com.byomlab.ratelimit.LoginAttempt;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OAuth2-style password login (form fields username, password), as the original clients send it. */
@RestController
class LoginController {

    record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }

    private final Accounts accounts;
    private final LoginTokens tokens;
    private final RateLimits rateLimits;

    LoginController(Accounts accounts, LoginTokens tokens, RateLimits rateLimits) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.rateLimits = rateLimits;
    }

    @PostMapping(path = "/api/v1/login/access-token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    AccessToken login(@RequestParam String username, @RequestParam String password, HttpServletRequest request) {
        // rate limit: failed logins per account and per address; refused (429) before the password is checked
        LoginAttempt attempt = rateLimits.startLogin(username, request.getRemoteAddr());
        UserAccount user = accounts.authenticate(username, password)
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "bad_credentials",
                        "Email or password is wrong. Check both, or sign up at POST /api/v1/users/signup."));
        attempt.succeeded(); // rate limit: a successful login does not count
        return new AccessToken(tokens.issue(user), "bearer", tokens.ttl().toSeconds());
    }
}
