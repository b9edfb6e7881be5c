package com.byomlab.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The API is stateless: JWT bearer tokens, no cookies, so no CSRF surface. Everything needs a
 * token except sign-up, login, health and the API description.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, MeterRegistry metrics) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/users/signup", "/api/v1/login/access-token").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        // counts only, no user ids or keys in any label; keep the port private (README)
                        .requestMatchers("/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // demo mode's simulated provider checks its own (public, fixed) key; absent otherwise
                        .requestMatchers("/demo-llm/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(loginTokensOnly())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthorized(json, metrics)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized(json, metrics))
                        .accessDeniedHandler(forbidden(json, metrics)))
                // JSON only: nothing on these paths may load, frame or run anything. CORS stays closed (no
                // CorsConfigurationSource): browsers refuse cross-origin calls.
                .headers(h -> h.contentTypeOptions(c -> { }).frameOptions(f -> f.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /**
     * No observation per security filter, authentication and authorization: {@code http.server.requests} already
     * times every request with its outcome, and wrapping each filter of the chains in an observation took about a
     * twentieth (5 %) of a gateway call's CPU (docs/benchmarks.md, 2026-12-06).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The simulated provider of demo mode takes its own bearer key, which is no login token. */
    private static BearerTokenResolver loginTokensOnly() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> request.getRequestURI().startsWith("/demo-llm/") ? null : standard.resolve(request);
    }

    private static AuthenticationEntryPoint unauthorized(JsonMapper json, MeterRegistry metrics) {
        return (request, response, e) -> {
            String gone = accountGone(e);
            boolean expired = gone == null && isExpired(e);
            metrics.counter("byom.unauthorized.access.attempts", "kind", gone != null ? ACCOUNT_GONE
                    : expired ? "expired_token" : "no_valid_token").increment();
            var body = gone != null ? ProblemHandler.problem(HttpStatus.UNAUTHORIZED, ACCOUNT_GONE, gone)
                    : ProblemHandler.problem(HttpStatus.UNAUTHORIZED, expired ? "token_expired" : "unauthorized",
                    expired ? "Your login has expired. Log in again at POST /api/v1/login/access-token."
                            : "A valid login token is required: log in at POST /api/v1/login/access-token and send "
                            + "'Authorization: Bearer <access_token>'.");
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer");
            response.setContentType("application/problem+json");
            json.writeValue(response.getOutputStream(), body);
        };
    }

    private static final String ACCOUNT_GONE = "account_gone";

    /** The message when the login token's account was deleted (account/LoginTokens' validator refuses with this code). */
    private static String accountGone(AuthenticationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.security.oauth2.jwt.JwtValidationException invalid) {
                return invalid.getErrors().stream().filter(error -> ACCOUNT_GONE.equals(error.getErrorCode()))
                        .map(error -> error.getDescription()).findFirst().orElse(null);
            }
        }
        return null;
    }

    private static boolean isExpired(AuthenticationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("expired")) {
                return true;
            }
        }
        return false;
    }

    private static AccessDeniedHandler forbidden(JsonMapper json, MeterRegistry metrics) {
        return (request, response, e) -> {
            metrics.counter("byom.unauthorized.access.attempts", "kind", "forbidden").increment();
            var body = ProblemHandler.problem(HttpStatus.FORBIDDEN, "forbidden",
                    "Your account is not allowed to do this.");
            response.setStatus(403);
            response.setContentType("application/problem+json");
            json.writeValue(response.getOutputStream(), body);
        };
    }

    /** Requests the firewall refuses (odd encodings, traversal in the path) get a 400 problem, not the container's 500. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, e) -> {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            json.writeValue(response.getOutputStream(), ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed_request",
                    "The request was refused as malformed: check the path and parameter encoding."));
        };
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserResolver());
    }
}
