package com.byomlab;

import com.byomlab.vault.RotateKeysCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** BYOM Lab: users bring their own LLM keys; the Lab runs metered agent sessions on them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ByomLabApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ByomLabApplication.class);
        if (RotateKeysCommand.isRequested(args)) {
            // a one-shot command that listens on no port; its exit code says whether old keys are still needed
            RotateKeysCommand.listenOnNoPort(app);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        app.run(args);
    }
}
