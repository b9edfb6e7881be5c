package com.byomlab.gateway;

import com.byomlab.web.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The user's personal access tokens for the gateway; behind the login (JWT) like the rest of /api. */
@RestController
@RequestMapping("/api/v1/users/me/tokens")
class TokenController {

    private final AccessTokens tokens;

    TokenController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TokenRequests.TokenView create(CurrentUser user, @Valid @RequestBody TokenRequests.CreateToken request) {
        return tokens.create(user.id(), request, user.clientAddress());
    }

    @GetMapping
    List<TokenRequests.TokenView> list(CurrentUser user) {
        return tokens.list(user.id());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(CurrentUser user, @PathVariable UUID id) {
        tokens.revoke(user.id(), id, user.clientAddress());
    }
}
