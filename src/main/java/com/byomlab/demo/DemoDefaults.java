package com.byomlab.demo;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * In demo mode, and only when the operator configured no system default, the system default is the
 * simulated provider of this same process. Added with the lowest precedence, so any setting wins.
 */
class DemoDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("byom.demo", Boolean.class, false) || env.containsProperty("byom.system-default.provider")) {
            return;
        }
        env.getPropertySources().addLast(new MapPropertySource("byom-demo-defaults", Map.of(
                "byom.system-default.provider", "openai",
                "byom.system-default.model", SimulatedOpenAiController.MODEL,
                "byom.system-default.api-key", SimulatedOpenAiController.KEY,
                "byom.system-default.base-url", "http://127.0.0.1:${server.port:8080}/demo-llm/v1")));
    }
}
