package com.byomlab.account;

import com.byomlab.web.ApiProblem;
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

    LoginController(Accounts accounts, LoginTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @PostMapping(path = "/api/v1/login/access-token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    AccessToken login(@RequestParam String username, @RequestParam String password) {
        UserAccount user = accounts.authenticate(username, password)
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "bad_credentials",
                        "Email or password is wrong. Check both, or sign up at POST /api/v1/users/signup."));
        return new AccessToken(tokens.issue(user), "bearer", tokens.ttl().toSeconds());
    }
}
