package com.byomlab.ui;

import com.byomlab.account.Accounts;
import com.byomlab.account.DeletedAccounts;
import com.byomlab.ratelimit.RateLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;

/**
 * The pages' own chain, ahead of the stateless API chain: a servlet session in an HttpOnly, SameSite=Lax
 * cookie, a login form backed by {@link Accounts}, and CSRF protection on every form post and htmx request
 * (htmx sends the token in a header taken from the page's meta tags). The API chain is left unchanged.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {

    static final String SESSION_COOKIE = "JSESSIONID";
    static final String[] PAGE_PATHS = {"/", "/login", "/signup", "/logout", "/settings/**", "/lab/**", "/usage/**",
            "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg"};
    private static final String[] PUBLIC_PATHS = {"/login", "/signup", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg"};
    /** Scripts and styles only from this origin: data for scripts travels in JSON blocks, never inline code. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(10) // before the API chain, which matches every request
    SecurityFilterChain pages(HttpSecurity http, Accounts accounts, RateLimits rateLimits, DeletedAccounts deleted)
            throws Exception {
        HttpSessionRequestCache returnAfterLogin = new HttpSessionRequestCache();
        // only whole pages are worth coming back to after a login, never an htmx fragment or an event stream
        returnAfterLogin.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !isHtmx(request)
                && !isEventStream(request));
        http.securityMatcher(PAGE_PATHS)
                .authenticationProvider(new PageLogin(accounts, rateLimits))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").usernameParameter("email").passwordParameter("password")
                        .defaultSuccessUrl("/lab").failureHandler(loginFailed()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies(SESSION_COOKIE))
                .requestCache(cache -> cache.requestCache(returnAfterLogin))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(toLogin()).accessDeniedHandler(staleForm()))
                .addFilterBefore(new DeletedAccountLogout(deleted), AuthorizationFilter.class)
                .addFilterAfter(new BidiControls(), HeaderWriterFilter.class)
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * A page session outlives its account otherwise (deleted through the API, here or on another instance): each
     * request that needs a login checks the account, and a deleted one's session is invalidated and the browser sent
     * to the login page, which says why. Public paths (styles, scripts, the login page) are not checked.
     */
    static final class DeletedAccountLogout extends OncePerRequestFilter {

        private final DeletedAccounts deleted;
        private final RequestMatcher publicPaths = new OrRequestMatcher(Arrays.stream(PUBLIC_PATHS)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());

        DeletedAccountLogout(DeletedAccounts deleted) {
            this.deleted = deleted;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = publicPaths.matches(request) ? null
                    : SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof PageUser user && deleted.isDeleted(user.id())) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                redirect(request, response, "/login?gone");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** HttpOnly is the servlet container's default for the session cookie; SameSite=Lax is added here. */
    @Bean
    CookieSameSiteSupplier sessionCookieSameSite() {
        return CookieSameSiteSupplier.ofLax().whenHasName(SESSION_COOKIE);
    }

    private static AuthenticationFailureHandler loginFailed() {
        return (request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof LockedException ? "/login?locked" : "/login?error"));
    }

    /** Not logged in: to the login page, saying so when the session behind the browser's cookie has expired. */
    private static AuthenticationEntryPoint toLogin() {
        return (request, response, e) -> redirect(request, response, "/login" + (expired(request) ? "?expired" : ""));
    }

    /**
     * A form post refused for its CSRF token. After an expired session that is the usual cause: send the user
     * to log in again (the login page says the form was not saved). Otherwise the form did not come from this
     * site, or is stale: refuse it with a page that says what to do.
     */
    private static AccessDeniedHandler staleForm() {
        return (request, response, e) -> {
            if (e instanceof CsrfException && expired(request)) {
                redirect(request, response, "/login?expired");
                return;
            }
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!doctype html><html lang=\"en\"><head><title>Form refused · BYOM Lab</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main class=\"narrow\">"
                    + "<h1>This form was refused</h1><p role=\"alert\">" + (e instanceof CsrfException
                    ? "It was out of date or was not sent from this site, so nothing was saved. Go back, reload the page "
                    + "and submit it again." : "Your account is not allowed to do this.")
                    + "</p><p><a href=\"/lab\">Back to the Lab</a></p></main></body></html>");
        };
    }

    /** htmx follows a redirect and swaps the login page into a fragment; HX-Redirect makes it load the whole page. */
    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String url = request.getContextPath() + path;
        if (isHtmx(request) || isEventStream(request)) {
            response.setHeader("HX-Redirect", url);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.sendRedirect(url);
        }
    }

    private static boolean expired(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static boolean isEventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/event-stream");
    }
}
