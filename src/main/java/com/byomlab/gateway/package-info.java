/**
 * The gateway: personal access tokens ({@code /api/v1/users/me/tokens}), {@code POST /v1/chat/completions} /
 * {@code GET /v1/models} in OpenAI's wire format and {@code POST /v1/messages} (+ {@code /count_tokens}) in
 * Anthropic's, served on the user's own credential with the same metering, caps, rate limits and audit as Lab
 * sessions. A request in a provider's own protocol is passed through to a credential of that provider, and
 * translated for any other.
 */
package com.byomlab.gateway;
