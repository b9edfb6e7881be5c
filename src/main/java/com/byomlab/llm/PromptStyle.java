package com.byomlab.llm;

/** How a model takes its instructions best; the Lab has one opening per style. */
public enum PromptStyle {
    /** A plain system message, then the goal as the user turn. */
    SYSTEM_MESSAGE,
    /** A system message structured with XML tags, the goal in a tag (Claude follows these best). */
    XML_SYSTEM_MESSAGE,
    /** No system message: the instructions open the first user turn (models that reject one, e.g. Gemini 1.0). */
    INSTRUCTIONS_IN_USER_TURN
}
