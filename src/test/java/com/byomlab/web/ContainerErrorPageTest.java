package com.byomlab.web;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.RawHttp;
import com.byomlab.testsupport.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses before the application sees them (issue 19, item 9): an encoded slash or NUL in the path.
 * Their answer is problem details with the API's security headers, not Tomcat's HTML page. Sent over a raw socket:
 * HTTP clients normalise such paths before sending.
 */
class ContainerErrorPageTest extends ApiIntegrationTest {

    @Test
    void pathsTomcatRefusesGetProblemDetailsWithSecurityHeaders() {
        RawHttp raw = new RawHttp(port);
        for (String target : new String[] {"/api/v1/users/me%2f..%2fadmin", "/api/v1/users/%00", "/v1/models%2f",
                "/lab%00", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd"}) {
            Answer r = raw.send("GET " + target + " HTTP/1.1", null);
            assertThat(r.status()).as(target + ": " + r).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(target + ": " + r).startsWith("application/problem+json");
            assertThat(r.body()).as(target).contains("\"code\":\"malformed_request\"").doesNotContain("<html")
                    .doesNotContainIgnoringCase("tomcat");
            assertThat(r.header("Content-Security-Policy")).as(target).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(r.header("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(target).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).as(target).isEqualTo("no-referrer");
        }
    }
}
