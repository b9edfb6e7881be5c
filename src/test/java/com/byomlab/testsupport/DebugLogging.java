package com.byomlab.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import java.util.List;

/**
 * Web, security, SQL, our own and LangChain4j's logging at DEBUG for one test, then back to the configured levels.
 * Set on the logging system itself rather than with {@code logging.level.*} test properties: those apply only when
 * a Spring context starts, so a cached context reused after another one started would log at INFO again (and a
 * property set of its own would cost a context).
 */
public final class DebugLogging implements BeforeEachCallback, AfterEachCallback {

    public static final List<String> LOGGERS = List.of("org.springframework.web", "org.springframework.security",
            "org.springframework.jdbc", "com.byomlab", "dev.langchain4j");

    @Override
    public void beforeEach(ExtensionContext context) {
        LoggingSystem logging = LoggingSystem.get(DebugLogging.class.getClassLoader());
        LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoggingSystem logging = LoggingSystem.get(DebugLogging.class.getClassLoader());
        LOGGERS.forEach(name -> logging.setLogLevel(name, null));
    }
}
