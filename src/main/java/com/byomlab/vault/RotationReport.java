package com.byomlab.vault;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one run of the key rotation did. {@code remaining} counts every active credential still under
 * a key other than the current one when the run ended, the unreadable ones included.
 */
record RotationReport(String startedBy, long targetKeyId, long alreadyCurrent, long reencrypted,
                      long changedConcurrently, List<UUID> unreadable, long remaining, Instant startedAt,
                      Instant finishedAt) {

    RotationReport {
        unreadable = List.copyOf(unreadable);
    }

    boolean oldKeysNoLongerNeeded() {
        return remaining == 0;
    }

    /** The command's summary: counts and ids only, never key material. */
    String summary() {
        StringBuilder s = new StringBuilder("Key rotation to key id ").append(targetKeyId).append('\n')
                .append("  re-encrypted:            ").append(reencrypted).append('\n')
                .append("  already current:         ").append(alreadyCurrent).append('\n')
                .append("  changed meanwhile:       ").append(changedConcurrently)
                .append(" (rewritten by a user or another instance; not touched)\n")
                .append("  unreadable:              ").append(unreadable.size()).append('\n');
        for (UUID id : unreadable) {
            s.append("    credential ").append(id).append('\n');
        }
        s.append("  remaining under old keys: ").append(remaining).append('\n');
        if (remaining == 0) {
            s.append("Done: every credential is under the current key; ENCRYPTION_OLD_KEYS is no longer needed.\n");
        } else if (!unreadable.isEmpty()) {
            s.append("NOT DONE: ").append(unreadable.size()).append(" credential(s) cannot be decrypted with any "
                    + "configured key. They are kept, untouched. If a former key is missing from ENCRYPTION_OLD_KEYS, "
                    + "add it and run again; otherwise their owners must enter those keys again. Keep the old keys "
                    + "until then.\n");
        } else {
            s.append("NOT DONE: credentials were written under an old key while the job ran (an instance still on "
                    + "the old configuration?). Run again.\n");
        }
        return s.toString();
    }
}
