package com.byomlab.ui;

import com.byomlab.calls.OwnKeys;
import com.byomlab.agent.AgentSession;
import com.byomlab.agent.AgentStep;
import com.byomlab.agent.LabSessions;
import com.byomlab.agent.SessionRequests;
import com.byomlab.health.ProviderHealth;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.usage.PriceTable;
import com.byomlab.vault.CredentialVault;
import com.byomlab.web.ApiProblem;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.UUID;

/** The Lab: the session list, the New session dialog (model choice, estimate), and a session's live page. */
@Controller
@RequestMapping("/lab")
class LabPages {

    static final String VIEW = "lab/index";
    static final String ESTIMATE_FRAGMENT = "lab/fragments :: estimate";
    static final String SESSION_VIEW = "lab/session";
    private static final int LIST_SIZE = 50;

    private final LabSessions lab;
    private final CredentialVault vault;
    private final SystemDefaultModel systemDefault;
    private final PriceTable prices;
    private final PriceChart chart;
    private final FormTokens tokens;
    private final boolean byomEnabled;
    private final boolean demo;
    private final ProviderHealth health;

    LabPages(LabSessions lab, CredentialVault vault, SystemDefaultModel systemDefault, PriceTable prices,
             PriceChart chart, FormTokens tokens, OwnKeys ownKeys,
             @Value("${byom.demo:false}") boolean demo, ProviderHealth health) {
        this.lab = lab;
        this.vault = vault;
        this.systemDefault = systemDefault;
        this.prices = prices;
        this.chart = chart;
        this.tokens = tokens;
        this.byomEnabled = ownKeys.enabled();
        this.demo = demo;
        this.health = health;
    }

    @GetMapping
    String index(SignedIn me, Model model, HttpSession session) {
        model.addAttribute("form", new SessionForm("", null, null));
        model.addAttribute(FormTokens.FIELD, tokens.issue(session));
        return show(me, model, false);
    }

    /** The estimate for the picked model, shown before the session starts; nothing is created or decrypted. */
    @GetMapping("/estimate")
    String estimate(SignedIn me, @RequestParam(required = false) String model, Model view) {
        try {
            Choice.Parsed choice = Choice.parse(model);
            view.addAttribute("estimate", EstimateView.of(lab.estimate(me.user(), new SessionRequests.Estimate(null,
                    choice.credentialId(), choice.model(), choice.systemDefault()))));
        } catch (ApiProblem e) {
            view.addAttribute("estimate", EstimateView.failed(e.getMessage()));
        } catch (IllegalArgumentException e) {
            view.addAttribute("estimate", EstimateView.failed("Pick a model from the list."));
        }
        return ESTIMATE_FRAGMENT;
    }

    @PostMapping("/sessions")
    String start(SignedIn me, @Valid @ModelAttribute("form") SessionForm form, BindingResult errors, Model model,
                 HttpSession session, RedirectAttributes flash) {
        if (!tokens.consume(session, form.formToken())) {
            flash.addFlashAttribute("notice", "That session was already started; it was not started twice.");
            return "redirect:/lab";
        }
        if (!errors.hasErrors()) {
            try {
                Choice.Parsed choice = Choice.parse(form.model());
                AgentSession started = lab.create(me.user(), new SessionRequests.Create(form.goal(),
                        choice.credentialId(), choice.model(), choice.systemDefault()));
                return "redirect:/lab/sessions/" + started.id();
            } catch (ApiProblem e) {
                errors.rejectValue("invalid_text".equals(e.code()) ? "goal" : "model", e.code(), e.getMessage());
            } catch (RateLimitExceeded e) {
                errors.rejectValue("model", "rate_limited", e.getMessage());
            } catch (IllegalArgumentException e) {
                errors.rejectValue("model", "unknown_choice", "Pick a model from the list.");
            }
        }
        model.addAttribute(FormTokens.FIELD, tokens.issue(session)); // the bound form keeps its errors
        return show(me, model, true);
    }

    @GetMapping("/sessions/{id}")
    String session(SignedIn me, @PathVariable UUID id, Model model) {
        AgentSession s = lab.get(me.user(), id);
        List<AgentStep> steps = lab.steps(me.user(), id);
        model.addAttribute("s", SessionView.of(s));
        model.addAttribute("steps", steps.stream().map(StepView::of).toList());
        model.addAttribute("lastSeq", steps.isEmpty() ? 0 : steps.get(steps.size() - 1).seq());
        model.addAttribute("chart", s.sessionStatus().isFinal() ? chart.json(steps) : null);
        return SESSION_VIEW;
    }

    /**
     * Live steps for the session page, over the page login: the same stream as the API's
     * {@code …/events}, resuming after the steps the page already shows ({@code after}) or the browser
     * has seen (Last-Event-ID, sent on reconnect).
     */
    @GetMapping(path = "/sessions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(SignedIn me, @PathVariable UUID id, @RequestParam(defaultValue = "0") String after,
                      @RequestHeader(name = "Last-Event-ID", defaultValue = "0") String lastEventId) {
        return lab.events(me.user(), id, Math.max(seq(after), seq(lastEventId)));
    }

    /** A step number from the browser; anything else means "from the start" (an event stream has no error page). */
    private static int seq(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @PostMapping("/sessions/{id}/cancel")
    String cancel(SignedIn me, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            lab.cancel(me.user(), id);
            flash.addFlashAttribute("notice", "Session cancelled; its steps so far are kept.");
        } catch (ApiProblem e) {
            if (e.status().value() == 404) {
                throw e;
            }
            flash.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/lab/sessions/" + id;
    }

    private String show(SignedIn me, Model model, boolean dialogOpen) {
        List<CredentialRow> credentials = vault.list(me.user()).stream().map(CredentialRow::of).toList();
        model.addAttribute("picker", ModelPicker.of(credentials, systemDefault, byomEnabled, demo, prices));
        model.addAttribute("sessions", lab.list(me.user(), LIST_SIZE).stream().map(SessionView::of).toList());
        model.addAttribute("dialogOpen", dialogOpen);
        model.addAttribute("degraded", health.degraded());
        return VIEW;
    }
}
