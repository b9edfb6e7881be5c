package com.byomlab.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;

import java.io.IOException;

/**
 * A request body read past its route's cap ({@link BodyLimits}). Thrown by the capped input stream of every request,
 * so whatever reads the body — Jackson, a controller, a CSV reader — stops there; handlers that see it (or Tomcat's
 * own form-size refusal) among an exception's causes answer 413, never a parse error or a 500.
 */
public final class BodyTooLarge extends IOException {

    static final String LIMIT_ATTRIBUTE = BodyTooLarge.class.getName() + ".limit";

    BodyTooLarge(long limit) {
        super("request body over " + limit + " bytes", null);
    }

    /** True when {@code e} or one of its causes says the request body was over its cap. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge
                    || t instanceof InvalidParameterException p && p.getErrorCode() == 413) { // form over Tomcat's cap
                return true;
            }
        }
        return false;
    }

    /** The cap of this request's route in bytes, or -1 when the body limit did not see the request. */
    public static long limitOf(HttpServletRequest request) {
        return request.getAttribute(LIMIT_ATTRIBUTE) instanceof Long limit ? limit : -1;
    }

    /** "The request body is larger than 16 KB, the most this endpoint takes. …", for both error formats. */
    public static String message(long limit) {
        return "The request body is larger than " + (limit < 0 ? "this endpoint takes" : size(limit)
                + ", the most this endpoint takes") + ". Send a smaller body; nothing was read or changed.";
    }

    /** Binary units written as the settings write them (16KB is 16 KiB) and as the CSV import's "5 MB" always was. */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
