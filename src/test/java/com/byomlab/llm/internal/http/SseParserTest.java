package com.byomlab.llm.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * Our SSE parser against the spec's edge cases (https://html.spec.whatwg.org/multipage/server-sent-events.html), each
 * read whole and in pieces of 1, 2, 3 and 7 bytes (line ends and UTF-8 sequences split across reads), and against
 * LangChain4j's parser where both should agree.
 */
class SseParserTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7})
    void lineEnds_LF_CRLF_and_CR_all_end_lines(int piece) {
        // a CR as the last byte of a full buffer, its LF first in the next read
        String pad = "data: " + "p".repeat(SseParser.READ_BUFFER - 7) + "\r\n\r\n";
        assertThat(parse(pad + "data: 2\r\n\r\n", piece)).containsExactly(
                "null|" + "p".repeat(SseParser.READ_BUFFER - 7), "null|2");
        List<String> expected = List.of("a|1", "null|2");
        assertThat(parse("event: a\ndata: 1\n\ndata: 2\n\n", piece)).containsExactlyElementsOf(expected);
        assertThat(parse("event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n", piece)).containsExactlyElementsOf(expected);
        assertThat(parse("event: a\rdata: 1\r\rdata: 2\r\r", piece)).containsExactlyElementsOf(expected);
        assertThat(parse("event: a\r\ndata: 1\r\rdata: 2\n\r\n", piece)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void data_lines_are_joined_by_LF_and_one_space_after_the_colon_is_dropped(int piece) {
        assertThat(parse("data: x\ndata:y\ndata:  z\n\n", piece)).containsExactly("null|x\ny\n z");
        assertThat(parse("data: {\"a\":\r\ndata: 1}\r\n\r\n", piece)).containsExactly("null|{\"a\":\n1}");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void comments_ids_retries_and_unknown_fields_are_ignored(int piece) {
        assertThat(parse(": ping\n\n:\ndata: z\nid: 3\nretry: 10\ndatum: no\nfoo\n\n", piece))
                .containsExactly("null|z");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void event_names_are_read_trimmed_and_forgotten_after_the_event(int piece) {
        assertThat(parse("event:  message_start \ndata: {}\n\ndata: {}\n\n", piece))
                .containsExactly("message_start|{}", "null|{}");
        // a name with no data before the blank line belongs to no event
        assertThat(parse("event: ping\n\ndata: x\n\n", piece)).containsExactly("null|x");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void a_final_event_without_its_blank_line_is_still_passed_on(int piece) {
        assertThat(parse("data: 1\n\ndata: last", piece)).containsExactly("null|1", "null|last");
        assertThat(parse("event: e\ndata: last\n", piece)).containsExactly("e|last");
        assertThat(parse("data: last\r", piece)).containsExactly("null|last");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void events_without_data_text_are_not_passed_on(int piece) {
        assertThat(parse("data:\n\nevent: x\n\n\n\ndata: 1\n\n", piece)).containsExactly("null|1");
        assertThat(parse("", piece)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void utf8_split_across_reads_and_a_leading_BOM(int piece) {
        assertThat(parse("data: héllo € 😀\n\n", piece)).containsExactly("null|héllo € 😀");
        assertThat(parse("\uFEFFdata: after the BOM\n\n", piece)).containsExactly("null|after the BOM");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 511, 512, 513, 1000, 1023, 1024, 1025})
    void lines_longer_than_the_read_buffer(int piece) {
        String big = "x".repeat(5000);
        assertThat(parse("data: " + big + "\r\n\r\ndata: " + big + "\ndata: y\n\n", piece))
                .containsExactly("null|" + big, "null|" + big + "\ny");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void agrees_with_LangChain4j_on_well_formed_streams(int piece) {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n: keep-alive\n\n"
                + "data: {\"a\":1}\r\n\r\ndata: l1\ndata: l2\n\nevent: done\ndata: [DONE]";
        assertThat(parse(stream, piece)).containsExactlyElementsOf(parse(new DefaultServerSentEventParser(), stream, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void a_listener_can_cancel_the_rest_and_the_stream_is_closed(int piece) {
        List<String> seen = new ArrayList<>();
        Pieces in = new Pieces("data: 1\n\ndata: 2\n\ndata: 3".getBytes(StandardCharsets.UTF_8), piece);
        SseParser.INSTANCE.parse(in, new Recorder(seen) {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                super.onEvent(event, context);
                context.parsingHandle().cancel();
            }
        });
        assertThat(seen).containsExactly("null|1");
        assertThat(in.closed).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void a_read_failure_goes_to_onError_after_the_events_before_it(int piece) {
        List<String> seen = new ArrayList<>();
        Pieces in = new Pieces("data: 1\n\ndata: 2\n".getBytes(StandardCharsets.UTF_8), piece);
        in.failAtEnd = true;
        SseParser.INSTANCE.parse(in, new Recorder(seen));
        assertThat(seen).containsExactly("null|1", "error:boom");
        assertThat(in.closed).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void a_failing_listener_does_not_stop_the_stream(int piece) {
        List<String> seen = new ArrayList<>();
        SseParser.INSTANCE.parse(new Pieces("data: 1\n\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8), piece),
                new Recorder(seen) {
                    @Override
                    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                        super.onEvent(event, context);
                        throw new IllegalStateException("listener bug");
                    }
                });
        assertThat(seen).containsExactly("null|1", "null|2");
    }

    private static List<String> parse(String stream, int piece) {
        return parse(SseParser.INSTANCE, stream, piece);
    }

    private static List<String> parse(ServerSentEventParser parser, String stream, int piece) {
        List<String> seen = new ArrayList<>();
        parser.parse(new Pieces(stream.getBytes(StandardCharsets.UTF_8), piece), new Recorder(seen));
        return seen;
    }

    private static class Recorder implements ServerSentEventListener {
        private final List<String> seen;

        Recorder(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            seen.add(event.event() + "|" + event.data());
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            throw new AssertionError("the parser passes the context");
        }

        @Override
        public void onError(Throwable error) {
            seen.add("error:" + error.getMessage());
        }

        @Override
        public void onClose() {
        }
    }

    /** Hands out at most {@code piece} bytes per read (0: all at once), like a body arriving in TCP segments. */
    private static final class Pieces extends FilterInputStream {
        private final int piece;
        boolean closed;
        boolean failAtEnd;

        Pieces(byte[] bytes, int piece) {
            super(new ByteArrayInputStream(bytes));
            this.piece = piece;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, piece == 0 ? length : Math.min(piece, length));
            if (n < 0 && failAtEnd) {
                throw new IOException("boom");
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
