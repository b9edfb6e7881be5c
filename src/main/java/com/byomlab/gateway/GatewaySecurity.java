package com.byomlab.gateway;

import com.byomlab.web.TooLargeAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * The gateway's own security chain for {@code /v1/**}, ordered before the API's JWT chain so that a personal access
 * token is never parsed as a login token (nor a login token accepted here). Stateless, no CSRF (no cookies), every
 * request authenticated by a personal access token; refusals in OpenAI's error format.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain gateway(HttpSecurity http, AccessTokens tokens) throws Exception {
        http.securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new TokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                // the API's headers (README "Headers"): JSON only, nothing here may load, frame or run anything
                .headers(h -> h.contentTypeOptions(c -> { }).frameOptions(f -> f.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> write(request,
                        response, new GatewayError(HttpStatus.UNAUTHORIZED, "invalid_request_error", "invalid_api_key",
                                null, "Send a BYOM Lab personal access token as 'Authorization: Bearer <token>' or "
                                + "'x-api-key: <token>'."))));
        return http.build();
    }

    /** A body over the gateway's cap, refused before the chain reads anything: in OpenAI's error format too. */
    @Bean
    TooLargeAnswer gatewayTooLarge() {
        return new TooLargeAnswer() {
            @Override
            public boolean answers(HttpServletRequest request) {
                // decoded, as the body limit matches it; the Messages surface answers in Anthropic's format
                return request.getServletPath().startsWith("/v1/") && !AnthropicErrors.speaks(request);
            }

            @Override
            public void write(HttpServletResponse response, long limitBytes) throws IOException {
                GatewaySecurity.write(response, GatewayError.tooLarge(limitBytes));
            }
        };
    }

    /** The same on {@code /v1/messages}: Anthropic's 413 request_too_large. */
    @Bean
    TooLargeAnswer messagesTooLarge() {
        return new TooLargeAnswer() {
            @Override
            public boolean answers(HttpServletRequest request) {
                return AnthropicErrors.speaks(request);
            }

            @Override
            public void write(HttpServletResponse response, long limitBytes) throws IOException {
                AnthropicErrors.send(response, GatewayError.tooLarge(limitBytes));
            }
        };
    }

    /** A refusal of the security chain, in the format of the surface asked (Anthropic's on /v1/messages). */
    static void write(HttpServletRequest request, HttpServletResponse response, GatewayError error) throws IOException {
        if (AnthropicErrors.speaks(request)) {
            AnthropicErrors.send(response, error);
        } else {
            write(response, error);
        }
    }

    static void write(HttpServletResponse response, GatewayError error) throws IOException {
        if (error.status() == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        error.headers().forEach(response::setHeader);
        GatewayJson.send(response, error.status().value(), GatewayJson.error(error));
    }

    /**
     * Resolves {@code Authorization: Bearer byom_pat_...}, or {@code x-api-key: byom_pat_...} (Anthropic's clients;
     * Claude Code sends either), on every request; no cache outlives a revoke. The token is never passed on.
     */
    static final class TokenFilter extends OncePerRequestFilter {

        private final AccessTokens tokens;

        TokenFilter(AccessTokens tokens) {
            this.tokens = tokens;
        }

        /** A constant: the default builds the name anew on every request. */
        @Override
        protected String getAlreadyFilteredAttributeName() {
            return FILTERED;
        }

        private static final String FILTERED = TokenFilter.class.getName() + ALREADY_FILTERED_SUFFIX;

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? header.substring(7).strip() : request.getHeader("x-api-key");
            if (presented == null) {
                chain.doFilter(request, response); // the entry point answers 401
                return;
            }
            GatewayCaller caller;
            try {
                caller = tokens.authenticate(presented.strip(), request.getRemoteAddr());
            } catch (GatewayError refused) {
                write(request, response, refused);
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(caller));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    /** An authenticated gateway caller; the credentials (the token) are not kept. */
    static final class CallerAuthentication extends AbstractAuthenticationToken {

        /** The same for every caller: made once. */
        private static final List<GrantedAuthority> ROLES = AuthorityUtils.createAuthorityList("ROLE_GATEWAY");

        private final GatewayCaller caller;

        CallerAuthentication(GatewayCaller caller) {
            super(ROLES);
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public GatewayCaller getPrincipal() {
            return caller;
        }
    }
}
