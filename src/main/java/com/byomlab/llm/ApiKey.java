package com.byomlab.llm;

import java.util.Arrays;
import java.util.Objects;

/**
 * A provider key held as characters that {@link #close()} overwrites, so a key's lifetime can be bounded
 * with try-with-resources. It never prints itself and has no content-based equality (which would invite
 * keys into sets, maps and logs).
 */
public final class ApiKey implements AutoCloseable {

    private final char[] chars;
    private volatile boolean closed;

    private ApiKey(char[] chars) {
        this.chars = chars;
    }

    public static ApiKey of(String key) {
        Objects.requireNonNull(key, "key");
        return new ApiKey(key.toCharArray());
    }

    /** The plaintext, for the one place that must send it (a request header). */
    public String reveal() {
        if (closed) {
            throw new IllegalStateException("ApiKey already closed");
        }
        return new String(chars);
    }

    public int length() {
        return chars.length;
    }

    public boolean isBlank() {
        for (char c : chars) {
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(chars, '\0');
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
