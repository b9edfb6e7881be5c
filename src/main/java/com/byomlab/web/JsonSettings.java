package com.byomlab.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * Money is exact BigDecimal: written as 0.0068 and 0, never 6.8E-3 or 0E-12. A fraction where a whole number belongs
 * ({@code "expires_in_days": 2.5}) is refused rather than cut to 2.
 */
@Configuration(proxyBeanMethods = false)
class JsonSettings {

    @Bean
    JsonMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    @Bean
    JsonMapperBuilderCustomizer wholeNumbersOnly() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
