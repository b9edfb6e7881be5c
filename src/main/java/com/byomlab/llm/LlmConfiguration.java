package com.byomlab.llm;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.byomlab.llm.internal.http.ProviderHttpClients;

/** Wires the endpoint policy and the shared provider connection pools. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    @Bean
    BaseUrlPolicy baseUrlPolicy(LlmProperties properties) {
        return new BaseUrlPolicy(properties.allowPrivateEndpoints());
    }

    @Bean(destroyMethod = "close")
    ProviderHttpClients providerHttpClients(BaseUrlPolicy policy) {
        return new ProviderHttpClients(policy);
    }

    /**
     * Builds every provider's profile at start-up rather than in the first request that names one (a profile may
     * prepare its client in the background: Bedrock loads the AWS SDK, which took a first key check past its budget).
     */
    @Bean
    InitializingBean providerProfilesAtStartUp() {
        return ProviderProfiles::all;
    }

    /**
     * Apache HttpClient's "headers" and "wire" debug loggers print request headers, i.e. provider keys.
     * Keys are never logged (UNW-001), so these stay off whatever logging.level says at start-up.
     */
    @Bean
    InitializingBean httpClientKeyLogGuard() {
        return () -> {
            LoggingSystem logging = LoggingSystem.get(LlmConfiguration.class.getClassLoader());
            logging.setLogLevel("org.apache.hc.client5.http.headers", LogLevel.OFF);
            logging.setLogLevel("org.apache.hc.client5.http.wire", LogLevel.OFF);
        };
    }
}
