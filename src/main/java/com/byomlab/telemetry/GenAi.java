package com.byomlab.telemetry;

/**
 * The names this service emits from the OpenTelemetry GenAI semantic conventions, pinned at v1.41.1 (the last release
 * of open-telemetry/semantic-conventions that defines them; later releases moved them, unchanged in name, to
 * open-telemetry/semantic-conventions-genai). Written once here so that a change of version is one file.
 */
final class GenAi {

    // attributes
    static final String OPERATION_NAME = "gen_ai.operation.name";
    static final String PROVIDER_NAME = "gen_ai.provider.name";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
    static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";
    static final String REQUEST_TOP_P = "gen_ai.request.top_p";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
    static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    static final String CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
    static final String CACHE_CREATION_INPUT_TOKENS = "gen_ai.usage.cache_creation.input_tokens";
    static final String REASONING_OUTPUT_TOKENS = "gen_ai.usage.reasoning.output_tokens";
    static final String TOKEN_TYPE = "gen_ai.token.type";
    static final String CONVERSATION_ID = "gen_ai.conversation.id";
    static final String AGENT_NAME = "gen_ai.agent.name";
    static final String TOOL_NAME = "gen_ai.tool.name";
    static final String TOOL_TYPE = "gen_ai.tool.type";
    static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
    static final String ERROR_TYPE = "error.type";
    // opt-in content (byom.telemetry.capture-content)
    static final String INPUT_MESSAGES = "gen_ai.input.messages";
    static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";
    static final String TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";
    static final String TOOL_CALL_RESULT = "gen_ai.tool.call.result";

    // operation names
    static final String CHAT = "chat";
    static final String INVOKE_AGENT = "invoke_agent";
    static final String EXECUTE_TOOL = "execute_tool";

    // metrics
    static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    /** The conventions' explicit bucket boundaries of each metric. */
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92};
    static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864};

    /** The observation names (Micrometer's side; the span names are the conventions'). */
    static final String CLIENT_OBSERVATION = "gen_ai.client.operation";
    static final String AGENT_OBSERVATION = "gen_ai.invoke_agent";
    static final String TOOL_OBSERVATION = "gen_ai.execute_tool";

    /** What the Lab's agent is called in its spans. */
    static final String LAB_AGENT = "BYOM Lab analyst";

    private GenAi() {
    }
}
