package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * byom.enabled=false: the gateway exists to serve users' own keys, so it refuses its calls (403 byom_disabled, a
 * client must not retry) instead of running them on the operator's system default. The same property set as the
 * Lab's switched-off test, so both share one Spring context.
 */
@TestPropertySource(properties = "byom.enabled=false")
class GatewaySwitchedOffTest extends ApiIntegrationTest {

    @Test
    void callsAndListingsAreRefusedWithoutAskingAnyProvider() {
        String login = api.newUser();
        String token = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login,
                Upstream.openAi(OPENAI)));
        int upstreamCalls = OPENAI.chat().requests().size();

        Response refused = api.post("/v1/chat/completions", token, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));

        GatewayErrorsTest.assertError(refused, 403, "invalid_request_error", "byom_disabled", null);
        assertThat(refused.headers().get("x-should-retry")).containsExactly("false");
        assertThat(api.get("/v1/models", token).status()).isEqualTo(403);
        assertThat(OPENAI.chat().requests()).hasSize(upstreamCalls);
    }
}
