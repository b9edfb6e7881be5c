package com.byomlab.calls;

import com.byomlab.web.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The caller's fallback order: {@code GET/PUT /api/v1/users/me/llm-fallback}. */
@RestController
@RequestMapping("/api/v1/users/me/llm-fallback")
class FallbackController {

    /** @param systemDefaultAllowed whether the operator allows use_system_default (read-only) */
    record FallbackView(List<UUID> credentialIds, boolean useSystemDefault, boolean systemDefaultAllowed) {
    }

    private final FallbackOrders orders;

    FallbackController(FallbackOrders orders) {
        this.orders = orders;
    }

    @GetMapping
    FallbackView get(CurrentUser user) {
        return view(orders.ofUser(user.id()));
    }

    /** Replaces the order; {@code {"credential_ids": [], "use_system_default": false}} removes it. */
    @PutMapping
    FallbackView put(CurrentUser user, @RequestBody FallbackRequest request) {
        return view(orders.replace(user.id(), request, user.clientAddress()));
    }

    private FallbackView view(FallbackOrder order) {
        return new FallbackView(order.credentialIds(), order.useSystemDefault(), orders.systemDefaultAllowed());
    }
}
