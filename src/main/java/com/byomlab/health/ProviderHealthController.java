package com.byomlab.health;

import com.byomlab.web.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/v1/providers/health}: every provider's health from all users' calls (counts and latencies only),
 * and the caller's own credentials' (calls, errors, latency, cooldown). Signed-in users only.
 */
@RestController
class ProviderHealthController {

    /** How "degraded" is decided here, so a client can show it. */
    record Rule(long windowSeconds, int minCalls, double errorRate, long slowLatencyMs) {
    }

    record HealthView(Rule degradedWhen, List<ProviderStatus> providers, List<CredentialHealth> credentials) {
    }

    private final ProviderHealth health;

    ProviderHealthController(ProviderHealth health) {
        this.health = health;
    }

    @GetMapping("/api/v1/providers/health")
    HealthView health(CurrentUser user) {
        HealthSettings s = health.settings();
        return new HealthView(new Rule(s.window().toSeconds(), s.minCalls(), s.errorRate(), s.slowLatency().toMillis()),
                health.providers(), health.credentials(user.id()));
    }
}
