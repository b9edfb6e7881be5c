package com.byomlab;

import com.byomlab.audit.VerifyAuditCommand;
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
        if (RotateKeysCommand.isRequested(args) || VerifyAuditCommand.isRequested(args)) {
            // a one-shot command that listens on no port; its exit code says how it went (old keys still needed,
            // audit chain broken)
            RotateKeysCommand.listenOnNoPort(app);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        app.run(args);
    }
}
