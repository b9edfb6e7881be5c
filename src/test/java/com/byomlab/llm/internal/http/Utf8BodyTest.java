package com.byomlab.llm.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The body written is exactly {@code getBytes(UTF_8)}, and its declared length matches what is written. */
class Utf8BodyTest {

    @Test
    void writesWhatGetBytesWouldForEveryKindOfCharacter() throws IOException {
        for (String text : new String[] {"", "a", "{\"q\":\"plain ascii\"}", "é", "€ and 😀", "\uD83D", "x\uDE00y",
                "\uD83D\uD83D\uDE00", "a".repeat(511) + "😀" + "é".repeat(300) + "€".repeat(700)}) {
            assertWrittenLikeGetBytes(text);
        }
    }

    @Test
    void randomTextOfAnyLengthAndMix() throws IOException {
        Random random = new Random(27);
        char[] alphabet = {'a', '"', '\n', 'é', 'ß', '€', '中', '\uD83D', '\uDE00', '\uFFFF', '\u07FF', '\u0800'};
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(2000);
            for (int i = 0; i < n; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertWrittenLikeGetBytes(text.toString());
        }
    }

    @Test
    void declaresJsonInUtf8AndCanBeReadAgain() throws IOException {
        Utf8Body body = new Utf8Body("{\"a\":\"é\"}", "application/json; charset=UTF-8");
        assertThat(body.getContentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(body.isRepeatable()).isTrue();
        assertThat(body.getContent().readAllBytes()).isEqualTo("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void assertWrittenLikeGetBytes(String text) throws IOException {
        Utf8Body body = new Utf8Body(text, "application/json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(body.getContentLength()).isEqualTo(expected.length);
    }
}
