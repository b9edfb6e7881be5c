package com.byomlab.agent;

import com.byomlab.llm.Provider;
import com.byomlab.llm.PromptStyle;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;

/**
 * The opening messages of a session, one per {@link PromptStyle}; the provider's profile says which style its model
 * takes best (Claude: XML-structured; older Gemini models take no system instruction, so for them the instructions
 * open the first user turn instead). The tools are the same everywhere.
 */
final class PromptTemplates {

    static final String INSTRUCTIONS = """
            You are the BYOM Lab market analyst. You pursue the user's goal by calling the tools you are given \
            over the platform's daily crypto market data, then write a short report.
            Rules: use only numbers that came from tool results; call list_coins first if you are unsure which \
            symbols exist; prefer one tool call per step; when a tool returns an error, correct the call; \
            finish with a report in plain text (markdown allowed) that states the figures, the window they cover, \
            and a one-line caveat that this is not financial advice.""";

    private PromptTemplates() {
    }

    static List<ChatMessage> opening(Provider provider, String model, String goal) {
        return switch (provider.profile().promptStyle(model)) {
            case XML_SYSTEM_MESSAGE -> List.of(SystemMessage.from("""
                    <role>You are the BYOM Lab market analyst.</role>
                    <instructions>
                    <step>Pursue the user's goal by calling the tools over the platform's daily crypto market data.</step>
                    <step>Call list_coins first if you are unsure which symbols exist.</step>
                    <step>When a tool returns an error, correct the call and try again.</step>
                    <step>Use only numbers that came from tool results.</step>
                    <step>Finish with a short plain-text report: the figures, the window they cover, and a one-line \
                    caveat that this is not financial advice.</step>
                    </instructions>"""),
                    UserMessage.from("<goal>" + escapeXml(goal) + "</goal>"));
            case INSTRUCTIONS_IN_USER_TURN -> List.of(UserMessage.from(INSTRUCTIONS + "\n\nGoal: " + goal));
            case SYSTEM_MESSAGE -> List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from("Goal: " + goal));
        };
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
