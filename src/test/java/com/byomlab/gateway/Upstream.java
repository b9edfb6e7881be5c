package com.byomlab.gateway;

import com.byomlab.testsupport.fakes.FakeProviderServer;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One provider behind the gateway in the tests, with the usage every scripted reply reports (1200 in, of which 200
 * cached, 300 out, of which 50 reasoning where the provider reports it). Each fake reports that usage in its
 * provider's own terms (Anthropic: input_tokens 1000 beside 200 cache reads; Gemini: 250 candidates beside 50
 * thoughts); the client must see the same figures on every provider, and one call must cost what the test prices
 * say, worked out by hand.
 */
record Upstream(String provider, FakeProviderServer fake, String key, String model, int promptTokens,
                int completionTokens, int reasoningTokens, Integer reasoningRecorded, BigDecimal costPerCall) {

    static final int IN = 1200;
    static final int OUT = 300;
    static final int CACHED = 200;
    static final int REASONING = 50;

    static Upstream openAi(FakeProviderServer fake) {
        // (1000*1 + 200*0.5 + 300*4) µ$ = 2300 µ$
        return new Upstream("openai", fake, "sk-gw-" + UUID.randomUUID(), "gpt-4o-mini", 1200, 300, 50, 50,
                new BigDecimal("0.0023"));
    }

    static Upstream anthropic(FakeProviderServer fake) {
        // (1000*3 + 200*0.3 + 300*15) µ$ = 7560 µ$; no reasoning count
        return new Upstream("anthropic", fake, "sk-ant-gw-" + UUID.randomUUID(), "claude-sonnet-4-20250514", 1200,
                300, 0, null, new BigDecimal("0.00756"));
    }

    static Upstream gemini(FakeProviderServer fake) {
        // (1000*0.1 + 200*0.025 + 300*0.4) µ$ = 225 µ$
        return new Upstream("google", fake, "AIza" + UUID.randomUUID().toString().replace("-", ""),
                "gemini-2.0-flash", 1200, 300, 50, 50, new BigDecimal("0.000225"));
    }

    static Upstream bedrock(FakeProviderServer fake) {
        // an IAM access key pair, signed by the AWS SDK (the fake checks the signature); inputTokens leaves the
        // cache reads out and is normalised back: prompt = 1200; no reasoning part;
        // (1000*1 + 200*0.1 + 300*5) µ$ = 2520 µ$
        return new Upstream("bedrock", fake, "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toUpperCase(java.util.Locale.ROOT) + ":wJalrXUtnFEMI/K7MDENG/bPxRfiCYGATEWAYKEY", 
                "anthropic.claude-3-5-haiku-20241022-v1:0", 1200, 300, 0, null, new BigDecimal("0.00252"));
    }

    @Override
    public String toString() {
        return provider;
    }
}
