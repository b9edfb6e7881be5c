package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeOpenAi;

import dev.langchain4j.data.message.UserMessage;

class SystemDefaultModelTest {

    @Configuration
    @EnableConfigurationProperties({SystemDefaultModel.class, LlmCallProperties.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void bindsTheSystemDefaultAndTheCallSettings() {
        runner.withPropertyValues("byom.system-default.provider=anthropic",
                        "byom.system-default.model=claude-sonnet-4-20250514",
                        "byom.system-default.api-key=sk-ant-operator-key-123456",
                        "byom.llm.call-timeout=30s", "byom.llm.retry.initial-backoff=10ms")
                .run(context -> {
                    SystemDefaultModel model = context.getBean(SystemDefaultModel.class);
                    assertThat(model.configured()).isTrue();
                    assertThat(model.target()).isEqualTo(ProviderTarget.operator(Provider.ANTHROPIC, null, null));
                    assertThat(model.toString()).doesNotContain("sk-ant-operator-key-123456");
                    LlmCallProperties call = context.getBean(LlmCallProperties.class);
                    assertThat(call.callTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(call.retry().maxRetries()).isEqualTo(3);
                    assertThat(call.retry().initialBackoff()).isEqualTo(Duration.ofMillis(10));
                    assertThat(call.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
                });
    }

    @Test
    void defaultsAreTwoMinutesAndThreeRetriesFromOneSecond() {
        runner.run(context -> {
            assertThat(context.getBean(SystemDefaultModel.class).configured()).isFalse();
            assertThat(context.getBean(LlmCallProperties.class)).isEqualTo(LlmCallProperties.defaults());
        });
    }

    @Test
    void unknownOrIncompleteIsNotConfigured() {
        assertThat(new SystemDefaultModel("cohere", "m", "k", null).configured()).isFalse();
        assertThat(new SystemDefaultModel("openai", null, "k", null).configured()).isFalse();
        assertThat(new SystemDefaultModel("openai", "gpt-4o", " ", null).configured()).isFalse();
    }

    /** The operator's base URL is trusted: it may be a private address even when user URLs may not. */
    @Test
    void operatorBaseUrlIsReachedThroughTheTrustedClientDespiteTheStrictUserPolicy() throws Exception {
        try (FakeOpenAi gateway = FakeOpenAi.compatible("sk-operator-0123456789", "/v1");
                ProviderHttpClients clients = new ProviderHttpClients(new BaseUrlPolicy(false))) {
            gateway.chat().enqueue(ChatReply.text("hello from the system model"));
            SystemDefaultModel system = new SystemDefaultModel("openai_compatible", "gpt-4o", "sk-operator-0123456789",
                    gateway.baseUrl());
            LlmProperties strict = new LlmProperties(Map.of(), new LlmProperties.Security(false),
                    new LlmProperties.Llm(Duration.ofSeconds(1)));
            LlmChat chat = new LlmChat(strict, LlmCallProperties.defaults(), new BaseUrlPolicy(false), clients);

            ChatTurn turn;
            try (ApiKey key = system.key()) {
                turn = chat.chat(new ChatCall(system.target(), system.model(), List.of(UserMessage.from("hi")),
                        List.of(), false), key, null);
            }

            assertThat(turn.message().text()).isEqualTo("hello from the system model");
            assertThat(gateway.chat().lastRequest().authKey()).isEqualTo("sk-operator-0123456789");
        }
    }

    @Test
    void theSameUrlFromAUserIsRefusedByThePolicy() throws Exception {
        try (FakeOpenAi server = FakeOpenAi.compatible("sk-user-0123456789", "/v1");
                ProviderHttpClients clients = new ProviderHttpClients(new BaseUrlPolicy(false))) {
            LlmProperties strict = new LlmProperties(Map.of(), new LlmProperties.Security(false),
                    new LlmProperties.Llm(Duration.ofSeconds(1)));
            LlmChat chat = new LlmChat(strict, LlmCallProperties.defaults(), new BaseUrlPolicy(false), clients);

            try (ApiKey key = ApiKey.of("sk-user-0123456789")) {
                ProviderTarget user = ProviderTarget.of(Provider.OPENAI_COMPATIBLE, server.baseUrl());
                LlmCallException e = org.assertj.core.api.Assertions.catchThrowableOfType(LlmCallException.class,
                        () -> chat.chat(new ChatCall(user, "gpt-4o", List.of(UserMessage.from("hi")), List.of(), false),
                                key, null));
                assertThat(e.error().code()).isEqualTo(ErrorCode.BAD_BASE_URL);
            }
            assertThat(server.requests()).isEmpty();
        }
    }
}
