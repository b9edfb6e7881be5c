package com.byomlab.ui;

import com.byomlab.llm.ProviderProfile;
import com.byomlab.llm.ProviderProfiles;

import java.util.List;

/** A provider as the picker shows it: what it is, where its keys come from, and what a key looks like. */
record ProviderOption(String id, String name, String help, String keyPageUrl, String keyPrefix, String keyExample,
                      boolean needsBaseUrl, String baseUrlExample, boolean needsApiVersion, boolean needsRegion) {

    static List<ProviderOption> all() {
        return ProviderProfiles.all().stream().map(ProviderOption::of).toList();
    }

    static ProviderOption of(ProviderProfile p) {
        return new ProviderOption(p.id(), p.displayName(), p.help(), p.keyPageUrl(), p.keyShape().prefix(),
                p.keyShape().example(), p.userSuppliesBaseUrl(), p.baseUrlExample(), p.takesApiVersion(), p.takesRegion());
    }
}
