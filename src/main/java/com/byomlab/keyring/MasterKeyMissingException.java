package com.byomlab.keyring;

/** Start-up stops with this when the operator's master key is absent or unusable. */
public class MasterKeyMissingException extends RuntimeException {

    static final String HOW_TO_MAKE_ONE =
            "Make one with `openssl rand -base64 32` (or `head -c 32 /dev/urandom | base64`), keep it in your "
            + "secret store, and pass it as the ENCRYPTION_KEY environment variable. For a local trial run "
            + "with --byom.demo=true instead, which keeps a development key in ./data.";

    MasterKeyMissingException(String problem) {
        super(problem + " " + HOW_TO_MAKE_ONE);
    }
}
