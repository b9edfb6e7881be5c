package com.byomlab.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * A database outage met before a controller (the account check of every login token and page session, a gateway
 * token's lookup) answers 503 {@code database_unavailable} as one met in a controller does ({@link ProblemHandler}),
 * logged as one warning line rather than the container's error with a stack trace for every request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final JsonMapper json;

    DatabaseOutageFilter(JsonMapper json) {
        this.json = json;
    }

    /** A constant: the default builds the name anew on every request. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return FILTERED;
    }

    private static final String FILTERED = DatabaseOutageFilter.class.getName() + ALREADY_FILTERED_SUFFIX;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException e) {
            if (!DatabaseOutage.isOutage(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unreachable while authenticating a request ({})", e.getClass().getSimpleName());
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setContentType("application/problem+json");
            json.writeValue(response.getOutputStream(), ProblemHandler.databaseUnavailable());
        }
    }
}
