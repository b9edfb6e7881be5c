package com.byomlab.vault;

import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.ProviderError;
import com.byomlab.llm.ValidationResult;

import java.util.List;

/** The answer of "Test connection": nothing is stored. */
public record ConnectionTest(boolean valid, String provider, long latencyMs, List<ModelInfo> models, Error error) {

    public record Error(String code, String message, String hint, String docsUrl) {
    }

    static ConnectionTest of(ValidationResult r) {
        ProviderError e = r.error();
        return new ConnectionTest(r.valid(), r.provider().id(), r.latencyMs(), r.valid() ? r.models() : null,
                e == null ? null : new Error(e.code().code(), e.message(), e.hint(), e.docsUrl()));
    }
}
