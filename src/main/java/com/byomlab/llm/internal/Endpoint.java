package com.byomlab.llm.internal;

/**
 * Where one provider call goes.
 *
 * @param baseUrl      null means the LangChain4j client's built-in provider default
 * @param userSupplied true when a user typed it in: then it is reached only through the policy-guarded pool
 * @param apiVersion   for providers that take one (azure_openai), else null
 */
public record Endpoint(String baseUrl, boolean userSupplied, String apiVersion) {
}
