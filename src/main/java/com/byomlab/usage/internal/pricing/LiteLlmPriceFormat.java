package com.byomlab.usage.internal.pricing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderProfile;
import com.byomlab.llm.ProviderProfiles;
import com.byomlab.usage.ModelPrice;

/**
 * LiteLLM's {@code model_prices_and_context_window.json}: a top-level object of
 * {@code "<model>": {"litellm_provider": ..., "mode": "chat", "input_cost_per_token": 2.5e-06, ...}}.
 *
 * <p>Only chat- and embedding-mode entries of providers we call are used: those whose {@code litellm_provider} a provider profile
 * names in its {@link PriceNaming} ({@code openai}, {@code anthropic}, {@code gemini} and
 * {@code vertex_ai-language-models} for Google Gemini, {@code azure}, {@code groq}, {@code openrouter}, ...);
 * every other entry, and {@code sample_spec}, is skipped unchecked. A key {@code "gemini/gemini-2.5-pro"} names the
 * model after its one route prefix; deeper keys ({@code "azure/eu/gpt-4o"}, regional prices) are skipped, except
 * for providers whose own model ids contain '/' ({@code "openrouter/anthropic/claude-sonnet-4"} is OpenRouter's
 * {@code anthropic/claude-sonnet-4}). When two entries land on the same model, the one named first in the profile
 * wins ({@code gemini} over Vertex AI); two equal entries are one; two different prices for the same model and route
 * are refused rather than guessed between.
 */
final class LiteLlmPriceFormat {

    /** litellm_provider → who it prices and its rank there (0 = the provider's first choice). */
    private record Route(Provider provider, int rank) {
    }

    private static final Map<String, Route> ROUTES = routes();

    private static Map<String, Route> routes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (ProviderProfile profile : ProviderProfiles.all()) {
            List<String> names = profile.priceNaming().liteLlmProviders();
            for (int rank = 0; rank < names.size(); rank++) {
                Route old = routes.putIfAbsent(names.get(rank), new Route(profile.provider(), rank));
                if (old != null) {
                    throw new IllegalStateException("litellm_provider " + names.get(rank) + " is named by both "
                            + old.provider().id() + " and " + profile.id());
                }
            }
        }
        return Map.copyOf(routes);
    }

    private LiteLlmPriceFormat() {
    }

    /** True when the file looks like LiteLLM's: some top-level object carries its keys. */
    static boolean looksLike(RawPriceFile raw) {
        return raw.objectMembers().stream().anyMatch(e ->
                e.fields().containsKey("litellm_provider") || e.fields().containsKey("input_cost_per_token"));
    }

    static PriceList read(RawPriceFile raw) {
        Problems problems = new Problems(raw.label());
        raw.topLevel().forEach((key, v) -> problems.add(v.line(),
                "\"" + key + "\" must be an object of model prices, got " + v.shown()));
        Map<String, Ranked> chosen = new LinkedHashMap<>();
        for (JsonEntry e : raw.objectMembers()) {
            Ranked r = entry(e, problems);
            if (r != null) {
                choose(r, chosen, problems);
            }
        }
        problems.throwIfAny();
        List<PriceEntry> entries = chosen.values().stream().map(Ranked::entry).toList();
        return new PriceList(raw.label(), null, "LiteLLM-format price file " + raw.label(), entries);
    }

    private record Ranked(String key, PriceEntry entry, int rank) {
    }

    private static Ranked entry(JsonEntry e, Problems problems) {
        if (e.name().equals("sample_spec")) {
            return null;
        }
        Route route = ROUTES.get(text(e, "litellm_provider"));
        String mode = text(e, "mode");
        boolean embedding = "embedding".equals(mode);
        if (route == null || !("chat".equals(mode) || embedding)) {
            return null;
        }
        Provider provider = route.provider();
        String model = modelName(e.name(), provider.profile().priceNaming().slashedModelIds());
        if (model == null) {
            return null;
        }
        String who = "\"" + e.name() + "\"";
        int before = problems.count();
        BigDecimal input = PriceValues.perTokenAsPerMTok(e, "input_cost_per_token", true, who, problems);
        // an embedding produces no output tokens: its output price may be left out (0)
        BigDecimal output = PriceValues.perTokenAsPerMTok(e, "output_cost_per_token", !embedding, who, problems);
        if (output == null && embedding && problems.count() == before) {
            output = BigDecimal.ZERO;
        }
        BigDecimal cached = PriceValues.perTokenAsPerMTok(e, "cache_read_input_token_cost", false, who, problems);
        BigDecimal write = PriceValues.perTokenAsPerMTok(e, "cache_creation_input_token_cost", false, who, problems);
        BigDecimal write1h = PriceValues.perTokenAsPerMTok(e, "cache_creation_input_token_cost_above_1hr", false, who,
                problems);
        BigDecimal reasoning = PriceValues.perTokenAsPerMTok(e, "output_cost_per_reasoning_token", false, who,
                problems);
        ModelPrice.LongContext longContext = longContext(e, who, problems);
        Integer context = maxInputTokens(e, who, problems);
        JsonValue tools = e.get("supports_function_calling");
        if (tools != null && !tools.isNull() && tools.kind() != JsonValue.Kind.BOOLEAN) {
            problems.add(tools.line(), who + ": supports_function_calling must be true or false, got " + tools.shown());
        }
        if (problems.count() != before) {
            return null;
        }
        boolean supportsTools = tools != null && "true".equals(tools.text());
        JsonValue source = e.get("source");
        ModelPrice price = new ModelPrice(provider, model, input, output, cached, context, supportsTools, write, write1h,
                reasoning, longContext, null, source != null && source.kind() == JsonValue.Kind.STRING ? source.text()
                : null);
        return new Ranked(provider.id() + "/" + model.toLowerCase(Locale.ROOT), new PriceEntry(price, List.of(), e.line()),
                route.rank());
    }

    /** LiteLLM's long-context suffixes and the input size above which they apply. */
    private static final Map<String, Integer> TIERS = Map.of("_above_200k_tokens", 200_000,
            "_above_272k_tokens", 272_000);

    /**
     * The {@code *_above_200k_tokens} (or {@code _above_272k_tokens}) rates: the tier's input, output, cache-read,
     * cache-write and one-hour cache-write prices. A model with both suffixes is refused: which threshold applies
     * would be a guess.
     */
    private static ModelPrice.LongContext longContext(JsonEntry e, String who, Problems problems) {
        ModelPrice.LongContext found = null;
        for (Map.Entry<String, Integer> tier : TIERS.entrySet()) {
            String suffix = tier.getKey();
            if (e.fields().keySet().stream().noneMatch(k -> k.endsWith(suffix) && !k.contains("priority"))) {
                continue;
            }
            if (found != null) {
                problems.add(e.line(), who + ": long-context rates above two different thresholds");
                return null;
            }
            BigDecimal input = PriceValues.perTokenAsPerMTok(e, "input_cost_per_token" + suffix, false, who, problems);
            BigDecimal output = PriceValues.perTokenAsPerMTok(e, "output_cost_per_token" + suffix, false, who, problems);
            BigDecimal read = PriceValues.perTokenAsPerMTok(e, "cache_read_input_token_cost" + suffix, false, who,
                    problems);
            BigDecimal write = PriceValues.perTokenAsPerMTok(e, "cache_creation_input_token_cost" + suffix, false, who,
                    problems);
            BigDecimal write1h = PriceValues.perTokenAsPerMTok(e, "cache_creation_input_token_cost_above_1hr" + suffix,
                    false, who, problems);
            found = new ModelPrice.LongContext(tier.getValue(), input, output, read, write, write1h);
        }
        return found;
    }

    private static void choose(Ranked r, Map<String, Ranked> chosen, Problems problems) {
        Ranked old = chosen.get(r.key());
        if (old == null || r.rank() < old.rank()) {
            chosen.put(r.key(), r);
        } else if (r.rank() == old.rank() && !samePrice(old.entry().price(), r.entry().price())) {
            problems.add(r.entry().line(), "conflicting prices for " + r.key() + " (also priced at line "
                    + old.entry().line() + ")");
        }
    }

    private static boolean samePrice(ModelPrice a, ModelPrice b) {
        return same(a.inputPerMTok(), b.inputPerMTok()) && same(a.outputPerMTok(), b.outputPerMTok())
                && same(a.cachedInputPerMTok(), b.cachedInputPerMTok())
                && same(a.cacheWritePerMTok(), b.cacheWritePerMTok())
                && same(a.cacheWrite1hPerMTok(), b.cacheWrite1hPerMTok())
                && same(a.reasoningPerMTok(), b.reasoningPerMTok())
                && Objects.equals(a.longContext() == null ? null : a.longContext().aboveInputTokens(),
                        b.longContext() == null ? null : b.longContext().aboveInputTokens())
                && (a.longContext() == null || (same(a.longContext().inputPerMTok(), b.longContext().inputPerMTok())
                    && same(a.longContext().outputPerMTok(), b.longContext().outputPerMTok())
                    && same(a.longContext().cachedInputPerMTok(), b.longContext().cachedInputPerMTok())
                    && same(a.longContext().cacheWritePerMTok(), b.longContext().cacheWritePerMTok())
                    && same(a.longContext().cacheWrite1hPerMTok(), b.longContext().cacheWrite1hPerMTok())));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /**
     * "gpt-4o" and "azure/gpt-4o" name a model; "azure/eu/gpt-4o" is a regional variant and is skipped (null). Where
     * the provider's model ids contain '/', everything after the route prefix is the id.
     */
    private static String modelName(String key, boolean slashedModelIds) {
        String[] parts = key.trim().split("/", -1);
        String name;
        if (slashedModelIds) {
            name = parts.length == 1 ? parts[0] : key.trim().substring(parts[0].length() + 1);
        } else {
            name = switch (parts.length) {
                case 1 -> parts[0];
                case 2 -> parts[1];
                default -> null;
            };
        }
        return name == null || name.isBlank() ? null : name;
    }

    private static Integer maxInputTokens(JsonEntry e, String who, Problems problems) {
        JsonValue v = e.get("max_input_tokens");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.kind() == JsonValue.Kind.NUMBER && v.number().signum() > 0) {
            try {
                return v.number().intValueExact();
            } catch (ArithmeticException ignored) {
                // falls through to the problem below
            }
        }
        problems.add(v.line(), who + ": max_input_tokens must be a positive whole number, got " + v.shown());
        return null;
    }

    private static String text(JsonEntry e, String field) {
        JsonValue v = e.get(field);
        return v != null && v.kind() == JsonValue.Kind.STRING ? Objects.requireNonNull(v.text()) : null;
    }
}
