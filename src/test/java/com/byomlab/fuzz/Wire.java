package com.byomlab.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw HTTP/1.1 client over a plain socket, one connection per request ({@code Connection: close}), so that the
 * fuzz test can send what no well-behaved client would: undecoded traversal, encoded slashes, raw non-ASCII and
 * invalid UTF-8 in the request target, any header value, any body under any content type. Responses are read whole
 * (chunked bodies are de-chunked, so a sentinel split across chunks is still found).
 */
final class Wire {

    /** One request as sent: the request target is written byte for byte (ISO-8859-1 of each char). */
    record Request(String phase, String label, String method, String target, List<String[]> headers, byte[] body) {

        String describe(int maxBody) {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder().append('[').append(phase).append("] ").append(label).append(": ")
                    .append(method).append(' ').append(Hostile.clip(target, 300));
            for (String[] h : headers) {
                out.append("\n    ").append(h[0]).append(": ").append(Hostile.clip(h[1], 120));
            }
            if (!text.isEmpty()) {
                out.append("\n    body(").append(body.length).append(" bytes): ").append(text.length() <= maxBody ? text
                        : text.substring(0, maxBody / 2) + " …[" + (text.length() - maxBody) + " chars]… "
                        + text.substring(text.length() - maxBody / 2));
            }
            return out.toString();
        }
    }

    /** A response: status (-1 when the server closed or timed out without one), raw header block and body text. */
    record Response(int status, String head, String body, long millis) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        String describe(int maxBody) {
            return "-> " + status + " in " + millis + " ms\n    " + Hostile.clip(head.replace("\r\n", "\n    "), 800)
                    + "\n    body: " + Hostile.clip(body, maxBody);
        }
    }

    private final int port;
    private final int readTimeoutMillis;

    Wire(int port, int readTimeoutMillis) {
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    Response send(Request request) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(latin1(request.method() + " " + request.target() + " HTTP/1.1\r\n"));
            head.write(latin1("Host: 127.0.0.1:" + port + "\r\n"));
            head.write(latin1("Connection: close\r\n"));
            for (String[] h : request.headers()) {
                head.write((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = request.body();
            if (body != null) {
                head.write(latin1("Content-Length: " + body.length + "\r\n"));
            }
            head.write(latin1("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException serverStoppedReading) {
                    // the server may answer (413, 400) and close before reading a large body: read what it said
                }
            }
            out.flush();
            byte[] raw = readAll(socket.getInputStream());
            return parse(raw, (System.nanoTime() - start) / 1_000_000);
        } catch (SocketTimeoutException e) {
            return new Response(-1, "", "(read timed out)", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Response(-1, "", "(" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw, long millis) {
        int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (split < 0) {
            return new Response(-1, new String(raw, StandardCharsets.ISO_8859_1), "", millis);
        }
        String head = new String(raw, 0, split, StandardCharsets.ISO_8859_1);
        byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        int status;
        try {
            status = Integer.parseInt(head.substring(9, 12));
        } catch (RuntimeException e) {
            status = -1;
        }
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Response(status, head, new String(body, StandardCharsets.UTF_8), millis);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(body, i, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                out.write(body, i, body.length - i); // not chunked after all: keep it as it is
                break;
            }
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            int n = Math.min(size, body.length - from);
            out.write(body, from, n);
            i = from + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] needle) {
        return indexOf(data, 0, needle);
    }

    private static int indexOf(byte[] data, int from, byte[] needle) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String[]> headers(String... pairs) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(new String[] {pairs[i], pairs[i + 1]});
        }
        return list;
    }
}
