package com.byomlab.usage.internal.pricing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.byomlab.llm.Provider;
import com.byomlab.usage.ModelPrice;

/**
 * Prices by provider and model name, built from layers where a later layer (the operator's override) replaces or
 * adds to an earlier one (the bundled table). A model is priced only under its own provider: the same name under
 * another provider may be another price. The exception is a provider whose profile names another one in
 * {@link com.byomlab.llm.PriceNaming#alsoPricedAs()}: Azure OpenAI, whose deployments run OpenAI's models, so an
 * Azure model with no Azure entry falls back to the OpenAI entry of the same name.
 */
public final class PriceIndex {

    private final Map<Provider, Map<String, ModelPrice>> ids = new EnumMap<>(Provider.class);
    /** alias → canonical id, so an override of the canonical id also reprices its aliases. */
    private final Map<Provider, Map<String, String>> aliases = new EnumMap<>(Provider.class);

    public PriceIndex(List<PriceList> layers) {
        for (Provider p : Provider.values()) {
            ids.put(p, new LinkedHashMap<>());
            aliases.put(p, new HashMap<>());
        }
        layers.forEach(layer -> layer.entries().forEach(this::add));
    }

    private void add(PriceEntry entry) {
        Provider provider = entry.price().provider();
        String id = ModelNames.key(entry.price().model());
        ids.get(provider).remove(id); // re-insert so a replaced entry keeps the layer's order
        ids.get(provider).put(id, entry.price());
        aliases.get(provider).remove(id); // a name that is now an id is no longer someone's alias
        for (String alias : entry.aliases()) {
            String key = ModelNames.key(alias);
            ids.get(provider).remove(key); // the later layer says this name is an alias
            aliases.get(provider).put(key, id);
        }
    }

    /**
     * Exact id, then alias, then the {@link ModelNames} normalisations; a more exact name wins over the provider
     * order, so an Azure {@code gpt-4o-2024-05-13} takes OpenAI's entry of that id rather than Azure's {@code gpt-4o}.
     */
    public Optional<ModelPrice> find(Provider provider, String model) {
        if (provider == null || model == null || model.isBlank()) {
            return Optional.empty();
        }
        List<Provider> chain = provider.profile().priceNaming().alsoPricedAs()
                .map(other -> List.of(provider, other)).orElse(List.of(provider));
        for (String name : ModelNames.candidates(model)) {
            for (Provider p : chain) {
                ModelPrice price = named(p, name);
                if (price != null) {
                    return Optional.of(price);
                }
            }
        }
        return Optional.empty();
    }

    private ModelPrice named(Provider provider, String name) {
        ModelPrice price = ids.get(provider).get(name);
        if (price == null) {
            String id = aliases.get(provider).get(name);
            price = id == null ? null : ids.get(provider).get(id);
        }
        return price;
    }

    /**
     * The entries listed for this provider, in file order. A provider priced also as another (Azure as OpenAI) also
     * lists the other's entries it falls back to (those with no entry of its own of the same name); they keep the
     * other's provider, saying where the price is from.
     */
    public List<ModelPrice> forProvider(Provider provider) {
        List<ModelPrice> list = new ArrayList<>(ids.get(provider).values());
        provider.profile().priceNaming().alsoPricedAs().ifPresent(other -> ids.get(other).forEach((id, price) -> {
            if (named(provider, id) == null) {
                list.add(price);
            }
        }));
        return List.copyOf(list);
    }

    public int size() {
        return ids.values().stream().mapToInt(Map::size).sum();
    }
}
