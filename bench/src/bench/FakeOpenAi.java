package bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast fake OpenAI server for the benchmark: HTTP/1.1 keep-alive on raw sockets, TCP_NODELAY, each response
 * (headers + body) written with one write, so no Nagle / delayed-ACK stall (~40 ms) hides the service's own cost.
 *
 * <ul>
 * <li>{@code GET /v1/models}: a model list (the service validates keys with it).</li>
 * <li>{@code POST /v1/chat/completions}, streamed (SSE, usage in a final chunk with empty choices, as OpenAI does
 * with {@code stream_options.include_usage}) or not. A request whose text holds {@code bench:TAG:N} belongs to bench
 * session TAG that should make N LLM calls: while fewer than N-1 tool results are in the conversation the answer is a
 * {@code list_coins} tool call, then a final text answer. Without a tag: a final answer at once.</li>
 * <li>Latency: {@link #latencyMs} (0 = answer at once; N = sleep N ms after the request is read, before writing).</li>
 * </ul>
 * Every tagged request is recorded: arrival (request fully read) and end (last byte written), System.nanoTime.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final Pattern TAG = Pattern.compile("bench:([A-Za-z0-9_-]+):(\\d+)");
    private static final Pattern TOOL_ROLE = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

    /** One provider request of a bench session. */
    public record Call(long arrivalNanos, long endNanos) {
        public long nanos() {
            return endNanos - arrivalNanos;
        }
    }

    /** What the fake saw of one tagged session. */
    public static final class Tagged {
        public final List<Call> calls = new CopyOnWriteArrayList<>();
        public final CompletableFuture<Long> finalAnswerSent = new CompletableFuture<>();
        public volatile long firstArrivalNanos;
    }

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Thread acceptor;
    public volatile int latencyMs;
    private final Map<String, Tagged> tagged = new ConcurrentHashMap<>();
    public final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    public FakeOpenAi(int port, int latencyMs) throws IOException {
        this.latencyMs = latencyMs;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        this.threads = Threads.platform("fake-openai");
        this.acceptor = new Thread(this::acceptLoop, "fake-openai-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public Tagged expect(String tag) {
        return tagged.computeIfAbsent(tag, t -> new Tagged());
    }

    public Tagged seen(String tag) {
        return tagged.get(tag);
    }

    public void forget(String tag) {
        tagged.remove(tag);
    }

    public void resetCounters() {
        maxInFlight.set(inFlight.get());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
             OutputStream out = socket.getOutputStream()) {
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                long arrival = System.nanoTime();
                requests.incrementAndGet();
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    respond(request, arrival, out);
                } finally {
                    inFlight.decrementAndGet();
                }
                if (request.close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // client went away
        }
    }

    private void respond(Request request, long arrival, OutputStream out) throws IOException {
        if (request.method.equals("GET") && request.path.endsWith("/models")) {
            write(out, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                    + "\"created\":1700000000,\"owned_by\":\"bench\"},{\"id\":\"gpt-4o\",\"object\":\"model\","
                    + "\"created\":1700000000,\"owned_by\":\"bench\"}]}");
            return;
        }
        if (!request.method.equals("POST") || !request.path.endsWith("/chat/completions")) {
            write(out, 404, "application/json", "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        String body = request.body;
        Matcher tag = TAG.matcher(body);
        String sessionTag = null;
        int wanted = 1;
        if (tag.find()) {
            sessionTag = tag.group(1);
            wanted = Integer.parseInt(tag.group(2));
        }
        int toolResults = 0;
        Matcher tools = TOOL_ROLE.matcher(body);
        while (tools.find()) {
            toolResults++;
        }
        Tagged seen = null;
        if (sessionTag != null) {
            seen = expect(sessionTag);
            if (seen.calls.isEmpty() && seen.firstArrivalNanos == 0) {
                seen.firstArrivalNanos = arrival;
            }
        }
        boolean toolCall = sessionTag != null && toolResults < wanted - 1;
        boolean stream = STREAM.matcher(body).find();
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String id = "chatcmpl-" + ids.incrementAndGet();
        if (stream) {
            write(out, 200, "text/event-stream", toolCall ? streamedToolCall(id, toolResults) : streamedAnswer(id));
        } else {
            write(out, 200, "application/json", toolCall ? toolCallJson(id, toolResults) : answerJson(id));
        }
        long end = System.nanoTime();
        if (seen != null) {
            seen.calls.add(new Call(arrival, end));
            if (!toolCall) {
                seen.finalAnswerSent.complete(end);
            }
        }
    }

    private static final String USAGE = "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":12,\"total_tokens\":132,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}";

    private static String chunk(String id, String choices) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":" + choices + "}\n\n";
    }

    private static String streamedToolCall(String id, int n) {
        return chunk(id, "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_" + n + "\",\"type\":\"function\",\"function\":{\"name\":\"list_coins\",\"arguments\":\"\"}}]},"
                + "\"finish_reason\":null}]")
                + chunk(id, "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]},"
                + "\"finish_reason\":null}]")
                + chunk(id, "[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]")
                + "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[]," + USAGE + "}\n\n"
                + "data: [DONE]\n\n";
    }

    private static String streamedAnswer(String id) {
        return chunk(id, "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]")
                + chunk(id, "[{\"index\":0,\"delta\":{\"content\":\"Bench report: \"},\"finish_reason\":null}]")
                + chunk(id, "[{\"index\":0,\"delta\":{\"content\":\"BTC and ETH have data; \"},\"finish_reason\":null}]")
                + chunk(id, "[{\"index\":0,\"delta\":{\"content\":\"nothing else to add.\"},\"finish_reason\":null}]")
                + chunk(id, "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]")
                + "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[]," + USAGE + "}\n\n"
                + "data: [DONE]\n\n";
    }

    private static String toolCallJson(String id, int n) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                + "\"call_" + n + "\",\"type\":\"function\",\"function\":{\"name\":\"list_coins\",\"arguments\":\"{}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]," + USAGE + "}";
    }

    private static String answerJson(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Bench report: BTC and ETH "
                + "have data; nothing else to add.\"},\"finish_reason\":\"stop\"}]," + USAGE + "}";
    }

    /** Status line, headers and body in one write: with TCP_NODELAY nothing waits for an ACK. */
    private static void write(OutputStream out, int status, String type, String body) throws IOException {
        boolean sse = type.startsWith("text/event-stream");
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        if (sse) {
            // like OpenAI: a chunked stream (here one chunk and the terminator, still in the same single write)
            byte[] framed = (Integer.toHexString(payload.length) + "\r\n" + body + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            payload = framed;
        }
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n"
                + "Content-Type: " + type + (sse ? "" : "; charset=utf-8") + "\r\n"
                + (sse ? "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n" : "Content-Length: " + payload.length + "\r\n")
                + "Connection: keep-alive\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + payload.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(payload, 0, all, headBytes.length, payload.length);
        out.write(all);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    /** A minimal HTTP/1.1 request reader: Content-Length or chunked bodies. */
    private static final class Request {
        String method;
        String path;
        String body = "";
        boolean close;

        static Request read(InputStream in) throws IOException {
            String line = readLine(in);
            while (line != null && line.isEmpty()) {
                line = readLine(in);
            }
            if (line == null) {
                return null;
            }
            Request r = new Request();
            String[] parts = line.split(" ");
            r.method = parts[0];
            r.path = parts.length > 1 ? parts[1] : "/";
            int length = 0;
            boolean chunked = false;
            for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase();
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
                    case "connection" -> r.close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                while (true) {
                    String size = readLine(in);
                    if (size == null) {
                        return null;
                    }
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        for (String t = readLine(in); t != null && !t.isEmpty(); t = readLine(in)) {
                            // trailers
                        }
                        break;
                    }
                    bytes.write(in.readNBytes(n));
                    readLine(in);
                }
                r.body = bytes.toString(StandardCharsets.UTF_8);
            } else if (length > 0) {
                r.body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            return r;
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') {
                        sb.setLength(n - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) c);
            }
            return sb.length() == 0 ? null : sb.toString();
        }
    }

    /** Standalone: {@code java bench.FakeOpenAi PORT LATENCY_MS} (for trying the service by hand). */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        FakeOpenAi fake = new FakeOpenAi(port, latency);
        System.out.println("fake OpenAI at " + fake.baseUrl() + " latency " + latency + " ms");
        Thread.currentThread().join();
    }
}
