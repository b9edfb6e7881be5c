package com.byomlab.llm.internal;

import java.time.Duration;

import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * The built LangChain4j models, one per (provider, endpoint, model, streamed or not), shared by every call and
 * every key. Building one costs ~0.4 ms and most of the allocation of a call (LangChain4j looks up its JSON codec
 * and HTTP client through ServiceLoader each time); see docs/benchmarks.md, item 1. Models hold no key (it travels
 * in the call's {@link com.byomlab.llm.internal.http.CallScope}), so sharing them shares nothing secret. Bounded,
 * because endpoints and model names are user input.
 */
public final class ChatModels {

    private record Key(Provider provider, Endpoint endpoint, String model, boolean stream) {
    }

    private final ProviderHttpClients http;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final Cache<Key, Object> built;

    public ChatModels(ProviderHttpClients http, Duration callTimeout, Duration maxConnectTimeout, int maxModels) {
        this.http = http;
        this.callTimeout = callTimeout;
        this.connectTimeout = callTimeout.compareTo(maxConnectTimeout) < 0 ? callTimeout : maxConnectTimeout;
        // upkeep on the calling thread: by default every few reads hand a drain task to the common pool, a
        // thread wake-up per call for a map of a few entries
        this.built = Caffeine.newBuilder().maximumSize(maxModels).expireAfterAccess(Duration.ofHours(1))
                .executor(Runnable::run).build();
    }

    public StreamingChatModel streaming(Provider provider, Endpoint endpoint, String model) {
        Key key = new Key(provider, endpoint, model, true);
        Object found = built.getIfPresent(key); // a hit builds no loader lambda
        return (StreamingChatModel) (found != null ? found
                : built.get(key, k -> Drivers.of(provider).streaming(spec(endpoint, model))));
    }

    public ChatModel blocking(Provider provider, Endpoint endpoint, String model) {
        Key key = new Key(provider, endpoint, model, false);
        Object found = built.getIfPresent(key);
        return (ChatModel) (found != null ? found
                : built.get(key, k -> Drivers.of(provider).blocking(spec(endpoint, model))));
    }

    /** Where one model lives and the HTTP client it is called through (also for models built per call). */
    ProviderDriver.ModelSpec spec(Endpoint endpoint, String model) {
        return new ProviderDriver.ModelSpec(endpoint, model, client(endpoint), callTimeout);
    }

    /** How many models are kept now (for tests and metrics). */
    public long size() {
        built.cleanUp();
        return built.estimatedSize();
    }

    private com.byomlab.llm.internal.http.GuardedHttpClientBuilder client(Endpoint endpoint) {
        return (endpoint.userSupplied() ? http.userEndpoint() : http.trustedEndpoint())
                .connectTimeout(connectTimeout)
                .readTimeout(callTimeout)
                .callTimeout(callTimeout)
                .perCall();
    }
}
