package com.byomlab.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server-sent event of JSON, written as UTF-8 bytes into a buffer that every event of a stream reuses: a streamed
 * answer sends a chunk per delta, and a tree, a string and a byte array per chunk were most of what a stream allocated
 * (docs/benchmarks.md, issue 27). Strings are escaped as Jackson escapes them (quote, backslash and control characters;
 * everything else as UTF-8), with a lone surrogate written as {@code ?} as String.getBytes writes it. Not thread-safe:
 * one per stream, used under the stream's lock.
 */
final class EventBuffer {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[512];
    private int length;

    /** Empties the buffer for the next event. */
    EventBuffer clear() {
        length = 0;
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Bytes as they are (a constant piece of JSON or of the event's framing). */
    EventBuffer raw(byte[] piece) {
        ensure(piece.length);
        System.arraycopy(piece, 0, bytes, length, piece.length);
        length += piece.length;
        return this;
    }

    /** An ASCII constant (field names, punctuation), without encoding it first. */
    EventBuffer ascii(String piece) {
        int n = piece.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) piece.charAt(i);
        }
        return this;
    }

    EventBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value));
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return this;
    }

    /** A JSON string, quoted and escaped; {@code null} for null. */
    EventBuffer string(String value) {
        if (value == null) {
            return ascii("null");
        }
        int n = value.length();
        ensure(n + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            ensure(6); // the most one step writes: an escape (a surrogate pair takes 4)
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    bytes[length++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    bytes[length++] = (byte) (0xf0 | (cp >> 18));
                    bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    bytes[length++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    bytes[length++] = '?';
                }
            } else {
                bytes[length++] = (byte) (0xe0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        ensure(1);
        bytes[length++] = '"';
        return this;
    }

    private void escape(char c) {
        bytes[length++] = '\\';
        switch (c) {
            case '"' -> bytes[length++] = '"';
            case '\\' -> bytes[length++] = '\\';
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
