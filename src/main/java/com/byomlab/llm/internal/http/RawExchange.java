package com.byomlab.llm.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * A raw POST to a provider, for the pass-through of a client's own request: the body goes as given, the answer is
 * handed over while the connection is open, so it can be forwarded as it arrives. Over the same pools as every other
 * provider call ({@link ProviderHttpClients}): a user-supplied endpoint only ever reaches addresses the endpoint
 * policy permits, and no redirect is followed. Failures come out as the same exception types as
 * {@link GuardedHttpClient}'s (timeouts, network failures; their messages never carry provider text).
 */
public final class RawExchange {

    /** Reads one answer; whatever it leaves unread is discarded with the connection. */
    public interface Answer {
        void read(int status, Map<String, List<String>> headers, String contentType, InputStream body)
                throws IOException;
    }

    private final CloseableHttpClient apache;

    RawExchange(CloseableHttpClient apache) {
        this.apache = apache;
    }

    /**
     * @param readTimeout the longest silence between two reads
     * @param abort       aborting it closes the connection, so a blocked read returns at once
     */
    @SuppressWarnings("deprecation") // per-request connect timeout: still honoured by HttpClient 5.5's exec runtime
    public void post(String url, Map<String, String> headers, byte[] body, CallAbort abort, Duration connectTimeout,
            Duration readTimeout, Answer answer) {
        HttpPost post = new HttpPost(URI.create(url));
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                .setConnectTimeout(Timeout.of(connectTimeout)).setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(readTimeout)).build());
        abort.register(post);
        EndAware in = null;
        try (ClassicHttpResponse response = apache.executeOpen(null, post, context)) {
            HttpEntity entity = response.getEntity();
            in = new EndAware(entity == null ? InputStream.nullInputStream() : entity.getContent(), post);
            String contentType = entity == null || entity.getContentType() == null ? "" : entity.getContentType();
            try (EndAware answerBody = in) { // closed before the response, so a half-read answer is not drained
                answer.read(response.getCode(), GuardedHttpClient.headers(response), contentType, answerBody);
            }
        } catch (IOException | RuntimeException e) {
            throw GuardedHttpClient.translate(e, false);
        } finally {
            if (in == null || !in.ended) {
                post.cancel(); // a half-read answer: drop the connection rather than drain it
            }
            abort.unregister(post);
        }
    }

    /**
     * Knows whether the answer was read to its end (the connection then goes back to the pool); closing it half-read
     * cancels the request instead of draining the rest of a long stream.
     */
    private static final class EndAware extends FilterInputStream {
        private final HttpPost post;
        private volatile boolean ended;

        EndAware(InputStream in, HttpPost post) {
            super(in);
            this.post = post;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                post.cancel();
            }
            super.close();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }
    }
}
