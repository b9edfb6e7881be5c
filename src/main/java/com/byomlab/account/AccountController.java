package com.byomlab.account;

import com.byomlab.ratelimit.RateLimits;
import com.byomlab.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class AccountController {

    record SignUpRequest(
            @NotBlank(message = "is required") @Email(message = "must be an email address like ada@example.com")
            @Size(max = 320, message = "must be at most 320 characters") String email,
            @NotBlank(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
            String password,
            @Size(max = 200, message = "must be at most 200 characters") String fullName) {
    }

    private final Accounts accounts;
    private final RateLimits rateLimits;

    AccountController(Accounts accounts, RateLimits rateLimits) {
        this.accounts = accounts;
        this.rateLimits = rateLimits;
    }

    /**
     * 409 {@code email_taken} tells that an account exists, which a person signing up needs to hear (there is no
     * mail to tell them privately); so every well-formed attempt counts against the per-address limit, created or not.
     */
    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount signUp(@Valid @RequestBody SignUpRequest request, HttpServletRequest http) {
        rateLimits.startSignUp(http.getRemoteAddr()); // rate limit: sign-ups per client address, before any work
        return accounts.signUp(request.email(), request.password(), request.fullName());
    }

    @GetMapping("/me")
    UserAccount me(CurrentUser user) {
        return accounts.get(user.id());
    }

    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteMe(CurrentUser user) {
        accounts.delete(user.id());
    }
}
