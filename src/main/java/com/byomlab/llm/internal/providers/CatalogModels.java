package com.byomlab.llm.internal.providers;

import com.byomlab.llm.ModelInfo;

import dev.langchain4j.model.catalog.ModelDescription;

/** LangChain4j's model description to ours, so no LangChain4j type crosses the module's API. */
final class CatalogModels {

    private CatalogModels() {
    }

    static ModelInfo toModelInfo(ModelDescription description) {
        String displayName = description.displayName() == null || description.displayName().isBlank()
                ? description.name() : description.displayName();
        return new ModelInfo(description.name(), displayName, description.maxInputTokens(), description.createdAt());
    }
}
