package com.byomlab.calls;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operator's switch for users' own keys ({@code byom.enabled}), read in this one place. Off: sessions run on
 * the system default, and the gateway, which exists to serve users' own keys, refuses its calls (403
 * {@code byom_disabled}) rather than spend the operator's default key through a user's token.
 */
@Component
public class OwnKeys {

    private final boolean enabled;

    OwnKeys(@Value("${byom.enabled:true}") boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }
}
