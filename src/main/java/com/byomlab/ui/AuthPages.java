package com.byomlab.ui;

import com.byomlab.account.Accounts;
import com.byomlab.account.UserAccount;
import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Login (processed by Spring Security's form login at POST /login), sign-up, and the start page. */
@Controller
class AuthPages {

    static final String LOGIN_VIEW = "auth/login";
    static final String SIGNUP_VIEW = "auth/signup";

    private final Accounts accounts;
    private final RateLimits rateLimits;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    AuthPages(Accounts accounts, RateLimits rateLimits) {
        this.accounts = accounts;
        this.rateLimits = rateLimits;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/lab";
    }

    @GetMapping("/login")
    String login() {
        return LOGIN_VIEW;
    }

    @GetMapping("/signup")
    String signupForm(Model model) {
        model.addAttribute("form", SignupForm.empty());
        return SIGNUP_VIEW;
    }

    /** Signs up and logs in at once (a new session id, so a planted session cookie is worthless). */
    @PostMapping("/signup")
    String signup(@Valid @ModelAttribute("form") SignupForm form, BindingResult errors,
                  HttpServletRequest request, HttpServletResponse response) {
        if (!errors.hasErrors()) {
            try {
                rateLimits.startSignUp(request.getRemoteAddr()); // the API's limit: sign-ups per client address
                UserAccount user = accounts.signUp(form.email(), form.password(), form.fullName());
                request.getSession(true);
                request.changeSessionId();
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(PageLogin.authenticated(user));
                holder.setContext(context);
                contexts.saveContext(context, request, response);
                return "redirect:/settings/llm?welcome";
            } catch (ApiProblem e) {
                errors.rejectValue("email", e.code(), e.getMessage());
            } catch (RateLimitExceeded e) {
                errors.rejectValue("email", "rate_limited", e.getMessage());
            }
        }
        return SIGNUP_VIEW; // the template never writes the password back
    }
}
