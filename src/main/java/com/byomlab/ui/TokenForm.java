package com.byomlab.ui;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The "create an access token" form. Every field is text, so that a bad input binds and is shown back with its error.
 * {@code credentialId} empty: the token follows the user's default credential at each call.
 */
record TokenForm(
        @NotBlank(message = "Give the token a name, e.g. the tool or machine it is for.")
        @Size(max = 100, message = "At most 100 characters.") String name,
        String credentialId,
        @Size(max = 10, message = "Enter a number of days from 1 to 3650, or leave it empty.") String expiresInDays,
        String formToken) {

    static TokenForm empty() {
        return new TokenForm("", "", "", null);
    }
}
