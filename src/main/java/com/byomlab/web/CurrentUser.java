package com.byomlab.web;

import java.util.UUID;

/**
 * The authenticated caller and where the request came from. Controllers take it as a parameter;
 * it is resolved from the verified login token, never from the request body.
 */
public record CurrentUser(UUID id, String email, boolean admin, String clientAddress) {
}
