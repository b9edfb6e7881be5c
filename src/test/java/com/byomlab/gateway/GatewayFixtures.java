package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiClient.Response;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Users, credentials and tokens for gateway tests, through the real API. */
final class GatewayFixtures {

    static final String TOKENS = "/api/v1/users/me/tokens";
    static final String CREDENTIALS = "/api/v1/users/me/llm-credentials";

    private GatewayFixtures() {
    }

    /** Stores the upstream's key as a credential of the logged-in user; returns its id. */
    static String credential(ApiClient api, String login, Upstream upstream) {
        upstream.fake().expectKey(upstream.key());
        Map<String, Object> body = new HashMap<>(Map.of("provider", upstream.provider(), "api_key",
                upstream.key(), "model_name", upstream.model()));
        if (com.byomlab.llm.ProviderProfiles.byId(upstream.provider()).orElseThrow().takesRegion()) {
            body.put("region", com.byomlab.testsupport.fakes.FakeBedrock.REGION);
        }
        Response created = api.post(CREDENTIALS, login, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    /** A token bound to {@code credentialId} (null: "my default"); returns the create answer. */
    static Response token(ApiClient api, String login, String credentialId, Integer expiresInDays) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "test token");
        if (credentialId != null) {
            body.put("credential_id", credentialId);
        }
        if (expiresInDays != null) {
            body.put("expires_in_days", expiresInDays);
        }
        Response created = api.post(TOKENS, login, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    static String secret(ApiClient api, String login, String credentialId) {
        return token(api, login, credentialId, null).text("token");
    }
}
