package com.byomlab.audit;

import java.time.Instant;

/**
 * What a check of the audit log's hash chain found: {@code intact}, or the first broken entry. {@code lastId} and
 * {@code lastHash} are the chain head; kept somewhere else (a ticket, a log shipped off the host) they let a later
 * check prove that the log was not rewritten wholesale since (docs/operations.md).
 */
public record AuditVerification(boolean intact, long entriesChecked, long lastId, String lastHash,
                                Break firstBreak) {

    /** Ways an entry can be broken; the {@code kind} of a {@link Break}. */
    public static final String EDITED = "edited";
    public static final String DELETED_BEFORE = "deleted_before";
    public static final String DELETED_AT_END = "deleted_at_end";
    public static final String UNCHAINED = "unchained";
    public static final String AFTER_HEAD = "after_head";
    public static final String REWRITTEN = "rewritten";

    /** A chain head recorded earlier, to check the log against: {@code <id>:<hash>}. */
    public record Anchor(long id, String hash) {

        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("(\\d{1,18}):([0-9a-f]{64})");

        /** Reads {@code <id>:<hash>} (as printed by a check: the chain head); empty when it is not in that form. */
        public static java.util.Optional<Anchor> parse(String text) {
            var m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
            return m.matches() ? java.util.Optional.of(new Anchor(Long.parseLong(m.group(1)), m.group(2)))
                    : java.util.Optional.empty();
        }
    }

    /**
     * The first entry that fails the check: its id (for {@code deleted_at_end}, the id the chain head names, which
     * is gone), its time when it is there, what is wrong ({@code kind}) and a sentence saying so.
     */
    public record Break(long id, Instant occurredAt, String kind, String message) {
    }

    /** The one-paragraph text the {@code verify-audit} command prints. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Audit log hash chain\n");
        out.append("  entries checked: ").append(entriesChecked).append('\n');
        out.append("  chain head:      entry #").append(lastId).append(", hash ").append(lastHash).append('\n');
        out.append("  anchor for later checks: ").append(lastId).append(':').append(lastHash).append('\n');
        if (intact) {
            out.append("INTACT: every entry matches its hash and follows the one before it.\n");
        } else {
            out.append("BROKEN at entry #").append(firstBreak.id());
            if (firstBreak.occurredAt() != null) {
                out.append(" (").append(firstBreak.occurredAt()).append(')');
            }
            out.append(": ").append(firstBreak.kind()).append('\n');
            out.append("  ").append(firstBreak.message()).append('\n');
        }
        return out.toString();
    }
}
