package com.byomlab.ui;

import com.byomlab.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every page shares: the navigation bar's user and the demo-mode label; and refusals rendered as a
 * page (not the API's problem JSON), with an unknown or foreign id as a 404 page.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of the API's problem-details advice, for page controllers only
class PageModel {

    static final String ERROR_VIEW = "error/page";

    /** The layout's navigation: who is logged in (null on login and sign-up), whether an administrator, and the demo. */
    record Nav(String user, boolean demo, boolean admin) {
    }

    private final boolean demo;

    PageModel(@Value("${byom.demo:false}") boolean demo) {
        this.demo = demo;
    }

    @ModelAttribute("nav")
    Nav nav() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        PageUser user = auth != null && auth.getPrincipal() instanceof PageUser u ? u : null;
        return new Nav(user == null ? null : user.displayName(), demo, user != null && user.admin());
    }

    @ExceptionHandler(ApiProblem.class)
    String refused(ApiProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status().value());
        model.addAttribute("nav", nav());
        model.addAttribute("title", problem.status().value() == 404 ? "Not found" : "That did not work");
        model.addAttribute("message", problem.getMessage());
        return ERROR_VIEW;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badId(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("nav", nav());
        model.addAttribute("title", "Not found");
        model.addAttribute("message", "There is no such page. Check the address, or go back to the Lab.");
        return ERROR_VIEW;
    }
}
