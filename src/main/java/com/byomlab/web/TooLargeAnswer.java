package com.byomlab.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * How a route that does not speak problem details refuses an oversized body (the gateway answers in OpenAI's error
 * format). The body limit asks every such bean before writing its own 413.
 */
public interface TooLargeAnswer {

    boolean answers(HttpServletRequest request);

    /** Writes the 413 (the security headers are already set). */
    void write(HttpServletResponse response, long limitBytes) throws IOException;
}
