package com.byomlab.llm.internal.bedrock;

import java.time.Duration;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ModelLister;
import com.byomlab.llm.internal.http.GuardedHttpClientBuilder;

import dev.langchain4j.http.client.HttpClientBuilder;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.ListFoundationModelsRequest;
import software.amazon.awssdk.services.bedrock.model.ModelModality;

/**
 * ListFoundationModels ({@code GET /foundation-models?byOutputModality=TEXT} on the Bedrock control plane of the
 * region): the text models the region offers. It proves the key (signature or API key) and its
 * {@code bedrock:ListFoundationModels} permission; whether the account was granted access to a model shows only when
 * the model is called.
 */
public final class BedrockModelLister implements ModelLister {

    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        try (BedrockAsyncClient client = BedrockSdk.control(endpoint,
                ((GuardedHttpClientBuilder) http).buildForAwsSdk())) {
            ListFoundationModelsRequest request = ListFoundationModelsRequest.builder()
                    .byOutputModality(ModelModality.TEXT)
                    .overrideConfiguration(BedrockSdk.controlAuth(key)).build();
            return BedrockSdk.await(client.listFoundationModels(request)).modelSummaries().stream()
                    .map(BedrockModelLister::toModelInfo).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.langchain4j.exception.LangChain4jException("interrupted", e);
        }
    }

    private static ModelInfo toModelInfo(FoundationModelSummary summary) {
        String name = summary.modelName() == null || summary.modelName().isBlank() ? summary.modelId()
                : summary.providerName() == null ? summary.modelName()
                : summary.providerName() + " " + summary.modelName();
        return new ModelInfo(summary.modelId(), name, null);
    }
}
