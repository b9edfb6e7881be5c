package com.byomlab.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
 *
 * <p>Every entry written is hashed once (and once more per verification), so the encoding is written straight into
 * a per-thread buffer and digest instead of through strings: a few hundred bytes allocated per entry, not 5 KB.
 */
public final class AuditHash {

    /** The previous hash of the chain's first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] VERSION = ascii("byom-audit-v1");
    private static final byte[] OCCURRED_AT = name("occurred_at");
    private static final byte[] USER_ID = name("user_id");
    private static final byte[] OPERATION = name("operation");
    private static final byte[] OUTCOME = name("outcome");
    private static final byte[] PROVIDER = name("provider");
    private static final byte[] CREDENTIAL_ID = name("credential_id");
    private static final byte[] SESSION_ID = name("session_id");
    private static final byte[] CLIENT_ADDRESS = name("client_address");
    private static final byte[] DETAIL = name("detail");
    private static final byte[] PREV_HASH = name("prev_hash");
    private static final byte[] NULL = ascii("null");
    private static final byte[] HEX = ascii("0123456789abcdef");
    /** "27:": the length of {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}. */
    private static final byte[] TIME_LENGTH = ascii("27:");
    /** Years the fixed-width form covers; any other goes through the formatter (its sign and width rules). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

    private AuditHash() {
    }

    /** {@code entry_hash} of an entry with these column values, chained to {@code prevHash}. */
    public static String of(Instant occurredAt, UUID userId, String operation, String outcome, String provider,
                            UUID credentialId, UUID sessionId, String clientAddress, String detail, String prevHash) {
        Encoder e = ENCODER.get();
        e.length = 0;
        e.write(VERSION);
        e.time(OCCURRED_AT, occurredAt);
        e.uuid(USER_ID, userId);
        e.text(OPERATION, operation);
        e.text(OUTCOME, outcome);
        e.text(PROVIDER, provider);
        e.uuid(CREDENTIAL_ID, credentialId);
        e.uuid(SESSION_ID, sessionId);
        e.text(CLIENT_ADDRESS, clientAddress);
        e.text(DETAIL, detail);
        e.text(PREV_HASH, prevHash);
        return e.sha256Hex();
    }

    /** A thread's buffer and digest, reused entry after entry (an encoding never outlives one call of {@link #of}). */
    private static final class Encoder {
        private final MessageDigest sha256 = sha256();
        private byte[] buf = new byte[512];
        private int length;

        void time(byte[] name, Instant at) {
            if (at == null) {
                nullField(name);
                return;
            }
            Instant micros = at.truncatedTo(ChronoUnit.MICROS);
            LocalDateTime t = LocalDateTime.ofEpochSecond(micros.getEpochSecond(), micros.getNano(), ZoneOffset.UTC);
            if (t.getYear() < 0 || t.getYear() > 9999) {
                text(name, TIME.format(micros));
                return;
            }
            write(name);
            write(TIME_LENGTH);
            digits(t.getYear(), 4);
            write('-');
            digits(t.getMonthValue(), 2);
            write('-');
            digits(t.getDayOfMonth(), 2);
            write('T');
            digits(t.getHour(), 2);
            write(':');
            digits(t.getMinute(), 2);
            write(':');
            digits(t.getSecond(), 2);
            write('.');
            digits(t.getNano() / 1000, 6);
            write('Z');
        }

        void uuid(byte[] name, UUID id) {
            if (id == null) {
                nullField(name);
                return;
            }
            write(name);
            write('3');
            write('6');
            write(':');
            long hi = id.getMostSignificantBits();
            long lo = id.getLeastSignificantBits();
            hex(hi >>> 32, 8);
            write('-');
            hex(hi >>> 16, 4);
            write('-');
            hex(hi, 4);
            write('-');
            hex(lo >>> 48, 4);
            write('-');
            hex(lo, 12);
        }

        void text(byte[] name, String value) {
            if (value == null) {
                nullField(name);
                return;
            }
            write(name);
            int n = value.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = value.charAt(i) < 0x80;
            }
            if (ascii) {
                decimal(n);
                write(':');
                ensure(n);
                for (int i = 0; i < n; i++) {
                    buf[length++] = (byte) value.charAt(i);
                }
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8); // its rules for unpaired surrogates
                decimal(bytes.length);
                write(':');
                write(bytes);
            }
        }

        private void nullField(byte[] name) {
            write(name);
            write(NULL);
        }

        private void digits(int value, int width) {
            ensure(width);
            for (int i = length + width - 1; i >= length; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += width;
        }

        private void decimal(int value) {
            int width = 1;
            for (int v = value; v >= 10; v /= 10) {
                width++;
            }
            digits(value, width);
        }

        private void hex(long value, int width) {
            ensure(width);
            for (int i = length + width - 1; i >= length; i--) {
                buf[i] = HEX[(int) (value & 0xF)];
                value >>>= 4;
            }
            length += width;
        }

        private void write(int b) {
            ensure(1);
            buf[length++] = (byte) b;
        }

        private void write(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, length, bytes.length);
            length += bytes.length;
        }

        private void ensure(int more) {
            if (length + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
            }
        }

        String sha256Hex() {
            sha256.update(buf, 0, length);
            byte[] digest = sha256.digest();
            byte[] hex = new byte[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
                hex[2 * i + 1] = HEX[digest[i] & 0xF];
            }
            return new String(hex, StandardCharsets.ISO_8859_1);
        }
    }

    /** "\n" + name + "=" */
    private static byte[] name(String name) {
        return ascii("\n" + name + "=");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
