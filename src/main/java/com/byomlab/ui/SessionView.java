package com.byomlab.ui;

import com.byomlab.agent.AgentSession;
import com.byomlab.llm.Provider;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A session's header as the pages show it: what ran, how far it got, and what it cost. */
record SessionView(UUID id, String goal, String status, String statusLabel, boolean isFinal, String statusReason,
                   String providerName, String model, boolean ownKey, boolean simulated, int llmCalls,
                   long inputTokens, long outputTokens, String cost, BigDecimal costUsd, boolean costComplete, String report,
                   String created, String finished, List<String> modelsUsed, long cachedInputTokens,
                   long cacheWriteTokens, String cacheSaving, BigDecimal cacheSavingUsd) {

    static SessionView of(AgentSession s) {
        return new SessionView(s.id(), s.userGoal(), s.status(), label(s.status()), s.sessionStatus().isFinal(),
                s.statusReason(), Provider.fromId(s.llmProvider()).map(Provider::displayName).orElse(s.llmProvider()),
                s.llmModel(), s.usingCustomModel(), s.simulated(), s.llmCalls(), s.inputTokens(), s.outputTokens(),
                cost(s), s.costUsd(), s.costComplete(), s.finalReport(), Format.time(s.createdAt()),
                Format.time(s.finishedAt()), s.modelsUsed().stream().map(m -> Provider.fromId(m.provider())
                        .map(Provider::displayName).orElse(m.provider()) + " · " + m.model()
                        + (m.credentialId() == null ? " (system default)" : "")).toList(), s.cachedInputTokens(),
                s.cacheWriteTokens(), Format.usd(saving(s)), saving(s));
    }

    private static BigDecimal saving(AgentSession s) {
        return s.cacheSavingUsd() == null ? BigDecimal.ZERO : s.cacheSavingUsd();
    }

    /** Nothing could be priced (a model without a price): "unknown", never a silent $0.00. */
    private static String cost(AgentSession s) {
        return !s.costComplete() && s.costUsd().signum() == 0 ? "unknown" : Format.usd(s.costUsd());
    }

    /** "completed" → "Completed", "cost_limit_reached" → "Cost limit reached". */
    static String label(String status) {
        String words = status.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The report's Markdown as HTML that can only format (see {@link ReportMarkdown}); null without a report. */
    public String reportHtml() {
        return ReportMarkdown.toHtml(report);
    }

    public String shortGoal() {
        return goal.length() > 90 ? goal.substring(0, 87) + "…" : goal;
    }
}
