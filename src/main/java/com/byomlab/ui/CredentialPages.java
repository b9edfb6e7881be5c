package com.byomlab.ui;

import com.byomlab.calls.Cooldown;
import com.byomlab.calls.Cooldowns;
import com.byomlab.calls.Fallback;
import com.byomlab.calls.FallbackOrder;
import com.byomlab.calls.FallbackOrders;
import com.byomlab.calls.FallbackRequest;
import com.byomlab.calls.OwnKeys;
import com.byomlab.health.ProviderHealth;
import com.byomlab.llm.Provider;
import com.byomlab.ratelimit.Limit;
import com.byomlab.ratelimit.RateLimitExceeded;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.usage.PriceTable;
import com.byomlab.vault.ConnectionTest;
import com.byomlab.vault.CredentialRequests;
import com.byomlab.vault.CredentialVault;
import com.byomlab.vault.CredentialView;
import com.byomlab.vault.KeyFormat;
import com.byomlab.web.ApiProblem;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Settings → LLM credentials: add (tested live first), test, list masked, make default, edit or rotate, delete. */
@Controller
@RequestMapping("/settings/llm")
class CredentialPages {

    static final String VIEW = "settings/llm";
    static final String TEST_FRAGMENT = "settings/fragments :: test-result";
    static final String EDIT_VIEW = "settings/llm-edit";
    static final String MODELS_FRAGMENT = "settings/fragments :: model-options";
    static final String DELETE_VIEW = "settings/llm-delete";
    private static final String BACK = "redirect:/settings/llm";

    private final CredentialVault vault;
    private final RateLimits rateLimits; // the same limits as the credential API
    private final PriceTable prices;
    private final FormTokens tokens;
    private final boolean byomEnabled;
    private final ProviderHealth health;
    private final Cooldowns cooldowns;
    private final FallbackOrders fallbacks;

    CredentialPages(CredentialVault vault, RateLimits rateLimits, PriceTable prices, FormTokens tokens,
                    OwnKeys ownKeys, ProviderHealth health, Cooldowns cooldowns, FallbackOrders fallbacks) {
        this.vault = vault;
        this.rateLimits = rateLimits;
        this.prices = prices;
        this.tokens = tokens;
        this.byomEnabled = ownKeys.enabled();
        this.health = health;
        this.cooldowns = cooldowns;
        this.fallbacks = fallbacks;
    }

    @GetMapping
    String page(SignedIn me, @RequestParam(defaultValue = "openai") String provider, Model model, HttpSession session) {
        model.addAttribute("form", CredentialForm.empty(Provider.fromId(provider).isPresent() ? provider : "openai"));
        model.addAttribute(FormTokens.FIELD, tokens.issue(session));
        return show(me, model);
    }

    /** Test connection: the live check, nothing stored; fills the model picker on success. */
    @PostMapping("/test")
    String test(SignedIn me, CredentialForm form, Model model) {
        String providerName = Provider.fromId(form.provider()).map(Provider::displayName).orElse(form.provider());
        TestResult result;
        if (blank(form.apiKey())) {
            result = TestResult.failed(providerName, 0, missingKey(form.provider()));
        } else {
            try {
                rateLimits.consume(me.user().id(), Limit.VALIDATIONS);
                ConnectionTest test = vault.testConnection(me.user(), new CredentialRequests.Validate(form.provider(),
                        form.apiKey(), form.modelName(), form.baseUrl(), form.apiVersion(), form.region()));
                result = test.valid()
                        ? new TestResult(true, providerName, test.latencyMs(), ModelOption.of(prices,
                        Provider.fromId(test.provider()).orElseThrow(), test.models()), form.modelName(), null)
                        : TestResult.failed(providerName, test.latencyMs(), new FormProblem("apiKey", test.error().code(),
                        test.error().message(), test.error().hint(), test.error().docsUrl()));
            } catch (ApiProblem e) {
                result = TestResult.failed(providerName, 0, FormProblem.of(e));
            } catch (RateLimitExceeded e) {
                result = TestResult.failed(providerName, 0, FormProblem.of(e));
            }
        }
        model.addAttribute("result", result);
        return TEST_FRAGMENT;
    }

    @PostMapping
    String create(SignedIn me, @Valid @ModelAttribute("form") CredentialForm form, BindingResult errors, Model model,
                  HttpSession session, RedirectAttributes flash) {
        if (!tokens.consume(session, form.formToken())) {
            return alreadySubmitted(flash);
        }
        if (blank(form.apiKey())) {
            errors.rejectValue("apiKey", "required", missingKey(form.provider()).message());
        }
        if (!errors.hasErrors()) {
            try {
                rateLimits.consume(me.user().id(), Limit.CREDENTIAL_WRITES, Limit.VALIDATIONS);
                CredentialView saved = vault.create(me.user(), new CredentialRequests.Create(form.provider(),
                        form.apiKey(), form.modelName(), form.label(), form.baseUrl(), form.apiVersion(),
                        form.wantsDefault(), form.region()));
                flash.addFlashAttribute("notice", "Saved " + CredentialRow.of(saved).title()
                        + ". The key was tested and is stored encrypted; only its masked form is shown.");
                return BACK;
            } catch (ApiProblem e) {
                reject(errors, model, FormProblem.of(e));
            } catch (RateLimitExceeded e) {
                reject(errors, model, FormProblem.of(e));
            }
        }
        // a fresh token for the re-shown form; the bound form stays as it is, so its errors stay with it
        model.addAttribute(FormTokens.FIELD, tokens.issue(session));
        return show(me, model);
    }

    @PostMapping("/{id}/default")
    String makeDefault(SignedIn me, @PathVariable UUID id, RedirectAttributes flash) {
        return act(flash, () -> {
            rateLimits.consume(me.user().id(), Limit.CREDENTIAL_WRITES);
            CredentialView c = vault.setDefault(me.user(), id);
            return CredentialRow.of(c).title() + " is now your default model.";
        });
    }

    @GetMapping("/{id}/edit")
    String edit(SignedIn me, @PathVariable UUID id, Model model, HttpSession session) {
        editing(model, owned(me, id));
        model.addAttribute("form", new EditForm(null, null, null, null, null));
        model.addAttribute(FormTokens.FIELD, tokens.issue(session));
        return EDIT_VIEW;
    }

    /** The key's live model list for the edit page's picker (the stored key is used, never shown). */
    @GetMapping("/{id}/models")
    String models(SignedIn me, @PathVariable UUID id, Model model) {
        CredentialRow credential = owned(me, id);
        try {
            rateLimits.consume(me.user().id(), Limit.CREDENTIAL_READS);
            Provider provider = Provider.fromId(credential.provider()).orElseThrow();
            model.addAttribute("models", ModelOption.of(prices, provider, vault.models(me.user(), id)));
        } catch (ApiProblem e) {
            model.addAttribute("modelsProblem", FormProblem.of(e));
        } catch (RateLimitExceeded e) {
            model.addAttribute("modelsProblem", FormProblem.of(e));
        }
        model.addAttribute("credential", credential);
        return MODELS_FRAGMENT;
    }

    /**
     * Edit or rotate: a new key, model, base URL or label; anything that changes the connection is validated live
     * first. A new base URL without a new key is refused by the vault (the stored key is not sent to a new server).
     */
    @PostMapping("/{id}")
    String update(SignedIn me, @PathVariable UUID id, @Valid @ModelAttribute("form") EditForm form, BindingResult errors,
                  Model model, HttpSession session, RedirectAttributes flash) {
        if (!tokens.consume(session, form.formToken())) {
            return alreadySubmitted(flash);
        }
        CredentialRow current = owned(me, id);
        if (!errors.hasErrors()) {
            String newKey = blank(form.apiKey()) ? null : form.apiKey();
            String newModel = blank(form.modelName()) || form.modelName().equals(current.model()) ? null : form.modelName();
            String newBaseUrl = blank(form.baseUrl()) || form.baseUrl().strip().equals(current.baseUrl()) ? null
                    : form.baseUrl();
            try {
                rateLimits.consume(me.user().id(), newKey != null || newModel != null || newBaseUrl != null
                        ? new Limit[] {Limit.CREDENTIAL_WRITES, Limit.VALIDATIONS} : new Limit[] {Limit.CREDENTIAL_WRITES});
                CredentialView saved = vault.update(me.user(), id, new CredentialRequests.Update(newKey, newModel,
                        form.label() == null ? null : form.label(), newBaseUrl, null, null));
                flash.addFlashAttribute("notice", "Updated " + CredentialRow.of(saved).title()
                        + (newKey != null ? ". The new key was tested and replaced the old one." : "."));
                return BACK;
            } catch (ApiProblem e) {
                reject(errors, model, FormProblem.of(e));
            } catch (RateLimitExceeded e) {
                reject(errors, model, FormProblem.of(e));
            }
        }
        editing(model, current);
        model.addAttribute(FormTokens.FIELD, tokens.issue(session));
        return EDIT_VIEW;
    }

    /**
     * The fallback order from the table's position fields ({@code position-<id>}: 1, 2, … or empty for "not in the
     * order") and the system default box; checked like the API's (only the user's own active credentials).
     */
    @PostMapping("/fallback")
    String fallbackOrder(SignedIn me, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        record Position(int at, int row, UUID id) {
        }
        List<Position> positions = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (!field.getKey().startsWith("position-") || field.getValue() == null || field.getValue().isBlank()) {
                continue;
            }
            try {
                positions.add(new Position(Integer.parseInt(field.getValue().strip()), row++,
                        UUID.fromString(field.getKey().substring("position-".length()))));
            } catch (IllegalArgumentException e) {
                flash.addFlashAttribute("problem", FormProblem.general("invalid_fallback_order",
                        "Pick a position (1, 2, …) for each credential of the order, or leave it empty."));
                return BACK;
            }
        }
        positions.sort(Comparator.comparingInt(Position::at).thenComparingInt(Position::row));
        try {
            FallbackOrder saved = fallbacks.replace(me.user().id(), new FallbackRequest(positions.stream()
                    .map(Position::id).toList(), "true".equals(form.get("useSystemDefault"))), me.user().clientAddress());
            flash.addFlashAttribute("notice", saved.isEmpty() ? "No fallback order: a failing key fails its call."
                    : "Saved your fallback order: a call whose key fails moves on to the next credential in it.");
        } catch (ApiProblem e) {
            flash.addFlashAttribute("problem", FormProblem.of(e));
        }
        return BACK;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(SignedIn me, @PathVariable UUID id, Model model) {
        model.addAttribute("credential", owned(me, id));
        return DELETE_VIEW;
    }

    @PostMapping("/{id}/delete")
    String delete(SignedIn me, @PathVariable UUID id, RedirectAttributes flash) {
        return act(flash, () -> {
            rateLimits.consume(me.user().id(), Limit.CREDENTIAL_WRITES);
            String title = owned(me, id).title();
            vault.delete(me.user(), id);
            return "Deleted " + title + ". Its key is destroyed; sessions that used it stop at their next model call.";
        });
    }

    private String show(SignedIn me, Model model) {
        model.addAttribute("providers", ProviderOption.all());
        model.addAttribute("byomEnabled", byomEnabled);
        model.addAttribute("degraded", health.degraded());
        FallbackOrder order = fallbacks.ofUser(me.user().id());
        Map<UUID, Integer> positions = new java.util.HashMap<>();
        for (int i = 0; i < order.credentialIds().size(); i++) {
            positions.put(order.credentialIds().get(i), i + 1);
        }
        model.addAttribute("fallbackPositions", positions);
        model.addAttribute("fallbackSystemDefault", order.useSystemDefault());
        model.addAttribute("fallbackSystemDefaultAllowed", fallbacks.systemDefaultAllowed());
        model.addAttribute("cooling", cooldowns.activeFor(me.user().id()).stream().collect(
                java.util.stream.Collectors.toMap(Cooldown::credentialId, CredentialPages::coolingText)));
        try {
            rateLimits.consume(me.user().id(), Limit.CREDENTIAL_READS);
            model.addAttribute("credentials", vault.list(me.user()).stream().map(CredentialRow::of).toList());
        } catch (RateLimitExceeded e) {
            model.addAttribute("credentials", List.of());
            model.addAttribute("listProblem", FormProblem.of(e));
        }
        return VIEW;
    }

    /** "Cooling down until 14:02:10 UTC: it was rate limited. Fallbacks skip it until then." */
    static String coolingText(Cooldown c) {
        return "Cooling down until " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(c.until()) + ": it " + Fallback.failedWords(c.reason())
                + (c.failures() > 1 ? " (" + c.failures() + " times in a row)" : "")
                + ". Fallback orders skip it until then.";
    }

    private static void editing(Model model, CredentialRow credential) {
        model.addAttribute("credential", credential);
        model.addAttribute("provider", ProviderOption.of(Provider.fromId(credential.provider()).orElseThrow().profile()));
    }

    /** The row of a credential of this user; another user's id is "not found" (a 404 page). */
    private CredentialRow owned(SignedIn me, UUID id) {
        return vault.list(me.user()).stream().filter(c -> c.id().equals(id)).findFirst().map(CredentialRow::of)
                .orElseThrow(() -> ApiProblem.notFound("Credential " + id));
    }

    /** A one-step action from the table; refusals come back as a notice above it. */
    private static String act(RedirectAttributes flash, java.util.function.Supplier<String> action) {
        try {
            flash.addFlashAttribute("notice", action.get());
        } catch (ApiProblem e) {
            flash.addFlashAttribute("problem", FormProblem.of(e));
        } catch (RateLimitExceeded e) {
            flash.addFlashAttribute("problem", FormProblem.of(e));
        }
        return BACK;
    }

    private static String alreadySubmitted(RedirectAttributes flash) {
        flash.addFlashAttribute("notice", "That form was already submitted, so it was not saved again. "
                + "The table below shows what is stored.");
        return BACK;
    }

    private static void reject(BindingResult errors, Model model, FormProblem problem) {
        if (problem.field() != null && errors.getTarget() != null
                && java.util.Arrays.stream(errors.getTarget().getClass().getRecordComponents())
                .anyMatch(c -> c.getName().equals(problem.field()))) {
            errors.rejectValue(problem.field(), problem.code(), problem.message());
        } else {
            errors.reject(problem.code(), problem.message());
        }
        model.addAttribute("problem", problem);
    }

    private static FormProblem missingKey(String providerId) {
        String example = Provider.fromId(providerId).map(KeyFormat::example).orElse(null);
        return new FormProblem("apiKey", "required", "Paste the API key your provider issued.", example,
                Provider.fromId(providerId).map(p -> p.profile().keyPageUrl()).orElse(null));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
