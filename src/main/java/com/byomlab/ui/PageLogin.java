package com.byomlab.ui;

import com.byomlab.account.Accounts;
import com.byomlab.account.UserAccount;
import com.byomlab.ratelimit.LoginAttempt;
import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.ratelimit.RateLimits;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.List;

/**
 * The login form's check, backed by {@link Accounts} and the same failed-login limits as the token endpoint.
 * Not a bean on purpose: a global AuthenticationProvider would also join the API chain's manager.
 */
final class PageLogin implements AuthenticationProvider {

    private final Accounts accounts;
    private final RateLimits rateLimits;

    PageLogin(Accounts accounts, RateLimits rateLimits) {
        this.accounts = accounts;
        this.rateLimits = rateLimits;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String email = login.getName() == null ? "" : login.getName();
        String password = login.getCredentials() == null ? "" : login.getCredentials().toString();
        String address = login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        LoginAttempt attempt;
        try {
            attempt = rateLimits.startLogin(email, address);
        } catch (RateLimitExceeded e) {
            throw new LockedException(e.getMessage());
        }
        UserAccount user = accounts.authenticate(email, password)
                .orElseThrow(() -> new BadCredentialsException("Email or password is wrong."));
        attempt.succeeded(); // only failed logins count
        return authenticated(user);
    }

    /** A logged-in user's authentication, also used right after sign-up. */
    static Authentication authenticated(UserAccount user) {
        PageUser principal = PageUser.of(user);
        List<GrantedAuthority> roles = principal.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
