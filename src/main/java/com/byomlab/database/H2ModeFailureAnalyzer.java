package com.byomlab.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an H2 database outside PostgreSQL mode into Spring Boot's short "APPLICATION FAILED TO START" report. */
class H2ModeFailureAnalyzer extends AbstractFailureAnalyzer<H2ModeMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, H2ModeMissingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Add ;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64 to "
                        + "spring.datasource.url, as the default URL has them, e.g. "
                        + "jdbc:h2:file:./data/byom;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                        + "QUERY_CACHE_SIZE=64 (src/main/resources/application.yml).",
                cause);
    }
}
