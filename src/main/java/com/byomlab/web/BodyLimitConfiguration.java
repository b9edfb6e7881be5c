package com.byomlab.web;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

    /**
     * Just after character encoding and the request observation (so a 413 is timed and counted like any answer), and
     * long before Spring Security's chains (order -100: API, gateway {@code /v1} and pages alike) and Spring MVC's
     * form filters, all of which may read a body.
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(BodyLimits limits, ObjectProvider<TooLargeAnswer> answers,
                                                              JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(limits, answers, json));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
