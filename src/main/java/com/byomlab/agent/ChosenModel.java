package com.byomlab.agent;

import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;

import java.util.UUID;

/** The model a session will run on, resolved from the user's choice: a credential of theirs, or the operator's default. */
record ChosenModel(UUID credentialId, Provider provider, String model, ProviderTarget target, boolean simulated) {

    boolean usesUserKey() {
        return credentialId != null;
    }
}
