package com.byomlab.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code byom.http.max-body.*}: the largest request body each group of routes takes (issue 19). A body over its cap
 * is refused with 413 before it is read, so that nobody — signed in or not — can make the service hold a large body.
 * <pre>
 * byom.http.max-body.account=16KB     sign-up and login (POST /api/v1/users/signup, /api/v1/login/**): unauthenticated
 * byom.http.max-body.api=64KB         every other JSON API path; the longest valid body is a 5,000-character goal
 *                                     written as \\uXXXX escapes (30 KB)
 * byom.http.max-body.pages=64KB       form posts of the web pages (the same goal, percent-encoded)
 * byom.http.max-body.gateway=4MB      /v1/** (OpenAI-compatible requests carry whole conversations)
 * byom.http.max-body.csv-import=5MB   POST /api/v1/market/prices/import (the import's own file limit)
 * </pre>
 * Sizes are binary: 16KB is 16 KiB. Form posts are also held to {@code server.tomcat.max-http-form-post-size}.
 */
@ConfigurationProperties("byom.http.max-body")
record BodyLimits(@DefaultValue("16KB") DataSize account, @DefaultValue("64KB") DataSize api,
                  @DefaultValue("64KB") DataSize pages, @DefaultValue("4MB") DataSize gateway,
                  @DefaultValue("5MB") DataSize csvImport) {

    @ConstructorBinding
    BodyLimits {
        check("account", account);
        check("api", api);
        check("pages", pages);
        check("gateway", gateway);
        check("csv-import", csvImport);
    }

    private static void check(String name, DataSize size) {
        if (size.toBytes() < 1024) {
            throw new IllegalArgumentException("byom.http.max-body." + name + " must be at least 1KB");
        }
    }

    /** The cap of the route group {@code path} (decoded, without the context path) belongs to. */
    long bytesFor(String path) {
        if (path.equals("/api/v1/users/signup") || path.startsWith("/api/v1/login/")) {
            return account.toBytes();
        }
        if (path.equals("/api/v1/market/prices/import")) {
            return csvImport.toBytes();
        }
        if (path.startsWith("/v1/") || path.startsWith("/demo-llm/")) { // demo mode's simulated provider speaks /v1
            return gateway.toBytes();
        }
        if (isPage(path)) {
            return pages.toBytes();
        }
        return api.toBytes();
    }

    /** The paths of the web pages (ui/PageSecurity) that take form posts. */
    private static boolean isPage(String path) {
        return path.equals("/") || path.equals("/login") || path.equals("/signup") || path.equals("/logout")
                || path.startsWith("/settings/") || path.equals("/settings") || path.startsWith("/lab/")
                || path.equals("/lab") || path.startsWith("/usage/") || path.equals("/usage")
                || path.startsWith("/admin/");
    }
}
