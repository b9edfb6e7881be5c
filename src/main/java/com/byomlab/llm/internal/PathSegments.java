package com.byomlab.llm.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for one URL path segment (RFC 3986, section 3.3), for the URLs this code builds itself. Unlike
 * {@link java.net.URLEncoder}, which encodes form values (a space becomes '+'), everything but the unreserved characters
 * and ':' and '@' is escaped, '/', '?' and '#' included, so a value cannot leave its segment. It does not make '.' or
 * '..' safe (those are dot-segments however they are written): {@link com.byomlab.llm.ModelIds} refuses them first.
 */
public final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    public static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }
}
