package com.byomlab.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/** How the API reads and writes JSON: exact money, whole numbers kept whole, no NUL in any text. */
@Configuration(proxyBeanMethods = false)
class JsonSettings {

    /** Money is exact BigDecimal: written as 0.0068 and 0, never 6.8E-3 or 0E-12. */
    @Bean
    JsonMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** A fraction where a whole number belongs ({@code "expires_in_days": 2.5}) is refused rather than cut to 2. */
    @Bean
    JsonMapperBuilderCustomizer wholeNumbersOnly() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Every string of a JSON request body is held to {@link UserText} as it is parsed: a {@code \u0000} in any field
     * is a 400 naming the field. This mapper reads request bodies only (stored data and the gateway have their own).
     */
    @Bean
    JsonMapperBuilderCustomizer noNulInText() {
        return builder -> builder.addModule(new SimpleModule("user-text").addDeserializer(String.class,
                new CheckedStrings()));
    }

    private static final class CheckedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String name = p.currentName();
            return UserText.check(name == null ? "a text value" : name, super.deserialize(p, ctxt));
        }
    }
}
