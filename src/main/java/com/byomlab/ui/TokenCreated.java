package com.byomlab.ui;

/**
 * A token just made, for the one page that shows its secret: the secret itself and the lines to paste into each
 * client, all with this service's address. Never stored, redirected with or logged: {@link #toString()} hides it.
 */
record TokenCreated(String name, String masked, String boundTo, String expires, String secret, String openAiBaseUrl,
                    String openAi, String claudeCode, String codex) {

    /** @param base this service as the browser reached it, e.g. {@code https://lab.example.com} (no trailing slash) */
    static TokenCreated of(String name, String masked, String boundTo, String expires, String secret, String base) {
        String v1 = base + "/v1";
        return new TokenCreated(name, masked, boundTo, expires, secret, v1,
                "export OPENAI_BASE_URL=\"" + v1 + "\"\nexport OPENAI_API_KEY=\"" + secret + "\"",
                "export ANTHROPIC_BASE_URL=\"" + base + "\"\nexport ANTHROPIC_AUTH_TOKEN=\"" + secret + "\"\nclaude",
                "export BYOM_TOKEN=\"" + secret + "\"\ncodex -c model_provider=byom -c 'model_providers.byom={name=\"byom\","
                        + "base_url=\"" + v1 + "\",env_key=\"BYOM_TOKEN\",wire_api=\"responses\"}'");
    }

    @Override
    public String toString() {
        return "TokenCreated[name=" + name + ", token=" + masked + "]";
    }
}
