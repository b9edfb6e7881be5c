package com.byomlab.llm.internal;

/**
 * Where one provider call goes.
 *
 * @param baseUrl      null means the LangChain4j catalog's built-in provider default (for bedrock: AWS's endpoint
 *                     of the region)
 * @param userSupplied true when a user typed it in: then it is reached only through the policy-guarded pool
 * @param apiVersion   azure_openai only
 * @param region       bedrock only: the AWS region, for the endpoint and the request signature
 */
public record Endpoint(String baseUrl, boolean userSupplied, String apiVersion, String region) {

    public Endpoint(String baseUrl, boolean userSupplied, String apiVersion) {
        this(baseUrl, userSupplied, apiVersion, null);
    }

    static Endpoint providerDefault() {
        return new Endpoint(null, false, null);
    }
}
