package com.byomlab.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what well-behaved clients never send: a request target exactly as written
 * ({@code %2f}, {@code %00}), a {@code Content-Length} whose body never comes, and a chunked body that streams on
 * without end. One connection per request ({@code Connection: close}).
 */
public final class RawHttp {

    /** The answer: status (-1 when none came before the timeout or the connection broke), header block and body. */
    public record Answer(int status, String head, String body) {

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + "\n" + head + "\n\n" + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }

    private static final int TIMEOUT_MILLIS = 20_000;

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends the request line and headers (each "Name: value"), then {@code body} as it is; a {@code Content-Length}
     * header among {@code headers} may promise more than is sent.
     */
    public Answer send(String requestLine, byte[] body, String... headers) {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(requestLine, headers));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException serverStoppedReading) {
                    // the server may answer and close before reading the body: read what it said
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            return new Answer(-1, "", "(" + e + ")");
        }
    }

    /**
     * Sends {@code Transfer-Encoding: chunked} and streams {@code chunk} after {@code prefix} again and again from
     * another thread, up to {@code maxBytes} in all, never ending the body: only a server that stops reading and
     * answers gives a status. Returns the answer and, through {@code sent}, how many body bytes went out.
     */
    public Answer streamChunked(String requestLine, byte[] prefix, byte[] chunk, long maxBytes, AtomicLong sent,
                                String... headers) {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            String[] all = new String[headers.length + 1];
            System.arraycopy(headers, 0, all, 0, headers.length);
            all[headers.length] = "Transfer-Encoding: chunked";
            out.write(head(requestLine, all));
            Thread writer = new Thread(() -> {
                try {
                    writeChunk(out, prefix);
                    sent.addAndGet(prefix.length);
                    while (sent.get() < maxBytes) {
                        writeChunk(out, chunk);
                        sent.addAndGet(chunk.length);
                    }
                    out.flush();
                } catch (IOException serverStoppedReading) {
                    // expected once the server has refused the body
                }
            }, "raw-http-chunked-writer");
            writer.setDaemon(true);
            writer.start();
            Answer answer = read(socket.getInputStream());
            writer.join(TIMEOUT_MILLIS);
            return answer;
        } catch (IOException e) {
            return new Answer(-1, "", "(" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private byte[] head(String requestLine, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads until the answer is complete (by its Content-Length or last chunk) or the server closes. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; !complete(all.toByteArray()) && (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (all.size() == 0) {
                return new Answer(-1, "", "(no answer within " + TIMEOUT_MILLIS + " ms)");
            }
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        String raw = all.toString(StandardCharsets.ISO_8859_1);
        int split = raw.indexOf("\r\n\r\n");
        if (split < 0 || raw.length() < 12) {
            return new Answer(-1, raw, "");
        }
        String head = raw.substring(0, split);
        byte[] body = all.toByteArray();
        body = java.util.Arrays.copyOfRange(body, split + 4, body.length);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        int status;
        try {
            status = Integer.parseInt(head.substring(9, 12));
        } catch (RuntimeException e) {
            status = -1;
        }
        return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * A server that refused a body may keep reading (and dropping) the rest of it before it closes: the answer is
     * taken as soon as it is whole.
     */
    private static boolean complete(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        String head = text.substring(0, split).toLowerCase(Locale.ROOT);
        int bodyLength = raw.length - split - 4;
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return bodyLength >= Integer.parseInt(length.group(1));
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n") || text.endsWith("\r\n\r\n0\r\n\r\n");
        }
        return false; // the body ends when the server closes
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOfCrLf(body, i);
            if (lineEnd < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(body, from, Math.min(size, body.length - from));
            i = from + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrLf(byte[] data, int from) {
        for (int i = from; i < data.length - 1; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
