package com.byomlab.ui;

import com.byomlab.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link SignedIn} parameters of page controllers from the session's {@link PageUser}. */
final class SignedInResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedIn.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof PageUser user)) {
            // the page chain lets no anonymous request reach a page controller; this is a wiring error
            throw new AuthenticationCredentialsNotFoundException("No page login");
        }
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        return new SignedIn(new CurrentUser(user.id(), user.email(), user.admin(),
                http == null ? null : http.getRemoteAddr()), user.displayName());
    }
}
