package com.byomlab.llm.internal;

/**
 * Where one provider call goes.
 *
 * @param baseUrl      null means the LangChain4j client's built-in provider default
 * @param userSupplied true when a user typed it in: then it is reached only through the policy-guarded pool
 * @param apiVersion   for providers that take one (azure_openai), else null
 * @param region       for providers that take one (bedrock: the AWS region, for the endpoint and the signature)
 */
public record Endpoint(String baseUrl, boolean userSupplied, String apiVersion, String region) {

    public Endpoint(String baseUrl, boolean userSupplied, String apiVersion) {
        this(baseUrl, userSupplied, apiVersion, null);
    }
}
