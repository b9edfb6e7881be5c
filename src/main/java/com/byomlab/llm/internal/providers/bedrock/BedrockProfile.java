package com.byomlab.llm.internal.providers.bedrock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.AwsRegion;
import com.byomlab.llm.BedrockKey;
import com.byomlab.llm.KeyShape;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.PromptStyle;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TargetProblem;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.WireProtocol;
import com.byomlab.llm.internal.ChatFailure;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ProviderDriver;
import com.byomlab.llm.internal.http.GuardedHttpClientBuilder;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.ListFoundationModelsRequest;
import software.amazon.awssdk.services.bedrock.model.ModelModality;

/**
 * AWS Bedrock: Converse / ConverseStream on {@code bedrock-runtime.REGION.amazonaws.com} and ListFoundationModels on
 * {@code bedrock.REGION.amazonaws.com}, through the AWS SDK for Java 2.x, which signs every request (SigV4) with an
 * IAM access key pair or sends a Bedrock API key as a bearer token ({@link BedrockSdk}). The credential is one
 * sealed text ({@link BedrockKey}) plus a region; the SDK runs over our guarded HTTP client. The rest of this package:
 * the Converse mapping ({@link ConverseMapping}), the models ({@link BedrockChatModels}), the error taxonomy
 * ({@link BedrockErrors}).
 */
public final class BedrockProfile implements ProviderDriver {

    public BedrockProfile() {
        BedrockSdk.warmUpInBackground(); // once: Provider's registry builds one profile per provider
    }

    /** Either key form, as {@link BedrockKey} reads them (session token optional on a pair). */
    private static final String KEY_PATTERN = "(" + BedrockKey.ACCESS_KEY_ID.pattern() + ":" + BedrockKey.SECRET.pattern()
            + "(:[A-Za-z0-9/+=]{16,})?)|(" + BedrockKey.API_KEY.pattern() + ")";

    @Override
    public Provider provider() {
        return Provider.BEDROCK;
    }

    @Override
    public String displayName() {
        return "AWS Bedrock";
    }

    @Override
    public String help() {
        return "Models on Amazon Bedrock (Claude, Llama, Mistral, Nova, ...) in your AWS account. Use a Bedrock API "
                + "key, or an IAM access key as ACCESS_KEY_ID:SECRET_ACCESS_KEY, and the region where the models are "
                + "enabled.";
    }

    /** Bedrock API keys are made on this page; access keys in IAM ("Security credentials"). */
    @Override
    public String keyPageUrl() {
        return "https://console.aws.amazon.com/bedrock/home#/api-keys";
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.matching(KEY_PATTERN, "either a Bedrock API key (ABSK…) or an access key pair written "
                + "ACCESS_KEY_ID:SECRET_ACCESS_KEY", BedrockKey.EXAMPLE);
    }

    /** Only the access key id of a pair is ever shown masked; never a character of the secret. */
    @Override
    public String maskable(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.BEDROCK_CONVERSE;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return false;
    }

    /** Null: the SDK's endpoint of the region; an operator override ({@code byom.providers.bedrock.base-url}) wins. */
    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public boolean takesRegion() {
        return true;
    }

    @Override
    public Optional<TargetProblem> regionProblem(String region) {
        if (region == null || region.isBlank()) {
            return Optional.of(new TargetProblem("region_required", "AWS Bedrock needs region: the AWS region where "
                    + "your Bedrock models are enabled, e.g. us-east-1 or eu-central-1."));
        }
        if (!AwsRegion.isValid(region.strip())) {
            return Optional.of(new TargetProblem("invalid_region", "region must be an AWS region name such as "
                    + "us-east-1, eu-central-1 or ap-southeast-2."));
        }
        return Optional.empty();
    }

    @Override
    public String invalidKeyHint() {
        return "Paste a current Bedrock API key, or the access key id and its secret as "
                + "ACCESS_KEY_ID:SECRET_ACCESS_KEY; check that the key is active and allowed to use Bedrock.";
    }

    /** Claude on Bedrock follows XML-structured prompts best, as on Anthropic's own API. */
    @Override
    public PromptStyle promptStyle(String model) {
        return model != null && model.contains("anthropic.claude") ? PromptStyle.XML_SYSTEM_MESSAGE
                : PromptStyle.SYSTEM_MESSAGE;
    }

    @Override
    public String genAiProviderName() {
        return "aws.bedrock";
    }

    /**
     * LiteLLM prices Bedrock models under {@code bedrock_converse} (newer models) and {@code bedrock}, keyed by the
     * Bedrock model id ({@code anthropic.claude-3-5-haiku-20241022-v1:0}), sometimes with a {@code bedrock/} route
     * prefix; keys with a region or a commitment in them are regional variants.
     */
    @Override
    public PriceNaming priceNaming() {
        return PriceNaming.liteLlm("bedrock_converse", "bedrock");
    }

    @Override
    public Map<String, String> keyHeaders(ApiKey key) {
        return Map.of(); // the AWS SDK signs with the key (CallScope.key()); no header of ours carries it
    }

    @Override
    public ChatModel blocking(ModelSpec spec) {
        return BedrockChatModels.blocking(spec.endpoint(), spec.model(), (GuardedHttpClientBuilder) spec.http());
    }

    @Override
    public StreamingChatModel streaming(ModelSpec spec) {
        return BedrockChatModels.streaming(spec.endpoint(), spec.model(), (GuardedHttpClientBuilder) spec.http());
    }

    /**
     * ListFoundationModels ({@code GET /foundation-models?byOutputModality=TEXT}): the text models of the region. It
     * proves the key and its {@code bedrock:ListFoundationModels} permission; whether the account was granted access
     * to a model shows only when the model is called.
     */
    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        try (BedrockAsyncClient client = BedrockSdk.control(endpoint,
                ((GuardedHttpClientBuilder) http).buildForAwsSdk())) {
            ListFoundationModelsRequest request = ListFoundationModelsRequest.builder()
                    .byOutputModality(ModelModality.TEXT)
                    .overrideConfiguration(BedrockSdk.controlAuth(key)).build();
            return BedrockSdk.await(client.listFoundationModels(request)).modelSummaries().stream()
                    .map(BedrockProfile::toModelInfo).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.langchain4j.exception.LangChain4jException("interrupted", e);
        }
    }

    private static ModelInfo toModelInfo(FoundationModelSummary summary) {
        String name = summary.modelName() == null || summary.modelName().isBlank() ? summary.modelId()
                : summary.providerName() == null ? summary.modelName()
                : summary.providerName() + " " + summary.modelName();
        return new ModelInfo(summary.modelId(), name, null, null); // ListFoundationModels gives no dates
    }

    /**
     * A listed model, or a cross-region inference profile of one ({@code us.}, {@code eu.}, {@code apac.},
     * {@code global.} before the model id): newer models are called through those, ListFoundationModels lists the
     * model itself.
     */
    @Override
    public boolean offers(List<ModelInfo> listed, String wanted) {
        String base = wanted.matches("(us|us-gov|eu|apac|jp|au|ca|global)\\..+\\..+")
                ? wanted.substring(wanted.indexOf('.') + 1) : wanted;
        return listed.stream().map(ModelInfo::id).anyMatch(id -> id.equals(wanted) || id.equals(base));
    }

    /** Converse's usage, already normalised by {@link BedrockTokenUsage} (input includes cache reads and writes). */
    @Override
    public TokenCounts usage(TokenUsage usage) {
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return TokenCounts.notReported();
        }
        if (usage instanceof BedrockTokenUsage bedrock) {
            Integer oneHour = bedrock.cacheWrite1hInputTokens();
            boolean split = oneHour != null && bedrock.cacheWriteInputTokens() != null
                    && oneHour <= bedrock.cacheWriteInputTokens();
            return new TokenCounts(usage.inputTokenCount(), usage.outputTokenCount(), bedrock.cacheReadInputTokens(),
                    bedrock.cacheWriteInputTokens(), split ? oneHour : null, null, true);
        }
        return new TokenCounts(usage.inputTokenCount(), usage.outputTokenCount(), null, null, null, true);
    }

    /** AWS answers come as SDK exceptions, not HTTP statuses: {@link BedrockErrors} classifies them. */
    @Override
    public Optional<ChatFailure> ownFailure(List<Throwable> causeChain) {
        return causeChain.stream().findFirst().flatMap(BedrockErrors::serviceError)
                .map(e -> BedrockErrors.classify(provider(), e));
    }

    /**
     * Bedrock's embedding models (Titan, Cohere Embed) answer InvokeModel in each vendor's own body format, not
     * Converse; not served by this service yet.
     */
    @Override
    public java.util.Optional<String> embeddingsUnavailable() {
        return java.util.Optional.of("Embeddings are not served on AWS Bedrock credentials yet (Bedrock's embedding "
                + "models use InvokeModel, not Converse). Use a token bound to an OpenAI, Azure OpenAI, Google Gemini "
                + "or OpenAI-compatible credential.");
    }
}
