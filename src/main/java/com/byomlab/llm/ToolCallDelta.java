package com.byomlab.llm;

/**
 * A piece of one tool call of a streamed answer, as it arrives ({@link ChatListener#onPartialToolCall}).
 *
 * @param index     the call's position among the answer's tool calls, from 0: the same as its position in
 *                  {@link ChatTurn#message()}'s tool execution requests
 * @param id        the call's id, on every piece, equal to the final request's id (generated where the provider
 *                  gives none: Gemini)
 * @param name      the tool's name, on every piece
 * @param arguments the next piece of the arguments' JSON text, never empty; a call's pieces, concatenated in order,
 *                  are its final arguments exactly
 * @param first     true on the first piece of this call (where OpenAI-style streams announce id, type and name)
 */
public record ToolCallDelta(int index, String id, String name, String arguments, boolean first) {
}
