package com.byomlab.llm.internal;

import com.byomlab.llm.Provider;

/** The wire side of a provider's profile. */
public final class Drivers {

    private Drivers() {
    }

    public static ProviderDriver of(Provider provider) {
        // every profile class implements the driver too (Provider's registry builds them); one cast, here
        return (ProviderDriver) provider.profile();
    }
}
