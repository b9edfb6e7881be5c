package com.byomlab.ui;

import com.byomlab.usage.BudgetChanges;
import com.byomlab.usage.Budgets;
import com.byomlab.usage.UsageReports;
import com.byomlab.usage.UserBudget;
import com.byomlab.web.ApiProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Budget and caps: the user's alert amount, session cap and monthly cap (the same rules and ranges as
 * {@code PUT /api/v1/users/me/budget}), this month's spend against them, and the alerts raised.
 */
@Controller
class BudgetPages {

    static final String VIEW = "settings/budget";
    private static final int ALERTS_SHOWN = 50;
    private static final java.util.regex.Pattern AMOUNT = java.util.regex.Pattern.compile("\\d{1,9}(\\.\\d{1,4})?|\\.\\d{1,4}");

    private final Budgets budgets;
    private final BudgetChanges changes;
    private final UsageReports reports;

    BudgetPages(Budgets budgets, BudgetChanges changes, UsageReports reports) {
        this.budgets = budgets;
        this.changes = changes;
        this.reports = reports;
    }

    @GetMapping("/settings/budget")
    String page(SignedIn me, Model model) {
        model.addAttribute("form", BudgetForm.of(budgets.of(me.user().id())));
        return show(me, model);
    }

    @PostMapping("/settings/budget")
    String save(SignedIn me, @ModelAttribute("form") BudgetForm form, BindingResult errors, Model model,
                RedirectAttributes flash) {
        BigDecimal alert = amount(errors, "sessionAlertUsd", form.sessionAlertUsd());
        BigDecimal sessionCap = amount(errors, "sessionCapUsd", form.sessionCapUsd());
        BigDecimal monthlyCap = amount(errors, "monthlyCapUsd", form.monthlyCapUsd());
        UserBudget wanted = new UserBudget(alert, sessionCap, monthlyCap);
        // every field out of range at once, in the service's words; those that did not parse are already named
        for (Map.Entry<String, String> p : BudgetChanges.problems(wanted).entrySet()) {
            String field = FormProblem.formField(p.getKey());
            if (!errors.hasFieldErrors(field)) {
                errors.rejectValue(field, "out_of_range", p.getValue());
            }
        }
        if (!errors.hasErrors()) {
            try {
                UserBudget saved = changes.update(me.user().id(), wanted, me.user().clientAddress());
                BudgetView now = BudgetView.of(saved);
                flash.addFlashAttribute("notice", "Saved. Alert above " + now.sessionAlert() + " per session; session cap "
                        + now.sessionCap() + "; monthly cap " + now.monthlyCap() + ".");
                return "redirect:/settings/budget";
            } catch (ApiProblem e) {
                FormProblem problem = FormProblem.of(e);
                if (problem.field() != null) {
                    errors.rejectValue(problem.field(), problem.code(), problem.message());
                } else {
                    errors.reject(problem.code(), problem.message());
                }
            }
        }
        return show(me, model); // the form as typed, with its errors
    }

    private String show(SignedIn me, Model model) {
        UserBudget budget = budgets.of(me.user().id());
        UserBudget defaults = budgets.defaults();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        BigDecimal month = UsageReports.knownTotal(reports.daily(me.user().id(), today.withDayOfMonth(1), today)
                .stream().map(UsageReports.DailySpend::costUsd).toList());
        model.addAttribute("budget", BudgetView.of(budget));
        model.addAttribute("defaults", BudgetView.of(defaults));
        model.addAttribute("spentThisMonth", Format.usd(month));
        model.addAttribute("monthlyUsedPercent", budget.monthlyCapUsd() == null || month == null ? null
                : month.multiply(BigDecimal.valueOf(100)).divide(budget.monthlyCapUsd(), 0, java.math.RoundingMode.DOWN)
                .min(BigDecimal.valueOf(100)).intValue());
        model.addAttribute("alerts", reports.alerts(me.user().id(), ALERTS_SHOWN).stream().map(AlertView::of).toList());
        return VIEW;
    }

    /** "" → null (the operator's default); "$2.50" and " 2.5 " are 2.50; anything else is named next to its field. */
    private static BigDecimal amount(BindingResult errors, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("$")) {
            s = s.substring(1).strip();
        }
        if (!AMOUNT.matcher(s).matches()) { // plain digits only: no exponent ("1e9"), sign or thousands separator
            errors.rejectValue(field, "not_a_number", "Enter an amount in US dollars (at most 4 decimals, with a dot), e.g. 25 or "
                    + "2.50, or leave it empty for the operator's default.");
            return null;
        }
        return new BigDecimal(s);
    }
}
