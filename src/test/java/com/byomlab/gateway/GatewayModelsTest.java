package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/models} in OpenAI's shape, with each model's creation time as its provider reports it (Unix
 * seconds): OpenAI's {@code created}, Anthropic's {@code created_at}; Gemini reports none, which is 0.
 */
class GatewayModelsTest extends ApiIntegrationTest {

    static Stream<Arguments> upstreams() {
        return Stream.of(Arguments.of(Upstream.openAi(OPENAI), 1_715_367_049L),   // the fake's "created"
                Arguments.of(Upstream.anthropic(ANTHROPIC), 1_747_872_000L),      // "2025-05-22T00:00:00Z"
                Arguments.of(Upstream.gemini(GEMINI), 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void eachModelCarriesItsProvidersCreationTime(Upstream up, long created) {
        String login = api.newUser();
        String token = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login, up));
        up.fake().models(up.model(), "another-model");

        Response list = api.get("/v1/models", token);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode data = list.json().path("data");
        assertThat(data).hasSize(2);
        for (JsonNode model : data) {
            assertThat(model.path("object").asString()).isEqualTo("model");
            assertThat(model.path("created").isIntegralNumber()).as(model.toString()).isTrue();
            assertThat(model.path("created").asLong()).as(model.toString()).isEqualTo(created);
            assertThat(model.path("owned_by").asString()).isEqualTo(up.provider());
        }
        Response one = api.get("/v1/models/" + up.model(), token);
        assertThat(one.json().path("created").asLong()).isEqualTo(created);
    }
}
