package com.byomlab.keyring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing master key into Spring Boot's short "APPLICATION FAILED TO START" report. */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyMissingException cause) {
        return new FailureAnalysis("BYOM Lab needs a master encryption key. " + cause.getMessage(),
                "Set ENCRYPTION_KEY to the base64 of 32 random bytes, e.g. export ENCRYPTION_KEY=\"$(openssl rand -base64 32)\".",
                cause);
    }
}
