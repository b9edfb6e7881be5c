package com.byomlab.llm.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.langchain4j.http.client.sse.DefaultServerSentEventParsingHandle;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventListenerUtils;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;

/**
 * Reads {@code text/event-stream} (https://html.spec.whatwg.org/multipage/server-sent-events.html) for LangChain4j's
 * models, in place of its {@code DefaultServerSentEventParser}, whose BufferedReader and UTF-8 decoder cost 24 KB per
 * stream. Lines are split on bytes (LF, CR and CRLF; none of them occurs inside a UTF-8 sequence) and a field value is
 * decoded straight into its String, so an event with one data line costs that String and the event.
 * <p>
 * As the spec: comments ({@code :}) and {@code id:}/{@code retry:} are ignored, data lines are joined by LF, a leading
 * BOM is skipped, a blank line ends an event and forgets its name. As LangChain4j's parser (its models rely on it): an
 * event whose data is empty is not passed on (they read JSON from it), {@code event:} names are trimmed, and an event
 * the body ends in without a blank line is still passed on. The input stream is closed at the end, as LangChain4j's
 * parser does, and listener failures are logged and ignored like there.
 */
final class SseParser implements ServerSentEventParser {

    static final SseParser INSTANCE = new SseParser();

    /**
     * Apache's session buffer already batches the socket reads: this one only needs to hold a line (a chunk of a
     * chat stream is 200-400 bytes); it doubles for a longer one.
     */
    static final int READ_BUFFER = 512;

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void parse(InputStream body, ServerSentEventListener listener) {
        ServerSentEventParsingHandle handle = new DefaultServerSentEventParsingHandle(body);
        ServerSentEventContext context = new ServerSentEventContext(handle);
        try (body) {
            new Reading(listener, context, handle).run(body);
        } catch (IOException e) {
            ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onError(e));
        }
    }

    /** The state of one stream. */
    private static final class Reading {
        private final ServerSentEventListener listener;
        private final ServerSentEventContext context;
        private final ServerSentEventParsingHandle handle;
        private String name;
        private String data;
        private boolean firstLine = true;

        Reading(ServerSentEventListener listener, ServerSentEventContext context, ServerSentEventParsingHandle handle) {
            this.listener = listener;
            this.context = context;
            this.handle = handle;
        }

        void run(InputStream in) throws IOException {
            byte[] buffer = new byte[READ_BUFFER];
            int start = 0; // where the line being read starts
            int end = 0; // how far the buffer is filled
            boolean afterCr = false; // the last line ended with CR: an LF right after it belongs to that line end
            while (!handle.isCancelled()) {
                if (end == buffer.length) { // make room: drop the lines read, or grow for a line longer than the buffer
                    if (start > 0) {
                        System.arraycopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    } else {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                }
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    break;
                }
                int from = end;
                end += n;
                for (int i = from; i < end; i++) {
                    byte b = buffer[i];
                    if (b != '\n' && b != '\r') {
                        continue;
                    }
                    if (b == '\n' && afterCr && i == start) {
                        afterCr = false;
                        start = i + 1;
                        continue;
                    }
                    afterCr = b == '\r';
                    line(buffer, start, i - start);
                    start = i + 1;
                    if (handle.isCancelled()) {
                        return;
                    }
                }
            }
            if (handle.isCancelled()) {
                return;
            }
            if (start < end) { // the last line, without a line end
                line(buffer, start, end - start);
            }
            if (data != null && !data.isEmpty()) { // the body ended without the blank line: LangChain4j passes it on
                dispatch();
            }
        }

        private void line(byte[] bytes, int from, int length) {
            if (firstLine) {
                firstLine = false;
                if (length >= 3 && bytes[from] == (byte) 0xEF && bytes[from + 1] == (byte) 0xBB
                        && bytes[from + 2] == (byte) 0xBF) {
                    from += 3;
                    length -= 3;
                }
            }
            if (length == 0) {
                if (data != null && !data.isEmpty()) {
                    dispatch();
                }
                name = null;
                data = null;
                return;
            }
            if (field(bytes, from, length, DATA)) {
                String value = value(bytes, from + DATA.length, length - DATA.length);
                data = data == null ? value : data + "\n" + value;
            } else if (field(bytes, from, length, EVENT)) {
                name = value(bytes, from + EVENT.length, length - EVENT.length).trim();
            } // comments, id:, retry: and unknown fields are ignored
        }

        /** The line is this field: its name, then a colon or the end of the line. */
        private static boolean field(byte[] bytes, int from, int length, byte[] field) {
            if (length < field.length || (length > field.length && bytes[from + field.length] != ':')) {
                return false;
            }
            for (int i = 0; i < field.length; i++) {
                if (bytes[from + i] != field[i]) {
                    return false;
                }
            }
            return true;
        }

        /** After the field name: the colon and one space after it are not part of the value. */
        private static String value(byte[] bytes, int from, int length) {
            if (length > 0) { // the colon
                from++;
                length--;
            }
            if (length > 0 && bytes[from] == ' ') {
                from++;
                length--;
            }
            return length == 0 ? "" : new String(bytes, from, length, StandardCharsets.UTF_8);
        }

        private void dispatch() {
            ServerSentEvent event = new ServerSentEvent(name, data);
            name = null;
            data = null;
            ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onEvent(event, context));
        }
    }
}
