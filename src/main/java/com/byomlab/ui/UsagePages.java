package com.byomlab.ui;

import com.byomlab.usage.Budgets;
import com.byomlab.usage.UsageReports;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Usage: spend by day, provider and model as a chart and tables, the user's budget, and spending alerts. */
@Controller
class UsagePages {

    static final String VIEW = "usage/index";
    static final List<Integer> PERIODS = List.of(7, 30, 90, 365);
    private static final int ALERTS_SHOWN = 50;

    private final UsageReports reports;
    private final Budgets budgets;

    UsagePages(UsageReports reports, Budgets budgets) {
        this.reports = reports;
        this.budgets = budgets;
    }

    @GetMapping("/usage")
    String usage(SignedIn me, @RequestParam(defaultValue = "30") String days, Model model) {
        int period = PERIODS.stream().filter(p -> p.toString().equals(days.strip())).findFirst().orElse(30);
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(period - 1L);
        model.addAttribute("days", period);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("usage", UsageView.of(reports.daily(me.user().id(), from, to), from, to));
        model.addAttribute("budget", BudgetView.of(budgets.of(me.user().id())));
        model.addAttribute("alerts", reports.alerts(me.user().id(), ALERTS_SHOWN).stream().map(AlertView::of).toList());
        return VIEW;
    }
}
