package com.byomlab.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Caps every request body by its route ({@link BodyLimits}) before anything reads it: a declared Content-Length over
 * the cap is refused at once, without reading the body; any other body (chunked, or longer than declared) is counted
 * as it is read, and reading past the cap fails with {@link BodyTooLarge}, which the handlers answer with 413.
 * Registered ahead of Spring Security's chains (see {@link BodyLimitConfiguration}), whose filters read form
 * parameters (the CSRF token, the login form).
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    private final BodyLimits limits;
    private final ObjectProvider<TooLargeAnswer> answers;
    private final JsonMapper json;

    RequestBodyLimit(BodyLimits limits, ObjectProvider<TooLargeAnswer> answers, JsonMapper json) {
        this.limits = limits;
        this.answers = answers;
        this.json = json;
    }

    /** A constant: the default builds the name anew on every request. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return FILTERED;
    }

    private static final String FILTERED = RequestBodyLimit.class.getName() + ALREADY_FILTERED_SUFFIX;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the decoded path, as the dispatcher maps it: "/api/v1/users/%73ignup" is sign-up too
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
        long limit = limits.bytesFor(path);
        request.setAttribute(BodyTooLarge.LIMIT_ATTRIBUTE, limit);
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, limit);
            return;
        }
        try {
            chain.doFilter(new CappedRequest(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // read past the cap where no handler answered it (a filter reading a form): answer here if still possible
            if (!BodyTooLarge.in(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(request, response, limit);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        ApiHeaders.set(response);
        for (TooLargeAnswer answer : answers.orderedStream().toList()) {
            if (answer.answers(request)) {
                answer.write(response, limit);
                return;
            }
        }
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), ProblemHandler.tooLarge(limit));
    }

    /** The request with its body counted: the stream and the reader fail once more than the cap has been read. */
    private static final class CappedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        CappedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called for this request");
            }
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (stream != null) {
                    throw new IllegalStateException("getInputStream() has already been called for this request");
                }
                ServletInputStream in = new CappedStream(super.getInputStream(), limit);
                reader = new BufferedReader(new InputStreamReader(in, charset()));
            }
            return reader;
        }

        private Charset charset() throws UnsupportedEncodingException {
            String name = getCharacterEncoding();
            if (name == null) {
                return StandardCharsets.ISO_8859_1; // the servlet default, as the container's own reader uses
            }
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UnsupportedEncodingException(name);
            }
        }
    }

    private static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CappedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
