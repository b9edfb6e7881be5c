package com.byomlab.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.List;
import java.util.UUID;

class CurrentUserResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
            throw new ApiProblem(org.springframework.http.HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Log in first and send the token as 'Authorization: Bearer <token>'.");
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        return new CurrentUser(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString("email"),
                roles != null && roles.contains("ADMIN"), http == null ? null : http.getRemoteAddr());
    }
}
