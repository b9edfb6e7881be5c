/**
 * Provider health: error rate and latency per provider over the last minutes, from this service's own metering
 * (llm_usage, aggregated over every user, no user data), and per credential for its owner, with its cooldown.
 * {@code GET /api/v1/providers/health}; the pages warn when a provider is degraded ({@link
 * com.byomlab.health.HealthSettings} defines it).
 */
package com.byomlab.health;
