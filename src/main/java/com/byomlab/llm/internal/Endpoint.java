package com.byomlab.llm.internal;

/**
 * Where one provider call goes.
 *
 * @param baseUrl      null means the LangChain4j catalog's built-in provider default
 * @param userSupplied true when a user typed it in: then it is reached only through the policy-guarded pool
 * @param apiVersion   azure_openai only
 */
public record Endpoint(String baseUrl, boolean userSupplied, String apiVersion) {

    static Endpoint providerDefault() {
        return new Endpoint(null, false, null);
    }
}
