/**
 * The OpenAI-compatible gateway: personal access tokens ({@code /api/v1/users/me/tokens}) and
 * {@code POST /v1/chat/completions} / {@code GET /v1/models} in OpenAI's wire format, served on the user's own
 * credential with the same metering, caps, rate limits and audit as Lab sessions.
 */
package com.byomlab.gateway;
