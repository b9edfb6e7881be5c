package com.byomlab.ui;

import com.byomlab.account.Accounts;
import com.byomlab.account.UserAccount;
import com.byomlab.usage.UsageReports;
import com.byomlab.vault.CredentialRevocation;
import com.byomlab.vault.KeyRotationOverview;
import com.byomlab.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * For administrators: every user's usage this month, the master-key rotation, and revoking all of a user's keys
 * (incident response, after a confirm step). The page chain admits the ADMIN role only to /admin/**; each handler
 * checks it again, next to the data, and the services check it a third time.
 */
@Controller
@RequestMapping("/admin")
class AdminPages {

    static final String USERS_VIEW = "admin/users";
    static final String REVOKE_VIEW = "admin/revoke";
    static final String KEYS_VIEW = "admin/keys";

    private final UsageReports reports;
    private final Accounts accounts;
    private final CredentialRevocation revocation;
    private final KeyRotationOverview rotation;

    AdminPages(UsageReports reports, Accounts accounts, CredentialRevocation revocation, KeyRotationOverview rotation) {
        this.reports = reports;
        this.accounts = accounts;
        this.revocation = revocation;
        this.rotation = rotation;
    }

    @GetMapping("/users")
    String users(SignedIn me, Model model) {
        requireAdmin(me);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.withDayOfMonth(1);
        var totals = reports.everyone(from, today);
        model.addAttribute("month", from.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + from.getYear());
        model.addAttribute("rows", totals.stream().map(t -> AdminUserRow.of(t, accounts.find(t.userId()))).toList());
        model.addAttribute("total", AdminUserRow.total(totals));
        return USERS_VIEW;
    }

    /** The revoke form's email box: to that account's confirm step, or back saying there is none. */
    @GetMapping("/users/find")
    String find(SignedIn me, @RequestParam(defaultValue = "") String email, RedirectAttributes flash) {
        requireAdmin(me);
        return accounts.findByEmail(email.length() > 320 ? null : email)
                .map(a -> "redirect:/admin/users/" + a.id() + "/revoke")
                .orElseGet(() -> {
                    flash.addFlashAttribute("problem", FormProblem.general("not_found",
                            "No account has that email address. Check the spelling; addresses are not case-sensitive."));
                    return "redirect:/admin/users";
                });
    }

    @GetMapping("/users/{id}/revoke")
    String confirmRevoke(SignedIn me, @PathVariable UUID id, Model model) {
        requireAdmin(me);
        UserAccount account = accounts.find(id).orElseThrow(() -> ApiProblem.notFound("Account " + id));
        model.addAttribute("account", account);
        model.addAttribute("credentials", revocation.active(me.user(), id).stream().map(CredentialRow::of).toList());
        return REVOKE_VIEW;
    }

    @PostMapping("/users/{id}/revoke")
    String revoke(SignedIn me, @PathVariable UUID id, RedirectAttributes flash) {
        requireAdmin(me);
        UserAccount account = accounts.find(id).orElseThrow(() -> ApiProblem.notFound("Account " + id));
        int n = revocation.revokeAll(me.user(), id).credentialIds().size();
        flash.addFlashAttribute("notice", n == 0 ? account.email() + " had no stored key: nothing to revoke."
                : "Revoked " + n + (n == 1 ? " key" : " keys") + " of " + account.email() + ". Their ciphertexts are "
                + "destroyed; running sessions stop at their next call and tokens bound to them are refused.");
        return "redirect:/admin/users";
    }

    @GetMapping("/keys")
    String keys(SignedIn me, Model model) {
        requireAdmin(me);
        model.addAttribute("keys", KeyRotationView.of(rotation.status(me.user())));
        return KEYS_VIEW;
    }

    static void requireAdmin(SignedIn me) {
        if (!me.user().admin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Only an administrator can see this page.");
        }
    }
}
