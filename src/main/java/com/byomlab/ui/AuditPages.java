package com.byomlab.ui;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The user's own audit log ({@code GET /api/v1/users/me/audit}): newest first, a page at a time, narrowed to one
 * operation. Only the signed-in user's entries are ever read: the user id comes from the session, never the request.
 */
@Controller
class AuditPages {

    static final String VIEW = "settings/audit";
    static final int PAGE_SIZE = 50;
    private static final int MAX_PAGE = 10_000;

    private final AuditLog audit;

    AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/settings/audit")
    String page(SignedIn me, @RequestParam(defaultValue = "") String operation,
                @RequestParam(defaultValue = "1") String page, Model model) {
        List<String> operations = audit.operationsOf(me.user().id());
        // only an operation the user's log has is a filter; anything else shows everything, and says so
        String filter = operations.contains(operation.strip()) ? operation.strip() : null;
        int number = pageNumber(page);
        List<AuditEvent> found = audit.forUser(me.user().id(), filter, (number - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        model.addAttribute("operations", operations);
        model.addAttribute("operation", filter);
        model.addAttribute("unknownOperation", filter == null && !operation.isBlank());
        model.addAttribute("page", number);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        model.addAttribute("entries", found.stream().limit(PAGE_SIZE).map(AuditRow::of).toList());
        return VIEW;
    }

    /** "3" → 3; anything else, below 1 or absurdly far → the nearest page that makes sense. */
    private static int pageNumber(String text) {
        try {
            return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
