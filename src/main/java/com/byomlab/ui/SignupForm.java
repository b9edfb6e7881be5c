package com.byomlab.ui;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The sign-up form; the same rules as {@code POST /api/v1/users/signup}. */
record SignupForm(
        @NotBlank(message = "Enter your email address.") @Email(message = "Enter an email address like ada@example.com.")
        @Size(max = 320, message = "At most 320 characters.") String email,
        @NotBlank(message = "Choose a password.") @Size(min = 8, max = 128, message = "Use 8 to 128 characters.")
        String password,
        @Size(max = 200, message = "At most 200 characters.") String fullName) {

    static SignupForm empty() {
        return new SignupForm("", "", "");
    }

    @Override
    public String toString() {
        return "SignupForm[email=" + email + "]";
    }
}
