package com.byomlab.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests Tomcat refuses before any filter runs — an encoded slash, backslash or NUL in the path ({@code %2f},
 * {@code %00}) — are answered by the host's error report valve. Tomcat's own valve writes an HTML page without the
 * security headers; this one writes problem details with the API's headers (README "Headers"), like every other
 * refusal. Errors inside the application never reach it: they go to {@code /error} (ProblemErrorController).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        // runs after Spring Boot's own customizer, which adds a plain ErrorReportValve to the host: replace it
        return factory -> factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReport)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReport());
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReport.class.getName()); // so the host adds no other
            }
        });
    }

    /** Problem details instead of Tomcat's HTML error page. */
    static final class ProblemReport extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        public ProblemReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // as Tomcat's valve: only an error status, only once, only if nothing was written and I/O still works
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            ObjectNode body = JSON.createObjectNode();
            body.put("type", "about:blank");
            body.put("title", known == null ? "Error" : known.getReasonPhrase());
            body.put("status", status);
            body.put("detail", status == 400
                    ? "The request was refused as malformed: check the path and its percent-encoding (an encoded '/', "
                    + "'\\' or NUL is never accepted)."
                    : status >= 500 ? "Something went wrong on our side. Nothing was changed; retry, and report it if "
                    + "it persists." : "The request could not be processed as sent.");
            body.put("code", status == 400 ? "malformed_request" : status >= 500 ? "internal_error" : "bad_request");
            try {
                ApiHeaders.set(response);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getOutputStream().write(JSON.writeValueAsBytes(body));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response cannot take a body: nothing more to say
            }
        }
    }
}
