package com.byomlab.web;

/**
 * The one rule for text a user sends to be stored (labels, token names, goals, names): no NUL character. Nobody types
 * it, PostgreSQL cannot store it in a text column (H2 can, so on H2 it used to be stored), and C-based tools that
 * read the database or the audit export stop at it. A JSON {@code \u0000} escape is the usual way in: every JSON body
 * of the API is checked as it is parsed ({@link JsonSettings}); services check the form-fed fields the same way.
 */
public final class UserText {

    private UserText() {
    }

    /** {@code value} unchanged, or 400 {@code invalid_text} naming {@code field} (never quoting the value). */
    public static String check(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ApiProblem.badRequest("invalid_text", "'" + field + "' contains a NUL character (\\u0000), which "
                    + "cannot be stored. Remove it and retry.").with("field", field);
        }
        return value;
    }
}
