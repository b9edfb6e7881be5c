package com.byomlab.llm;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The profiles of every supported provider, in the order the provider picker lists them. */
public final class ProviderProfiles {

    private ProviderProfiles() {
    }

    public static List<ProviderProfile> all() {
        return Arrays.stream(Provider.values()).map(Provider::profile).toList();
    }

    public static ProviderProfile of(Provider provider) {
        return provider.profile();
    }

    public static Optional<ProviderProfile> byId(String id) {
        return Provider.fromId(id).map(Provider::profile);
    }
}
