package com.byomlab.web;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.ErrorReportConfiguration;

/**
 * Jackson quotes the offending token and raw input in its parse errors ("Unrecognized token
 * 'sk-…'"), and Spring logs those errors at DEBUG. A request body may carry a key, so parse errors
 * quote nothing, for every parser in the process. Runs before any bean is made (spring.factories).
 */
class JsonErrorRedaction implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ErrorReportConfiguration.overrideDefaultErrorReportConfiguration(
                ErrorReportConfiguration.builder().maxErrorTokenLength(0).maxRawContentLength(0).build());
    }
}
