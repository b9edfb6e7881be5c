package com.byomlab.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's hand-written JSON is byte for byte what the gateway's Jackson mapper writes, as the chunks were. */
class EventBufferTest {

    @Test
    void stringsAreEscapedAndEncodedAsJacksonWritesThem() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        List<String> samples = List.of("", "plain ascii", "quote \" backslash \\ slash / del \u007f", controls.toString(),
                "caf\u00e9 \u00fc\u00df \u20ac \u4e2d\u6587 \ud83d\ude00 emoji", "</script><!-- & ' =", "x".repeat(2000),
                "\u0000\n\r\t\b\f" + "\u00e9".repeat(700) + "\ud83d\ude00".repeat(300));
        EventBuffer buffer = new EventBuffer();
        for (String s : samples) {
            buffer.clear().string(s);
            assertThat(new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8))
                    .isEqualTo(GatewayJson.MAPPER.writeValueAsString(s));
        }
        assertThat(text(buffer.clear().string(null))).isEqualTo("null");
    }

    @Test
    void aLoneSurrogateIsAQuestionMarkAsStringGetBytesWroteIt() {
        for (String s : List.of("a\ud83db", "end \ud83d", "\ude00 start")) {
            assertThat(text(new EventBuffer().string(s)))
                    .isEqualTo(new String(GatewayJson.MAPPER.writeValueAsString(s).getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.UTF_8));
        }
    }

    @Test
    void numbersAndRawPiecesFollowEachOther() {
        EventBuffer buffer = new EventBuffer().ascii("[").number(0).ascii(",").number(-42).ascii(",")
                .number(Long.MAX_VALUE).ascii(",").number(Long.MIN_VALUE).ascii(",").number(1700000000L)
                .raw("]".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(buffer)).isEqualTo("[0,-42," + Long.MAX_VALUE + "," + Long.MIN_VALUE + ",1700000000]");
    }

    private static String text(EventBuffer buffer) {
        return new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8);
    }
}
