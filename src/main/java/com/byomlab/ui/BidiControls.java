package com.byomlab.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) in anything a page shows — a
 * credential label, a goal, a model's report, a name — are written as a visible mark such as {@code [U+202E]}
 * instead of being obeyed. Obeyed, a right-to-left override makes the label "invoice‮fdp.exe" read as
 * "invoiceexe.pdf" and the text after it run backwards. Done on the pages' writer as the HTML is written, so that no
 * template can forget a field; the templates themselves hold none of these characters. Right-to-left text itself
 * (Arabic, Hebrew) is untouched: it needs no control characters to show correctly.
 */
final class BidiControls extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            private PrintWriter writer;

            @Override
            public PrintWriter getWriter() throws IOException {
                if (writer == null) {
                    writer = new PrintWriter(new Marking(super.getWriter()));
                }
                return writer;
            }
        });
    }

    static boolean isControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static String mark(int c) {
        return "[U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "]";
    }

    private static final class Marking extends FilterWriter {

        Marking(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (isControl(c)) {
                out.write(mark(c));
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            int from = offset;
            for (int i = offset; i < offset + length; i++) {
                if (isControl(buffer[i])) {
                    out.write(buffer, from, i - from);
                    out.write(mark(buffer[i]));
                    from = i + 1;
                }
            }
            out.write(buffer, from, offset + length - from);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            int from = offset;
            for (int i = offset; i < offset + length; i++) {
                if (isControl(text.charAt(i))) {
                    out.write(text, from, i - from);
                    out.write(mark(text.charAt(i)));
                    from = i + 1;
                }
            }
            out.write(text, from, offset + length - from);
        }
    }
}
