package com.byomlab.usage.conformance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.BaseUrlPolicy;
import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.LlmCallProperties;
import com.byomlab.llm.LlmChat;
import com.byomlab.llm.LlmProperties;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;
import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.usage.Cost;
import com.byomlab.usage.CostCalculator;
import com.byomlab.usage.PriceTable;

import dev.langchain4j.data.message.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way from a provider's usage object to a cost: the fake answers in the provider's published wire format
 * (JSON or streamed), the real client and the provider's profile read it, the bundled price table prices it. Each
 * subclass is one provider; each expected cost is worked out by hand in its test, tokens x USD per million.
 */
abstract class CostConformance {

    static final String KEY = "conformance-key";

    private final ProviderHttpClients clients = new ProviderHttpClients(new BaseUrlPolicy(false));
    private final CostCalculator costs = new CostCalculator(PriceTable.bundled());

    abstract FakeProviderServer fake();

    abstract Provider provider();

    ProviderTarget target() {
        return ProviderTarget.of(provider());
    }

    /** The key the fake expects, as the user stores it. */
    String key() {
        return KEY;
    }

    @AfterEach
    void closeClients() {
        clients.close();
        fake().close();
    }

    /** The turn the client read from this scripted answer. */
    ChatTurn call(String model, ChatReply reply, boolean stream) throws Exception {
        fake().chat().enqueue(reply);
        LlmProperties properties = new LlmProperties(
                Map.of(provider().id(), new LlmProperties.ProviderSettings(fake().baseUrl(), null)),
                new LlmProperties.Security(false), new LlmProperties.Llm(Duration.ofSeconds(5)));
        LlmChat chat = new LlmChat(properties, new LlmCallProperties(Duration.ofSeconds(5),
                new LlmCallProperties.Retry(0, Duration.ofMillis(10), Duration.ofSeconds(60))),
                new BaseUrlPolicy(false), clients, wait -> { });
        try (ApiKey apiKey = ApiKey.of(key())) {
            ChatTurn turn = chat.chat(new ChatCall(target(), model, List.of(UserMessage.from("BTC over 30 days?")),
                    List.of(), stream), apiKey, ChatListener.NONE);
            assertThat(fake().chat().lastRequest().stream()).isEqualTo(stream);
            return turn;
        }
    }

    Cost cost(String model, ChatTurn turn) {
        return costs.cost(provider(), model, turn.usage());
    }

    /** The exact amount, compared as text so that no digit is lost: "0.0237" is 0.023700000000 USD. */
    static void assertUsd(Cost cost, String expected) {
        assertThat(cost.known()).as("cost known (%s)", cost.reason()).isTrue();
        assertThat(cost.usd().stripTrailingZeros().toPlainString()).isEqualTo(new BigDecimal(expected)
                .stripTrailingZeros().toPlainString());
        assertThat(cost.usd().scale()).isGreaterThanOrEqualTo(CostCalculator.MIN_SCALE);
    }
}
