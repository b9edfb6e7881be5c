package com.byomlab.llm.internal.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request body given as a String, encoded to UTF-8 while it is written, a piece at a time: a StringEntity encodes the
 * whole body up front, a copy as large as the request (a Lab call's conversation and tools: several KB per call). The
 * bytes are exactly those of {@code text.getBytes(UTF_8)} (a lone surrogate becomes {@code ?}), their length counted
 * beforehand, so the body still goes with a Content-Length.
 */
final class Utf8Body extends AbstractHttpEntity {

    private static final int PIECE = 512;

    private final String text;
    private final long length;

    Utf8Body(String text, String contentType) {
        super(contentType, null, false);
        this.text = text;
        this.length = length(text);
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public InputStream getContent() {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] piece = new byte[(int) Math.min(PIECE, Math.max(length, 4))];
        int at = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (at > piece.length - 4) { // room for the longest sequence
                out.write(piece, 0, at);
                at = 0;
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                piece[at++] = (byte) c;
            } else if (c < 0x800) {
                piece[at++] = (byte) (0xC0 | (c >> 6));
                piece[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                piece[at++] = (byte) (0xF0 | (cp >> 18));
                piece[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                piece[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                piece[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                piece[at++] = '?';
            } else {
                piece[at++] = (byte) (0xE0 | (c >> 12));
                piece[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                piece[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.write(piece, 0, at);
    }

    /** The UTF-8 length of {@code text}, as {@code getBytes(UTF_8)} encodes it. */
    static long length(String text) {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
