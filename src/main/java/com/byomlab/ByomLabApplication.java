package com.byomlab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** BYOM Lab: users bring their own LLM keys; the Lab runs metered agent sessions on them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ByomLabApplication {

    public static void main(String[] args) {
        SpringApplication.run(ByomLabApplication.class, args);
    }
}
