package com.byomlab.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one audit entry, chaining it to the entry before it (docs/operations.md, "The audit log's hash
 * chain"). Version 1 of the canonical encoding, byte for byte:
 * <pre>
 * "byom-audit-v1"
 * then, for each field in this order: occurred_at, user_id, operation, outcome, provider, credential_id,
 *   session_id, client_address, detail, prev_hash
 *   "\n" + name + "=" + ( "null"                        when the column is SQL NULL
 *                       | n + ":" + value )              n = the value's length in UTF-8 bytes, in decimal
 * </pre>
 * all in UTF-8; occurred_at as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} in UTC (the column keeps microseconds), UUIDs in
 * lower-case 8-4-4-4-12 form. {@code entry_hash} is the lower-case hex SHA-256 of those bytes. The first entry's
 * {@code prev_hash} is {@link #GENESIS}. The row's {@code id} is not hashed (the order is: the chain follows ids, and
 * a changed order breaks the links).
 */
public final class AuditHash {

    /** The previous hash of the chain's first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] VERSION = "byom-audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditHash() {
    }

    /** {@code entry_hash} of an entry with these column values, chained to {@code prevHash}. */
    public static String of(Instant occurredAt, UUID userId, String operation, String outcome, String provider,
                            UUID credentialId, UUID sessionId, String clientAddress, String detail, String prevHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(VERSION);
        field(out, "occurred_at", occurredAt == null ? null : TIME.format(occurredAt.truncatedTo(ChronoUnit.MICROS)));
        field(out, "user_id", text(userId));
        field(out, "operation", operation);
        field(out, "outcome", outcome);
        field(out, "provider", provider);
        field(out, "credential_id", text(credentialId));
        field(out, "session_id", text(sessionId));
        field(out, "client_address", clientAddress);
        field(out, "detail", detail);
        field(out, "prev_hash", prevHash);
        return HexFormat.of().formatHex(sha256().digest(out.toByteArray()));
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        out.write('\n');
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write('=');
        if (value == null) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
