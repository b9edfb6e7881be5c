package com.byomlab.calls;

import java.util.List;
import java.util.UUID;

/**
 * A fallback order as a client sends it ({@code {"credential_ids": [...], "use_system_default": false}}): for
 * {@code PUT /api/v1/users/me/llm-fallback}, and as the optional {@code llm_fallback} of a new session or token.
 * Checked by {@link FallbackOrders#validated} before it is used or stored.
 */
public record FallbackRequest(List<UUID> credentialIds, Boolean useSystemDefault) {
}
