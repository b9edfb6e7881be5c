package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.llm.internal.http.RefusedAddressException;
import com.byomlab.testsupport.fakes.FakeOpenAi;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;

/**
 * The policy is enforced on the address the client connects to: "localhost" passes the URL pre-check (it
 * is a name) and must still never be connected to. Hitting the fake proves nothing was refused.
 */
class ConnectTimeEndpointPolicyTest {

    private final FakeOpenAi server = FakeOpenAi.compatible("k", "/v1");
    private ProviderHttpClients clients;

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    private String localhostUrl() {
        return "http://localhost:" + server.port() + "/v1";
    }

    @Test
    void nameResolvingToLoopbackIsRefusedAtConnectTime() {
        clients = new ProviderHttpClients(new BaseUrlPolicy(false));
        HttpRequest request = HttpRequest.builder().method(HttpMethod.GET).url(localhostUrl() + "/models")
                .addHeader("Authorization", "Bearer k").build();

        assertThatThrownBy(() -> clients.userEndpoint().readTimeout(Duration.ofSeconds(2)).build().execute(request))
                .hasRootCauseInstanceOf(RefusedAddressException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void validatorReportsBadBaseUrlWithoutReachingTheServer() {
        BaseUrlPolicy policy = new BaseUrlPolicy(false);
        clients = new ProviderHttpClients(policy);
        KeyValidator validator = new KeyValidator(properties(false), policy, clients);

        try (ApiKey key = ApiKey.of("k")) {
            ValidationResult result = validator.validate(
                    ProviderTarget.of(Provider.OPENAI_COMPATIBLE, localhostUrl()), key, null);

            assertThat(result.valid()).isFalse();
            assertThat(result.error().code()).isEqualTo(ErrorCode.BAD_BASE_URL);
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void allowedWhenPrivateEndpointsAreEnabled() {
        BaseUrlPolicy policy = new BaseUrlPolicy(true);
        clients = new ProviderHttpClients(policy);
        KeyValidator validator = new KeyValidator(properties(true), policy, clients);

        try (ApiKey key = ApiKey.of("k")) {
            ValidationResult result = validator.validate(
                    ProviderTarget.of(Provider.OPENAI_COMPATIBLE, localhostUrl()), key, null);

            assertThat(result.valid()).isTrue();
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void operatorOverrideIsTrustedEvenOnLoopback() {
        BaseUrlPolicy policy = new BaseUrlPolicy(false);
        clients = new ProviderHttpClients(policy);
        LlmProperties properties = new LlmProperties(
                Map.of("openai", new LlmProperties.ProviderSettings(localhostUrl(), null)),
                new LlmProperties.Security(false), new LlmProperties.Llm(Duration.ofSeconds(2)));
        KeyValidator validator = new KeyValidator(properties, policy, clients);

        try (ApiKey key = ApiKey.of("k")) {
            assertThat(validator.validate(ProviderTarget.of(Provider.OPENAI), key, null).valid()).isTrue();
        }
    }

    @Test
    void userBaseUrlForAProviderWithAFixedEndpointIsRefused() {
        BaseUrlPolicy policy = new BaseUrlPolicy(true);
        clients = new ProviderHttpClients(policy);
        KeyValidator validator = new KeyValidator(properties(true), policy, clients);

        try (ApiKey key = ApiKey.of("k")) {
            ValidationResult result = validator.validate(ProviderTarget.of(Provider.OPENAI, server.baseUrl()), key, null);

            assertThat(result.error().code()).isEqualTo(ErrorCode.BAD_BASE_URL);
        }
        assertThat(server.requests()).isEmpty();
    }

    private static LlmProperties properties(boolean allowPrivate) {
        return new LlmProperties(Map.of(), new LlmProperties.Security(allowPrivate),
                new LlmProperties.Llm(Duration.ofSeconds(2)));
    }
}
