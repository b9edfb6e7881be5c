package com.byomlab.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The API's security headers (README "Headers"), for answers written where Spring Security's header writer does not
 * run: refusals before the security chains (an oversized body) and the container's own error reports.
 */
final class ApiHeaders {

    static final String CSP = "default-src 'none'; frame-ancestors 'none'";

    private ApiHeaders() {
    }

    static void set(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
