package com.byomlab.ui;

import com.byomlab.llm.Provider;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.usage.ModelPrice;
import com.byomlab.usage.PriceTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The "LLM model" picker of the New session dialog: the system default, "my default", then each stored
 * credential with its model and the other priced models of its provider (the session checks a model
 * other than the credential's own live before it starts).
 */
record ModelPicker(List<Choice.Group> groups, String selected, boolean hasCredentials, boolean systemAvailable) {

    static ModelPicker of(List<CredentialRow> credentials, SystemDefaultModel system, boolean byomEnabled,
                           boolean demo, PriceTable prices) {
        List<Choice> general = new ArrayList<>();
        boolean systemAvailable = system.configured();
        if (systemAvailable) {
            general.add(new Choice(Choice.SYSTEM, "System default (" + system.provider() + " · " + system.model() + ")"
                    + (demo ? " — SIMULATED" : "")));
        }
        List<CredentialRow> usable = byomEnabled ? credentials : List.of();
        Optional<CredentialRow> mine = usable.stream().filter(CredentialRow::isDefault).findFirst();
        mine.ifPresent(c -> general.add(new Choice(Choice.MY_DEFAULT, "My default (" + c.providerName() + " · "
                + (c.model() == null ? "no model" : c.model()) + ")")));
        List<Choice.Group> groups = new ArrayList<>();
        if (!general.isEmpty()) {
            groups.add(new Choice.Group("Defaults", general));
        }
        for (CredentialRow c : usable) {
            groups.add(new Choice.Group(c.title(), choicesOf(c, prices)));
        }
        String selected = mine.isPresent() ? Choice.MY_DEFAULT : systemAvailable ? Choice.SYSTEM : null;
        return new ModelPicker(groups, selected, !usable.isEmpty(), systemAvailable);
    }

    /** Nothing can run a session: no credential of the user's and no system default. */
    public boolean nothingConfigured() {
        return !hasCredentials && !systemAvailable;
    }

    private static List<Choice> choicesOf(CredentialRow c, PriceTable prices) {
        Provider provider = Provider.fromId(c.provider()).orElseThrow();
        Set<String> models = new LinkedHashSet<>();
        if (c.model() != null) {
            models.add(c.model());
        }
        prices.forProvider(provider).stream().map(ModelPrice::model).forEach(models::add);
        List<Choice> choices = new ArrayList<>();
        for (String model : models) {
            ModelOption option = ModelOption.of(prices, provider, model, model, null);
            String label = option.summary() + (model.equals(c.model()) ? " (this key's model)" : "");
            choices.add(new Choice(model.equals(c.model()) ? Choice.of(c.id(), null) : Choice.of(c.id(), model), label));
        }
        return choices;
    }
}
