package com.byomlab.llm;

/** The API a provider speaks natively; several providers may share one (every OpenAI-compatible preset). */
public enum WireProtocol {
    /** OpenAI Chat Completions: OpenAI, Azure OpenAI (deployment paths), every OpenAI-compatible server. */
    OPENAI_CHAT,
    /** Anthropic Messages. */
    ANTHROPIC_MESSAGES,
    /** Google Gemini generateContent. */
    GEMINI,
    /** AWS Bedrock Converse / ConverseStream (signed by the AWS SDK). */
    BEDROCK_CONVERSE
}
