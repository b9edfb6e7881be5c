package com.byomlab.ui;

import com.byomlab.gateway.AccessTokens;
import com.byomlab.gateway.TokenRequests;
import com.byomlab.vault.CredentialVault;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Settings → Access tokens for the gateway ({@code /api/v1/users/me/tokens}): create one bound to a credential the user
 * picks (the secret is shown on the answer page only, with the lines to paste into each client), list them masked,
 * revoke one after a confirm step.
 */
@Controller
@RequestMapping("/settings/tokens")
class TokenPages {

    static final String VIEW = "settings/tokens";
    static final String CREATED_VIEW = "settings/token-created";
    static final String REVOKE_VIEW = "settings/token-revoke";
    private static final String BACK = "redirect:/settings/tokens";

    private final AccessTokens tokens;
    private final CredentialVault vault;
    private final FormTokens forms;

    TokenPages(AccessTokens tokens, CredentialVault vault, FormTokens forms) {
        this.tokens = tokens;
        this.vault = vault;
        this.forms = forms;
    }

    @GetMapping
    String page(SignedIn me, Model model, HttpSession session) {
        model.addAttribute("form", TokenForm.empty());
        model.addAttribute(FormTokens.FIELD, forms.issue(session));
        return show(me, model);
    }

    @PostMapping
    String create(SignedIn me, @Valid @ModelAttribute("form") TokenForm form, BindingResult errors, Model model,
                  HttpSession session, RedirectAttributes flash) {
        if (!forms.consume(session, form.formToken())) {
            // a second click or a reloaded answer page: the first made the token, whose secret is not shown again
            flash.addFlashAttribute("notice", "That form was already submitted, so no second token was made. The "
                    + "list below shows your tokens; a secret is shown once only, so revoke a token you did not copy.");
            return BACK;
        }
        UUID credentialId = null;
        if (form.credentialId() != null && !form.credentialId().isBlank()) {
            try {
                credentialId = UUID.fromString(form.credentialId().strip());
            } catch (IllegalArgumentException e) {
                errors.rejectValue("credentialId", "invalid", "Pick one of your credentials from the list.");
            }
        }
        Integer days = null;
        if (form.expiresInDays() != null && !form.expiresInDays().isBlank() && !errors.hasFieldErrors("expiresInDays")) {
            try {
                days = Integer.parseInt(form.expiresInDays().strip());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 3650) {
                errors.rejectValue("expiresInDays", "invalid", "Enter a number of days from 1 to 3650, or leave it "
                        + "empty for a token that does not expire.");
            }
        }
        if (!errors.hasErrors()) {
            try {
                TokenRequests.TokenView made = tokens.create(me.user().id(), new TokenRequests.CreateToken(
                        form.name().strip(), credentialId, days, null), me.user().clientAddress());
                model.addAttribute("created", TokenCreated.of(made.name(), made.tokenMasked(),
                        TokenRow.boundTo(made.credentialId(), credentials(me)),
                        made.expiresAt() == null ? "never" : Format.time(made.expiresAt()), made.token(),
                        ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()));
                return CREATED_VIEW; // rendered, not redirected: the secret is kept nowhere, not even for one request
            } catch (ApiProblem e) {
                FormProblem problem = FormProblem.of(e);
                if ("not_found".equals(e.code())) {
                    errors.rejectValue("credentialId", e.code(), "That credential is not one of yours any more: "
                            + "pick another from the list.");
                } else if (problem.field() != null && List.of("name", "credentialId", "expiresInDays")
                        .contains(problem.field())) {
                    errors.rejectValue(problem.field(), problem.code(), problem.message());
                } else {
                    errors.reject(problem.code(), problem.message());
                }
            }
        }
        model.addAttribute(FormTokens.FIELD, forms.issue(session));
        return show(me, model);
    }

    @GetMapping("/{id}/revoke")
    String confirmRevoke(SignedIn me, @PathVariable UUID id, Model model) {
        model.addAttribute("token", owned(me, id));
        return REVOKE_VIEW;
    }

    @PostMapping("/{id}/revoke")
    String revoke(SignedIn me, @PathVariable UUID id, RedirectAttributes flash) {
        TokenRow token = owned(me, id); // another user's token id is "not found", before anything is done
        try {
            tokens.revoke(me.user().id(), id, me.user().clientAddress());
            flash.addFlashAttribute("notice", "Revoked \"" + token.name() + "\" (" + token.masked() + "). Clients using "
                    + "it are refused from their next request.");
        } catch (ApiProblem e) {
            flash.addFlashAttribute("problem", FormProblem.of(e));
        }
        return BACK;
    }

    private String show(SignedIn me, Model model) {
        Map<UUID, CredentialRow> credentials = credentials(me);
        model.addAttribute("credentials", List.copyOf(credentials.values()));
        model.addAttribute("tokens", tokens.list(me.user().id()).stream().map(t -> TokenRow.of(t, credentials)).toList());
        return VIEW;
    }

    private Map<UUID, CredentialRow> credentials(SignedIn me) {
        Map<UUID, CredentialRow> out = new LinkedHashMap<>();
        vault.list(me.user()).forEach(c -> out.put(c.id(), CredentialRow.of(c)));
        return out;
    }

    /** A live token of this user; anything else (another user's, revoked, unknown) is a 404 page. */
    private TokenRow owned(SignedIn me, UUID id) {
        return tokens.list(me.user().id()).stream().filter(t -> t.id().equals(id)).findFirst()
                .map(t -> TokenRow.of(t, credentials(me)))
                .orElseThrow(() -> ApiProblem.notFound("Token " + id));
    }
}
