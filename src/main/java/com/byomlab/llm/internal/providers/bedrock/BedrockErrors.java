package com.byomlab.llm.internal.providers.bedrock;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderError;
import com.byomlab.llm.internal.ChatFailure;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Bedrock's error answers, as the AWS SDK reports them ({@link AwsServiceException} with the error type of the
 * {@code x-amzn-ErrorType} header or of a stream's exception event), in the service's taxonomy. Error types from the
 * Bedrock Runtime API reference ("Converse", "Errors") and the AWS common errors: ValidationException 400,
 * AccessDeniedException 403, ResourceNotFoundException 404, ModelTimeoutException 408, ModelErrorException 424,
 * ThrottlingException 429, ModelNotReadyException 429, ServiceQuotaExceededException 400, InternalServerException 500,
 * ServiceUnavailableException 503, and the authentication failures UnrecognizedClientException /
 * InvalidSignatureException / ExpiredTokenException (403). The message and hint are written here; the provider's own
 * message is only searched for one marker (an invalid model identifier) and never shown.
 */
final class BedrockErrors {

    private static final String UNKNOWN_MODEL =
            "The key works, but this model is not available to it at AWS Bedrock in this region.";

    private BedrockErrors() {
    }

    /** Whether a failure is an answer from AWS (else: network trouble, a time-out, ...). */
    static Optional<AwsServiceException> serviceError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return Optional.of(aws);
            }
        }
        return Optional.empty();
    }

    /** A failed Bedrock call: what to tell a person, and whether trying again can help. */
    static ChatFailure classify(Provider provider, AwsServiceException e) {
        String type = errorType(e);
        int status = e.statusCode();
        switch (type) {
            case "unrecognizedclientexception", "invalidsignatureexception", "incompletesignatureexception",
                    "missingauthenticationtokenexception", "invalidclienttokenid", "signaturedoesnotmatch" ->
                    {
                return permanent(ErrorCode.INVALID_KEY, provider, "AWS did not accept this key (unknown access key, "
                        + "wrong secret access key or invalid Bedrock API key).",
                        "Paste the access key id and its secret again (ACCESS_KEY_ID:SECRET_ACCESS_KEY), or a current "
                                + "Bedrock API key; check that the key is active in IAM.");
            }
            case "expiredtokenexception" -> {
                return permanent(ErrorCode.INVALID_KEY, provider, "This AWS key has expired.",
                        "Create a new Bedrock API key or access key and update the credential.");
            }
            case "accessdeniedexception" -> {
                return permanent(ErrorCode.INVALID_KEY, provider, "AWS refused this key access to Bedrock or to "
                        + "this model in this region.",
                        "Give the key's IAM user or role the Bedrock permissions (bedrock:InvokeModel, "
                                + "bedrock:InvokeModelWithResponseStream, bedrock:ListFoundationModels) and enable "
                                + "access to the model under \"Model access\" in the Bedrock console of this region.");
            }
            case "throttlingexception", "toomanyrequestsexception" -> {
                Optional<Long> wait = retryAfterSeconds(e);
                return new ChatFailure(error(ErrorCode.RATE_LIMITED, provider,
                        "AWS Bedrock is throttling requests of this account right now.",
                        wait.map(s -> "Wait " + s + " seconds and try again.").orElse("Wait a minute and try again.")),
                        true, wait.map(Duration::ofSeconds));
            }
            case "servicequotaexceededexception" -> {
                return permanent(ErrorCode.INSUFFICIENT_QUOTA, provider, "This AWS account has used up its Bedrock "
                        + "quota for this model.", "Ask for a higher quota in the AWS Service Quotas console "
                        + "(Amazon Bedrock), or use another model or region.");
            }
            case "modelnotreadyexception" -> {
                return transientFailure(provider, "The model is not ready to answer yet at AWS Bedrock.");
            }
            case "internalserverexception", "serviceunavailableexception", "modelerrorexception",
                    "modelstreamerrorexception" -> {
                return transientFailure(provider, "AWS Bedrock is having trouble right now.");
            }
            case "modeltimeoutexception" -> {
                return permanent(ErrorCode.TIMEOUT, provider, "The model did not answer in time at AWS Bedrock.",
                        "Try again, or ask for a shorter answer.");
            }
            case "resourcenotfoundexception" -> {
                return permanent(ErrorCode.UNKNOWN_MODEL, provider, UNKNOWN_MODEL,
                        "Choose one of the models listed for this key and region.");
            }
            case "validationexception" -> {
                if (namesAnInvalidModel(e)) {
                    return permanent(ErrorCode.UNKNOWN_MODEL, provider, UNKNOWN_MODEL,
                            "Choose one of the models listed for this key and region.");
                }
                return ChatFailure.rejected(error(ErrorCode.PROVIDER_UNAVAILABLE, provider,
                        "AWS Bedrock refused the request as invalid (HTTP 400).",
                        "Some models do not take tools or system text through Converse; try another model."));
            }
            default -> {
                if (status == 401 || status == 403) {
                    return permanent(ErrorCode.INVALID_KEY, provider, "AWS did not accept this key.",
                            "Check the key and its Bedrock permissions in IAM.");
                }
                if (status == 429) {
                    return new ChatFailure(error(ErrorCode.RATE_LIMITED, provider,
                            "AWS Bedrock is throttling requests of this account right now.",
                            "Wait a minute and try again."), true, retryAfterSeconds(e).map(Duration::ofSeconds));
                }
                if (status >= 500) {
                    return transientFailure(provider, "AWS Bedrock is having trouble right now (HTTP " + status + ").");
                }
                return ChatFailure.rejected(error(ErrorCode.PROVIDER_UNAVAILABLE, provider,
                        "AWS Bedrock refused the request (HTTP " + status + ").",
                        "Try again later; if it persists, tell the operator."));
            }
        }
    }

    /** The error type, lower case: the modelled exception's class name, else the wire's error code. */
    private static String errorType(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code != null && !code.isBlank()) {
            int colon = code.indexOf(':');
            return (colon < 0 ? code : code.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        }
        return e.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Bedrock answers a model id it does not know with 400 "The provided model identifier is invalid." */
    private static boolean namesAnInvalidModel(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("model identifier");
    }

    private static Optional<Long> retryAfterSeconds(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(seconds) : Optional.empty();
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }


    private static ChatFailure transientFailure(Provider provider, String message) {
        return new ChatFailure(error(ErrorCode.PROVIDER_UNAVAILABLE, provider, message,
                "This is on the provider's side; try again in a few minutes or check the AWS Health Dashboard."),
                true, Optional.empty());
    }

    private static ChatFailure permanent(ErrorCode code, Provider provider, String message, String hint) {
        return new ChatFailure(error(code, provider, message, hint), false, Optional.empty());
    }

    private static ProviderError error(ErrorCode code, Provider provider, String message, String hint) {
        return new ProviderError(code, message, hint, provider.profile().keyPageUrl());
    }
}
