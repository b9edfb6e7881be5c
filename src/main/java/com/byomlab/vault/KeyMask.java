package com.byomlab.vault;

import com.byomlab.llm.ApiKey;

/**
 * The only form of a key that leaves the vault: at most the first 4 and last 4 characters, and
 * less for short keys, so that the mask never shows more than a third of a key.
 */
final class KeyMask {

    private KeyMask() {
    }

    /** The provider decides which part of the key may be shown at all (never the secret half of an AWS pair). */
    static String of(com.byomlab.llm.Provider provider, ApiKey key) {
        String c = provider.profile().maskable(key.reveal());
        int n = c.length();
        int shown = n >= 24 ? 4 : n >= 12 ? 2 : 0;
        if (shown == 0) {
            return "...";
        }
        return c.substring(0, shown) + "..." + c.substring(n - shown);
    }
}
