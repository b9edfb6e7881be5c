package com.byomlab.llm.internal.providers.bedrock;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.BedrockKey;
import com.byomlab.llm.internal.Endpoint;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.identity.spi.TokenIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.auth.scheme.BedrockAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * How this service builds and calls the AWS SDK for Bedrock. The SDK signs (SigV4 with an access key pair) or sends
 * the Bedrock API key as a bearer token; we never sign by hand. Always:
 * <ul>
 * <li>our HTTP client ({@code GuardedHttpClientBuilder#buildForAwsSdk}): guarded pool, timeouts, abort on interrupt;</li>
 * <li>no SDK retries: {@code RetryPolicy} and {@code ChatAttempts} own the retry policy, as for every provider;</li>
 * <li>no credentials from the server's environment, ever: the client's own credential and token providers refuse,
 * and each request carries its key's identity and the one auth scheme that identity is for (so neither
 * {@code AWS_BEARER_TOKEN_BEDROCK}, nor the instance role, nor {@code ~/.aws} can stand in for a user's key);</li>
 * <li>futures completed in place, so the call and its stream events stay on the caller's thread.</li>
 * </ul>
 * A built client holds no key and is shared by every call to its (endpoint, region).
 */
final class BedrockSdk {

    static final String SIGV4 = "aws.auth#sigv4";
    static final String BEARER = "smithy.api#httpBearerAuth";

    /** The SDK wants a scheduler for its timers; ours are off (the HTTP client and the watchdog time calls). */
    private static final ScheduledExecutorService UNUSED_TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bedrock-sdk-timers");
        thread.setDaemon(true);
        return thread;
    });

    private static final AwsCredentialsProvider NO_CREDENTIALS = () -> {
        throw SdkClientException.create("no AWS credentials outside a call's own key");
    };
    private static final SdkTokenProvider NO_TOKEN = () -> {
        throw SdkClientException.create("no Bedrock API key outside a call's own key");
    };

    private BedrockSdk() {
    }

    /**
     * Builds (and drops) one client of each kind on a background thread, so that the first Bedrock call does not spend
     * its time budget loading the SDK (a second or more of class loading and endpoint-rule set-up on a small VM: a
     * key validation with a 2 s budget timed out on it). Sends nothing: its HTTP client refuses every request.
     */
    static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            SdkAsyncHttpClient none = new SdkAsyncHttpClient() {
                @Override
                public CompletableFuture<Void> execute(software.amazon.awssdk.http.async.AsyncExecuteRequest request) {
                    return CompletableFuture.failedFuture(new IllegalStateException("warm-up client sends nothing"));
                }

                @Override
                public void close() {
                }
            };
            Endpoint endpoint = new Endpoint(null, false, null, "us-east-1");
            try (BedrockRuntimeAsyncClient runtime = runtime(endpoint, none);
                    BedrockAsyncClient control = control(endpoint, none);
                    ApiKey bearer = ApiKey.of("ABSKd2FybS11cC1ub3QtYS1rZXk=");
                    ApiKey pair = ApiKey.of("AKIAWARMUPNOTAKEY000:warmUpOnlyNotASecretAccessKey0000000000")) {
                // marshalling, endpoint rules and both signers run; every request stops at the client above
                for (ApiKey key : List.of(bearer, pair)) {
                    runtime.converse(r -> r.modelId("warm-up").messages(software.amazon.awssdk.services.bedrockruntime
                            .model.Message.builder().role("user").content(software.amazon.awssdk.services
                            .bedrockruntime.model.ContentBlock.fromText("-")).build())
                            .overrideConfiguration(runtimeAuth(key))).exceptionally(failure -> null).join();
                    control.listFoundationModels(r -> r.overrideConfiguration(controlAuth(key)))
                            .exceptionally(failure -> null).join();
                }
            } catch (RuntimeException ignored) {
                // only a head start: the first real call builds what it needs anyway
            }
        }, "bedrock-sdk-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static BedrockRuntimeAsyncClient runtime(Endpoint endpoint, SdkAsyncHttpClient http) {
        var builder = BedrockRuntimeAsyncClient.builder()
                .httpClient(http)
                .region(Region.of(endpoint.region()))
                .credentialsProvider(NO_CREDENTIALS)
                .tokenProvider(NO_TOKEN)
                .overrideConfiguration(BedrockSdk::noRetriesNoTimers)
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run));
        if (endpoint.baseUrl() != null) {
            builder.endpointOverride(URI.create(endpoint.baseUrl()));
        }
        return builder.build();
    }

    static BedrockAsyncClient control(Endpoint endpoint, SdkAsyncHttpClient http) {
        var builder = BedrockAsyncClient.builder()
                .httpClient(http)
                .region(Region.of(endpoint.region()))
                .credentialsProvider(NO_CREDENTIALS)
                .tokenProvider(NO_TOKEN)
                .overrideConfiguration(BedrockSdk::noRetriesNoTimers)
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run));
        if (endpoint.baseUrl() != null) {
            builder.endpointOverride(URI.create(endpoint.baseUrl()));
        }
        return builder.build();
    }

    private static void noRetriesNoTimers(ClientOverrideConfiguration.Builder config) {
        config.retryStrategy(AwsRetryStrategy.doNotRetry()).scheduledExecutorService(UNUSED_TIMERS);
    }

    /** The key's identity for one Converse request, and only the auth scheme it is for. */
    static AwsRequestOverrideConfiguration runtimeAuth(ApiKey key) {
        BedrockKey parsed = BedrockKey.parse(key.reveal());
        String scheme = scheme(parsed);
        BedrockRuntimeAuthSchemeProvider only = params -> filter(
                BedrockRuntimeAuthSchemeProvider.defaultProvider().resolveAuthScheme(params), scheme);
        return identity(parsed, AwsRequestOverrideConfiguration.builder().authSchemeProvider(only)).build();
    }

    /** The same for the control plane (ListFoundationModels). */
    static AwsRequestOverrideConfiguration controlAuth(ApiKey key) {
        BedrockKey parsed = BedrockKey.parse(key.reveal());
        String scheme = scheme(parsed);
        BedrockAuthSchemeProvider only = params -> filter(
                BedrockAuthSchemeProvider.defaultProvider().resolveAuthScheme(params), scheme);
        return identity(parsed, AwsRequestOverrideConfiguration.builder().authSchemeProvider(only)).build();
    }

    private static String scheme(BedrockKey key) {
        return key instanceof BedrockKey.AccessKey ? SIGV4 : BEARER;
    }

    private static List<AuthSchemeOption> filter(List<AuthSchemeOption> options, String scheme) {
        return options.stream().filter(o -> o.schemeId().equals(scheme)).toList();
    }

    private static AwsRequestOverrideConfiguration.Builder identity(BedrockKey key,
            AwsRequestOverrideConfiguration.Builder config) {
        if (key instanceof BedrockKey.AccessKey access) {
            AwsCredentials credentials = access.sessionToken() == null
                    ? AwsBasicCredentials.create(access.accessKeyId(), access.secretAccessKey())
                    : AwsSessionCredentials.create(access.accessKeyId(), access.secretAccessKey(), access.sessionToken());
            return config.credentialsProvider(StaticCredentialsProvider.create(credentials));
        }
        String token = ((BedrockKey.ApiKeyToken) key).token();
        return config.tokenIdentityProvider(new IdentityProvider<TokenIdentity>() {
            @Override
            public Class<TokenIdentity> identityType() {
                return TokenIdentity.class;
            }

            @Override
            public CompletableFuture<TokenIdentity> resolveIdentity(ResolveIdentityRequest request) {
                return CompletableFuture.completedFuture(TokenIdentity.create(token));
            }
        });
    }

    /** A future's value; its failure rethrown as it came (the SDK's exception, with our HTTP causes inside). */
    static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    static RuntimeException unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r : SdkClientException.create("the Bedrock call failed", t);
    }
}
