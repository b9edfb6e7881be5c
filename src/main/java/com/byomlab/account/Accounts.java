package com.byomlab.account;

import com.byomlab.web.ApiProblem;
import com.byomlab.web.UserText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Sign-up, password check and account removal. */
@Service
public class Accounts {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final String dummyHash;

    Accounts(UserRepository users, PasswordEncoder passwords, ApplicationEventPublisher events) {
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** BCrypt reads at most 72 bytes of a password; longer ones are refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    @Transactional
    public UserAccount signUp(String email, String password, String fullName) {
        UserText.check("email", email);
        UserText.check("full_name", fullName);
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiProblem.badRequest("password_too_long", "The password is too long: at most 72 bytes, which is "
                    + "72 plain letters or digits, fewer with accented or non-Latin characters.");
        }
        var user = new UserRepository.StoredUser(UUID.randomUUID(), normalise(email), passwords.encode(password),
                fullName == null ? null : fullName.strip(), "USER", Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("email_taken",
                    "An account with this email already exists. Log in instead, or sign up with another email.");
        }
        return user.account();
    }

    /** The account whose password matches, or empty; the same answer for unknown email and wrong password. */
    public Optional<UserAccount> authenticate(String email, String password) {
        if (email.indexOf('\u0000') >= 0) {
            return Optional.empty(); // no account has it, and PostgreSQL refuses NUL in a query parameter
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty(); // no account can have it
        }
        Optional<UserRepository.StoredUser> user = users.findByEmail(normalise(email));
        if (user.isEmpty()) {
            passwords.matches(password, dummyHash); // same work either way, so timing does not reveal accounts
            return Optional.empty();
        }
        return user.filter(u -> passwords.matches(password, u.passwordHash())).map(UserRepository.StoredUser::account);
    }

    public UserAccount get(UUID id) {
        return users.findById(id).map(UserRepository.StoredUser::account)
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, DeletedAccounts.CODE,
                        DeletedAccounts.MESSAGE));
    }

    /** The account with this id or email, if there is one: for administrators' pages, which name users. */
    public Optional<UserAccount> find(UUID id) {
        return users.findById(id).map(UserRepository.StoredUser::account);
    }

    public Optional<UserAccount> findByEmail(String email) {
        return email == null ? Optional.empty() : users.findByEmail(normalise(email)).map(UserRepository.StoredUser::account);
    }

    /** Deletes the account; listeners of {@link AccountDeleted} purge its data in the same transaction. */
    @Transactional
    public void delete(UUID id) {
        get(id);
        events.publishEvent(new AccountDeleted(id));
        users.delete(id);
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
