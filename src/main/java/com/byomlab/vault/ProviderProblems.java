package com.byomlab.vault;

import com.byomlab.llm.ProviderError;
import com.byomlab.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Maps a provider failure to an HTTP refusal; the key's problems are the client's, the rest the upstream's. */
final class ProviderProblems {

    private ProviderProblems() {
    }

    static ApiProblem of(ProviderError error) {
        HttpStatus status = switch (error.code()) {
            case INVALID_KEY, INSUFFICIENT_QUOTA, UNKNOWN_MODEL, BAD_BASE_URL, UNSUPPORTED_PROVIDER ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case RATE_LIMITED, PROVIDER_UNAVAILABLE, NETWORK -> HttpStatus.BAD_GATEWAY;
        };
        return new ApiProblem(status, error.code().code(), error.message())
                .with("hint", error.hint()).with("docs_url", error.docsUrl());
    }
}
