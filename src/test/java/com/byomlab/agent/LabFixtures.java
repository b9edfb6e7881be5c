package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/** Shared steps of the Lab tests: a validated credential, waiting for a session to end. */
final class LabFixtures {

    static final String SESSIONS = "/api/v1/lab/agent/sessions";
    static final String CREDENTIALS = "/api/v1/users/me/llm-credentials";

    private LabFixtures() {
    }

    static String credential(ApiClient api, FakeProviderServer fake, String token, String provider, String key,
                             String model) {
        fake.expectKey(key);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("provider", provider, "api_key", key,
                "model_name", model));
        if (com.byomlab.llm.ProviderProfiles.byId(provider).orElseThrow().takesRegion()) {
            body.put("region", com.byomlab.testsupport.fakes.FakeBedrock.REGION);
        }
        ApiClient.Response r = api.post(CREDENTIALS, token, body);
        if (r.status() != 201) {
            throw new AssertionError("could not store a credential: " + r);
        }
        return r.text("id");
    }

    static JsonNode awaitFinal(ApiClient api, String token, String id) {
        return api.awaitSessionEnd(token, id, java.time.Duration.ofSeconds(30));
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(10);
        }
    }

    static String rand() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
