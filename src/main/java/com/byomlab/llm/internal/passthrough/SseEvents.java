package com.byomlab.llm.internal.passthrough;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a {@code text/event-stream} body into its events (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * each with its {@code event:} name and {@code data:} lines for the reader, and its exact bytes (up to and including
 * the blank line that ends it) to forward unchanged. LF, CRLF and CR line ends are all read.
 */
public final class SseEvents {

    /** One event: its name (null when it has none), its data lines joined by LF, and its bytes as they came. */
    public record Event(String name, String data, byte[] raw) {
    }

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int length;
    private boolean pendingCr; // a CR ended the last line; an LF right after it belongs to that line end

    public SseEvents(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event, or null at the end of the body. Throws {@link EventTooLarge} past the size cap. */
    public Event next() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String name = null;
        StringBuilder data = null;
        while (true) {
            int b = read();
            if (b < 0) {
                if (line.size() > 0) {
                    String field = line.toString(StandardCharsets.UTF_8);
                    if (field.startsWith("event:")) {
                        name = value(field, 6);
                    } else if (field.startsWith("data:")) {
                        data = append(data, value(field, 5));
                    }
                }
                return raw.size() == 0 || (name == null && data == null) ? null
                        : new Event(name, data == null ? "" : data.toString(), raw.toByteArray());
            }
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    raw.write(b);
                    continue;
                }
            }
            raw.write(b);
            if (raw.size() > maxEventBytes) {
                throw new EventTooLarge();
            }
            if (b != '\n' && b != '\r') {
                line.write(b);
                continue;
            }
            pendingCr = b == '\r';
            if (line.size() == 0) {
                if (name != null || data != null) {
                    return new Event(name, data == null ? "" : data.toString(), raw.toByteArray());
                }
                continue; // a blank line with no event before it: kept in the next event's bytes
            }
            String field = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (field.startsWith("event:")) {
                name = value(field, 6);
            } else if (field.startsWith("data:")) {
                data = append(data, value(field, 5));
            } // comments (":") and id:/retry: lines travel in the bytes only
        }
    }

    private int read() throws IOException {
        if (position == length) {
            length = in.read(buffer, 0, buffer.length);
            position = 0;
            if (length <= 0) {
                length = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }

    private static String value(String field, int from) {
        String value = field.substring(from);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static StringBuilder append(StringBuilder data, String value) {
        return data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }

    /** One event larger than the cap: not an answer this service passes on. */
    public static final class EventTooLarge extends IOException {
        EventTooLarge() {
            super("server-sent event over the size cap");
        }
    }
}
