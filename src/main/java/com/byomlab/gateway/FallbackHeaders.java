package com.byomlab.gateway;

import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Fallback;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a completion tells about a fallback order, in headers, when the token's calls have one (without one nothing is
 * added, so answers stay exactly as they were):
 *
 * <pre>
 * x-byom-credential  the credential that answered, or "system-default"
 * x-byom-provider    its provider id, e.g. "openai" (the body's model field is the model that ran)
 * x-byom-fallback    only when it is not the first one of the order: each move in order,
 *                    "&lt;credential left&gt;;reason=&lt;code&gt;", comma-separated, e.g.
 *                    "3f1c…;reason=rate_limited, 9a07…;reason=cooling_down"
 * </pre>
 *
 * A stream moves on only before its first byte: these headers go out with it and always name what streams.
 */
final class FallbackHeaders {

    static final String CREDENTIAL = "x-byom-credential";
    static final String PROVIDER = "x-byom-provider";
    static final String FALLBACK = "x-byom-fallback";

    private FallbackHeaders() {
    }

    static void write(HttpServletResponse response, CallRoute asked, CallRoute answered, List<Fallback> moves) {
        if (asked.fallback().isEmpty() && moves.isEmpty()) {
            return;
        }
        response.setHeader(CREDENTIAL, id(answered));
        response.setHeader(PROVIDER, answered.provider().id());
        if (!moves.isEmpty()) {
            response.setHeader(FALLBACK, moves.stream().map(m -> id(m.from()) + ";reason=" + m.reason())
                    .collect(Collectors.joining(", ")));
        }
    }

    private static String id(CallRoute route) {
        return route.usesUserKey() ? route.credentialId().toString() : "system-default";
    }
}
