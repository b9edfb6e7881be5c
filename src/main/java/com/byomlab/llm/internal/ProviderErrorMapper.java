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
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import com.byomlab.llm.internal.bedrock.BedrockErrors;

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
        Optional<AwsServiceException> aws = BedrockErrors.serviceError(failure);
        if (aws.isPresent()) { // an answer from AWS (Bedrock), reported by its SDK rather than as an HTTP status
            return BedrockErrors.classify(provider, aws.get(), null).error();
        }
        List<Throwable> chain = causeChain(failure);
        // Most specific first: a refused address or an HTTP status says more than the wrapper around it.
        if (find(chain, RefusedAddressException.class).isPresent()) {
            return badBaseUrl(provider, find(chain, RefusedAddressException.class).get().getMessage());
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
        Optional<AwsServiceException> aws = BedrockErrors.serviceError(failure);
        if (aws.isPresent()) {
            return BedrockErrors.classify(provider, aws.get(), model == null ? "" : model);
        }
        List<Throwable> chain = causeChain(failure);
        Optional<AnthropicStreamingException> streamError = find(chain, AnthropicStreamingException.class);
        if (streamError.isPresent() && find(chain, HttpException.class).isEmpty()) {
            return anthropicStreamError(provider, streamError.get().type());
        }
        Optional<HttpException> http = find(chain, HttpException.class);
        if (http.isPresent() && http.get().statusCode() == 404 && find(chain, RefusedAddressException.class).isEmpty()) {
            // Chat paths carry the model (Gemini, Azure) or the body names it (OpenAI model_not_found, Anthropic
            // not_found_error): a 404 on a chat call means the model/deployment is not there for this key.
            return ChatFailure.permanent(unknownModel(provider, model == null ? "" : model));
        }
        ProviderError error = map(provider, failure, endpoint);
        return switch (error.code()) {
            case RATE_LIMITED -> ChatFailure.transientFailure(error, http.flatMap(ProviderErrorMapper::retryAfter));
            case NETWORK -> ChatFailure.transientFailure(error, Optional.empty());
            case PROVIDER_UNAVAILABLE -> http.isPresent() && http.get().statusCode() >= 500
                    ? ChatFailure.transientFailure(error, Optional.empty())
                    : ChatFailure.permanent(error); // unreadable answers and other 4xx: the same again
            default -> ChatFailure.permanent(error);
        };
    }

    /** Anthropic's mid-stream {@code event: error} (https://docs.anthropic.com/en/api/messages-streaming#error-events). */
    private ChatFailure anthropicStreamError(Provider provider, String type) {
        if ("overloaded_error".equals(type) || "api_error".equals(type)) {
            return ChatFailure.transientFailure(error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                    + " is overloaded right now.", "This is on the provider's side; try again in a few minutes."),
                    Optional.empty());
        }
        if ("rate_limit_error".equals(type)) {
            return ChatFailure.transientFailure(error(ErrorCode.RATE_LIMITED, provider, provider.displayName()
                    + " is rate-limiting this key right now.", "Wait a minute and try again."), Optional.empty());
        }
        return ChatFailure.permanent(error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                + " stopped the answer with an error.", "Try again later; if it persists, tell the operator."));
    }

    private static Optional<java.time.Duration> retryAfter(HttpException http) {
        if (!(http instanceof ProviderHttpException p)) {
            return Optional.empty();
        }
        Optional<java.time.Duration> header = p.header("Retry-After").flatMap(ProviderErrorMapper::seconds)
                .map(java.time.Duration::ofSeconds);
        return header.isPresent() ? header : ErrorBodySignals.googleRetryDelay(p.body());
    }

    public ProviderError badBaseUrl(Provider provider, String reason) {
        if (provider == Provider.BEDROCK) {
            return error(ErrorCode.BAD_BASE_URL, provider, "The region cannot be used: " + reason + ".",
                    "Give the AWS region where your Bedrock models are enabled, e.g. us-east-1 or eu-central-1.");
        }
        return error(ErrorCode.BAD_BASE_URL, provider, "The base URL cannot be used: " + reason + ".",
                provider == Provider.AZURE_OPENAI
                        ? "Use your resource endpoint from the Azure portal, e.g. https://my-resource.openai.azure.com. "
                        + "Private and local addresses are only allowed when the operator enables them."
                        : "Use the http(s) root of the server's OpenAI-compatible API, e.g. https://openrouter.ai/api/v1. "
                        + "Private and local addresses are only allowed when the operator enables them.");
    }

    public ProviderError unknownModel(Provider provider, String model) {
        String shown = model.length() > 100 ? model.substring(0, 100) + "..." : model;
        return error(ErrorCode.UNKNOWN_MODEL, provider, "The key works, but the model '" + shown
                + "' is not available to it at " + provider.displayName() + ".",
                "Choose one of the models listed for this key, or leave the model empty to pick one later.");
    }

    public ProviderError emptyKey(Provider provider) {
        return error(ErrorCode.INVALID_KEY, provider, "The API key is empty.",
                "Paste the whole key from your " + provider.displayName() + " account.");
    }

    private ProviderError fromStatus(Provider provider, HttpException http, Endpoint endpoint) {
        int status = http.statusCode();
        String body = http instanceof ProviderHttpException p ? p.body() : "";
        if (status == 401 || status == 403 || (provider == Provider.GOOGLE && status == 400
                && ErrorBodySignals.googleInvalidKey(body))) {
            return invalidKey(provider, status == 403);
        }
        if (status == 402 || (provider == Provider.ANTHROPIC && status == 400 && ErrorBodySignals.anthropicBilling(body))
                || (provider == Provider.GOOGLE && status == 400 && ErrorBodySignals.googleBillingRequired(body))) {
            return noQuota(provider);
        }
        if (status == 429) {
            boolean outOfCredit = switch (provider) {
                case OPENAI, AZURE_OPENAI, OPENAI_COMPATIBLE -> ErrorBodySignals.openAiInsufficientQuota(body);
                case ANTHROPIC -> ErrorBodySignals.anthropicBilling(body);
                case GOOGLE -> ErrorBodySignals.googleDailyQuotaExhausted(body);
                case BEDROCK -> false; // AWS answers arrive as SDK exceptions (BedrockErrors), not here
            };
            return outOfCredit ? noQuota(provider) : rateLimited(provider, http);
        }
        if (status == 404 && endpoint.userSupplied()) {
            return badBaseUrl(provider, provider == Provider.AZURE_OPENAI
                    ? "nothing answers at its /openai/models path (wrong endpoint or api-version?)"
                    : "nothing answers at its /models path (does it need /v1 at the end?)");
        }
        if (status >= 500) {
            return error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                    + (status == 529 ? " is overloaded right now (HTTP 529)." : " is having trouble right now (HTTP " + status + ")."),
                    "This is on the provider's side; try again in a few minutes or check the provider's status page.");
        }
        return error(ErrorCode.PROVIDER_UNAVAILABLE, provider, provider.displayName()
                + " refused the request (HTTP " + status + ").", endpoint.userSupplied()
                ? "Check the base URL" + (provider == Provider.AZURE_OPENAI ? " and api-version." : ".")
                : "Try again later; if it persists, tell the operator.");
    }

    private ProviderError invalidKey(Provider provider, boolean forbidden) {
        String message = forbidden
                ? provider.displayName() + " refused this key access (it may lack permission for this API or region)."
                : provider.displayName() + " did not accept this API key.";
        String hint = switch (provider) {
            case AZURE_OPENAI -> "Use KEY 1 or KEY 2 from \"Keys and Endpoint\" of the same Azure OpenAI resource "
                    + "as the endpoint.";
            case OPENAI_COMPATIBLE -> "Check the key the server expects (some local servers accept any non-empty key).";
            default -> "Check that you copied the whole key and that it is still active, or create a new key.";
        };
        return error(ErrorCode.INVALID_KEY, provider, message, hint);
    }

    private ProviderError noQuota(Provider provider) {
        return error(ErrorCode.INSUFFICIENT_QUOTA, provider, provider.displayName()
                + " says this account has no credit or quota left.",
                "Add credit, enable billing or raise the spending limit in your " + provider.displayName()
                        + " account, then try again.");
    }

    private ProviderError rateLimited(Provider provider, HttpException http) {
        Optional<Long> retryAfter = http instanceof ProviderHttpException p
                ? p.header("Retry-After").flatMap(ProviderErrorMapper::seconds) : Optional.empty();
        return error(ErrorCode.RATE_LIMITED, provider, provider.displayName() + " is rate-limiting this key right now.",
                retryAfter.map(s -> "Wait " + s + " seconds and try again.")
                        .orElse("Wait a minute and try again."));
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
        return new ProviderError(code, message, hint, provider.keyPageUrl());
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
