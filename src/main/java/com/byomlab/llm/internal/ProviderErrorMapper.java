package com.byomlab.llm.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLException;

import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderError;
import com.byomlab.llm.internal.http.ProviderHttpException;
import com.byomlab.llm.internal.http.ProviderNetworkException;
import com.byomlab.llm.internal.http.RefusedAddressException;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;

/**
 * The one place where a failed provider call becomes a {@link ProviderError}. Every message and hint is
 * written here from fixed text, numbers and the provider's name: the provider's own error text (which can
 * echo part of the key) and exception messages never reach the result.
 */
public final class ProviderErrorMapper {

    private final Duration timeout;

    public ProviderErrorMapper(Duration timeout) {
        this.timeout = timeout;
    }

    public ProviderError map(Provider provider, Throwable failure, Endpoint endpoint) {
        List<Throwable> chain = causeChain(failure);
        // Most specific first: a refused address or an HTTP status says more than the wrapper around it.
        if (find(chain, RefusedAddressException.class).isPresent()) {
            return badBaseUrl(provider, find(chain, RefusedAddressException.class).get().getMessage());
        }
        Optional<ChatFailure> own = Drivers.of(provider).ownFailure(chain);
        if (own.isPresent()) {
            return own.get().error();
        }
        Optional<HttpException> http = find(chain, HttpException.class);
        if (http.isPresent()) {
            return fromStatus(provider, http.get(), endpoint);
        }
        if (find(chain, TimeoutException.class).isPresent() || find(chain, InterruptedIOException.class).isPresent()) {
            return timedOut(provider);
        }
        if (find(chain, UnknownHostException.class).isPresent()) {
            return endpoint.userSupplied()
                    ? badBaseUrl(provider, "its host name does not resolve")
                    : network(provider, endpoint);
        }
        if (find(chain, SSLException.class).isPresent()) {
            return error(ErrorCode.NETWORK, provider, "A secure (TLS) connection to " + provider.displayName()
                    + " could not be established.", endpoint.userSupplied()
                    ? "Check that the base URL's certificate is valid for its host name, or use the right http/https scheme."
                    : "Try again later; if it persists, tell the operator.");
        }
        if (find(chain, ConnectException.class).isPresent() || find(chain, NoRouteToHostException.class).isPresent()
                || find(chain, SocketException.class).isPresent() || find(chain, ProviderNetworkException.class).isPresent()) {
            return network(provider, endpoint);
        }
        // Unreadable JSON, a missing field (NPE in a mapper), an unexpected shape: the provider is misbehaving.
        return error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                + " answered with a response this service could not read.", endpoint.userSupplied()
                ? "Check that the base URL is the server's API root (for OpenAI-compatible servers it usually ends in /v1)."
                : "This is on the provider's side; try again in a few minutes.");
    }

    /**
     * A failed chat attempt: the error for a person plus whether trying again can help (429 that is not out of
     * credit, 5xx / Anthropic 529, network trouble, an Anthropic overloaded {@code error} event mid-stream) and the
     * wait the provider asked for. Never transient: bad keys, quota, 4xx, timeouts, unreadable answers.
     */
    public ChatFailure classifyChat(Provider provider, Throwable failure, Endpoint endpoint, String model) {
        List<Throwable> chain = causeChain(failure);
        Optional<ChatFailure> own = Drivers.of(provider).ownFailure(chain);
        if (own.isPresent()) {
            return own.get();
        }
        Optional<HttpException> http = find(chain, HttpException.class);
        if (http.isPresent() && http.get().statusCode() == 404 && find(chain, RefusedAddressException.class).isEmpty()) {
            // Chat paths carry the model (Gemini, Azure) or the body names it (OpenAI model_not_found, Anthropic
            // not_found_error): a 404 on a chat call means the model/deployment is not there for this key.
            return ChatFailure.permanent(unknownModel(provider, model == null ? "" : model));
        }
        ProviderError error = map(provider, failure, endpoint);
        return switch (error.code()) {
            case RATE_LIMITED -> ChatFailure.transientFailure(error,
                    http.flatMap(h -> retryAfter(provider, h)));
            case NETWORK -> ChatFailure.transientFailure(error, Optional.empty());
            case PROVIDER_UNAVAILABLE -> http.isPresent() && http.get().statusCode() >= 500
                    ? ChatFailure.transientFailure(error, Optional.empty())
                    : http.isPresent() && http.get().statusCode() >= 400
                    ? ChatFailure.rejected(error) // any other 4xx: the request itself was refused
                    : ChatFailure.permanent(error); // unreadable answers: the same again
            default -> ChatFailure.permanent(error);
        };
    }

    private static Optional<java.time.Duration> retryAfter(Provider provider, HttpException http) {
        if (!(http instanceof ProviderHttpException p)) {
            return Optional.empty();
        }
        Optional<java.time.Duration> header = p.header("Retry-After").flatMap(ProviderErrorMapper::seconds)
                .map(java.time.Duration::ofSeconds);
        return header.isPresent() ? header : Drivers.of(provider).requestedWait(p.body());
    }

    /**
     * A provider's error event inside a stream that was passed through (the event's own text is not kept): retried
     * like its status would be, when nothing has reached the client yet.
     */
    public ChatFailure streamError(Provider provider, ErrorCode code) {
        return switch (code) {
            case RATE_LIMITED -> ChatFailure.transientFailure(rateLimited(provider, Optional.empty()), Optional.empty());
            case INSUFFICIENT_QUOTA -> ChatFailure.permanent(noQuota(provider));
            case INVALID_KEY -> ChatFailure.permanent(invalidKey(provider, false));
            default -> ChatFailure.transientFailure(error(ErrorCode.PROVIDER_UNAVAILABLE, provider,
                    provider.displayName() + " stopped the answer with an error (overloaded or failing).",
                    "This is on the provider's side; try again in a few minutes."), Optional.empty());
        };
    }

    /** A successful answer this service would not pass on: too large, or not in the promised format. */
    public ChatFailure unusableAnswer(Provider provider, String what) {
        return ChatFailure.permanent(error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                + " answered with " + what + ".", "Try again; if it keeps happening, tell the operator."));
    }

    public ProviderError badBaseUrl(Provider provider, String reason) {
        return error(ErrorCode.BAD_BASE_URL, provider, "The base URL cannot be used: " + reason + ".",
                provider.profile().userSuppliesBaseUrl()
                        ? "Use " + provider.profile().baseUrlHelp() + ". Private and local addresses are only allowed "
                        + "when the operator enables them."
                        : "Leave the base URL empty: " + provider.displayName() + " is always reached at its official "
                        + "endpoint. For another server use provider openai_compatible.");
    }

    public ProviderError unknownModel(Provider provider, String model) {
        String shown = model.length() > 100 ? model.substring(0, 100) + "..." : model;
        return error(ErrorCode.UNKNOWN_MODEL, provider, "The key works, but the model '" + shown
                + "' is not available to it at " + provider.displayName() + ".",
                "Choose one of the models listed for this key, or leave the model empty to pick one later.");
    }

    /** A model id that could not stay in its URL path segment ({@link com.byomlab.llm.ModelIds}); never quoted. */
    public ProviderError invalidModelId(Provider provider, String problem) {
        return error(ErrorCode.UNKNOWN_MODEL, provider, "The model id " + problem + ", so it was not sent to "
                + provider.displayName() + ".", com.byomlab.llm.ModelIds.RULE);
    }

    /** An embeddings call on a provider without embeddings; {@code reason} is its profile's sentence. */
    public ProviderError noEmbeddings(Provider provider, String reason) {
        return error(ErrorCode.UNSUPPORTED_PROVIDER, provider, reason, null);
    }

    public ProviderError emptyKey(Provider provider) {
        return error(ErrorCode.INVALID_KEY, provider, "The API key is empty.",
                "Paste the whole key from your " + provider.displayName() + " account.");
    }

    private ProviderError fromStatus(Provider provider, HttpException http, Endpoint endpoint) {
        int status = http.statusCode();
        String body = http instanceof ProviderHttpException p ? p.body() : "";
        Optional<ErrorCode> signal = Drivers.of(provider).bodySignal(status, body);
        if (signal.filter(ErrorCode.INVALID_KEY::equals).isPresent() || status == 401 || status == 403) {
            return invalidKey(provider, status == 403);
        }
        if (signal.filter(ErrorCode.INSUFFICIENT_QUOTA::equals).isPresent() || status == 402) {
            return noQuota(provider);
        }
        if (status == 429) {
            return rateLimited(provider, retryAfter(provider, http));
        }
        if (status == 404 && endpoint.userSupplied()) {
            return badBaseUrl(provider, Drivers.of(provider).modelsNotFoundReason());
        }
        Optional<long[]> tooLong = status >= 400 && status < 500
                ? Drivers.of(provider).promptTooLong(status, body) : Optional.empty();
        if (tooLong.isPresent()) {
            return error(ErrorCode.PROVIDER_UNAVAILABLE, provider, promptTooLong(tooLong.get()),
                    "The conversation is longer than the model's context window: shorten it (in Claude Code, /compact) "
                            + "or use a model with a larger one.");
        }
        if (status >= 500) {
            return error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                    + (status == 529 ? " is overloaded right now (HTTP 529)." : " is having trouble right now (HTTP " + status + ")."),
                    "This is on the provider's side; try again in a few minutes or check the provider's status page.");
        }
        return error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                + " refused the request (HTTP " + status + ").", endpoint.userSupplied()
                ? "Check the base URL" + (provider.profile().takesApiVersion() ? " and api-version." : ".")
                : "Try again later; if it persists, tell the operator.");
    }

    /**
     * Anthropic's words for a prompt over the context window, which clients such as Claude Code recognise (and read
     * the counts from, to know how much to drop): "prompt is too long: 208310 tokens > 200000 maximum", or without
     * counts "prompt is too long". Written here from numbers only, whichever provider said it.
     */
    public static String promptTooLong(long[] counts) {
        if (counts != null && counts.length == 2 && counts[0] > 0 && counts[1] > 0) {
            return "prompt is too long: " + counts[0] + " tokens > " + counts[1] + " maximum";
        }
        return "prompt is too long";
    }

    private ProviderError invalidKey(Provider provider, boolean forbidden) {
        String message = forbidden
                ? provider.displayName() + " refused this key access (it may lack permission for this API or region)."
                : provider.displayName() + " did not accept this API key.";
        return error(ErrorCode.INVALID_KEY, provider, message, provider.profile().invalidKeyHint());
    }

    private ProviderError noQuota(Provider provider) {
        return error(ErrorCode.INSUFFICIENT_QUOTA, provider, provider.displayName()
                + " says this account has no credit or quota left.",
                "Add credit, enable billing or raise the spending limit in your " + provider.displayName()
                        + " account, then try again.");
    }

    private ProviderError rateLimited(Provider provider, Optional<Duration> retryAfter) {
        return error(ErrorCode.RATE_LIMITED, provider, provider.displayName() + " is rate-limiting this key right now.",
                retryAfter.map(wait -> "Wait " + secondsText(wait) + " and try again.")
                        .orElse("Wait a minute and try again."));
    }

    /** "1 second", "30 seconds": whole seconds, rounded up (a Gemini RetryInfo delay can be "0.5s"). */
    static String secondsText(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    private ProviderError timedOut(Provider provider) {
        return error(ErrorCode.TIMEOUT, provider, provider.displayName() + " did not answer within "
                + timeout.toSeconds() + " seconds.",
                "Try again; if it keeps happening, the provider or the network path to it is slow.");
    }

    private ProviderError network(Provider provider, Endpoint endpoint) {
        return error(ErrorCode.NETWORK, provider, "Could not connect to " + provider.displayName() + ".",
                endpoint.userSupplied()
                        ? "Check the base URL, and that the server is running and reachable from this service."
                        : "Try again later; if it persists, tell the operator.");
    }

    private static ProviderError error(ErrorCode code, Provider provider, String message, String hint) {
        return new ProviderError(code, message, hint, provider.profile().keyPageUrl());
    }

    private static Optional<Long> seconds(String retryAfter) {
        try {
            long value = Long.parseLong(retryAfter.trim());
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP-date: fall back to the generic advice
        }
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static <T> Optional<T> find(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
