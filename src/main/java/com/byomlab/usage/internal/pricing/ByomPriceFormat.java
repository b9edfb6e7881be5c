package com.byomlab.usage.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.byomlab.llm.Provider;
import com.byomlab.usage.ModelPrice;

/**
 * Our own format (the bundled {@code usage/model-prices.json}):
 * <pre>{"as_of": "2026-07-24", "source": "...", "currency": "USD", "notes": [...],
 *  "models": [{"provider": "openai", "model": "gpt-4o", "aliases": ["gpt-4o-2024-08-06"],
 *              "input_per_mtok": "2.50", "output_per_mtok": "10.00", "cached_input_per_mtok": "1.25",
 *              "context_window": 128000, "supports_tools": true, "as_of": "2026-12-01", "source": "...",
 *              "note": "..."}]}</pre>
 * Optional rates beside those: {@code cache_write_per_mtok} (five-minute cache write), {@code cache_write_1h_per_mtok},
 * {@code reasoning_per_mtok} (only where reasoning is not billed as output), and a long-context tier:
 * {@code long_context_above_tokens} with {@code long_context_input_per_mtok}, {@code long_context_output_per_mtok}
 * and optionally {@code long_context_cached_input_per_mtok}, {@code long_context_cache_write_per_mtok},
 * {@code long_context_cache_write_1h_per_mtok}. A rate left out is not guessed: a call that needs it is priced as
 * incomplete.
 * Unknown keys are refused: a misspelt {@code cached_input_per_mtok} would otherwise silently price cache reads
 * at the full input price.
 */
final class ByomPriceFormat {

    private static final Set<String> TOP_LEVEL = Set.of("as_of", "source", "currency", "notes", "models");
    private static final Set<String> MODEL_FIELDS = Set.of("provider", "model", "aliases", "input_per_mtok",
            "output_per_mtok", "cached_input_per_mtok", "cache_write_per_mtok", "cache_write_1h_per_mtok",
            "reasoning_per_mtok", "long_context_above_tokens", "long_context_input_per_mtok",
            "long_context_output_per_mtok", "long_context_cached_input_per_mtok", "long_context_cache_write_per_mtok",
            "long_context_cache_write_1h_per_mtok", "context_window", "supports_tools", "as_of", "source", "note");
    private static final List<String> LONG_CONTEXT_RATES = List.of("long_context_input_per_mtok",
            "long_context_output_per_mtok", "long_context_cached_input_per_mtok", "long_context_cache_write_per_mtok",
            "long_context_cache_write_1h_per_mtok");

    private ByomPriceFormat() {
    }

    static PriceList read(RawPriceFile raw, boolean requireDate) {
        Problems problems = new Problems(raw.label());
        String asOf = topLevel(raw, requireDate, problems);
        Map<String, Integer> seen = new HashMap<>();
        List<PriceEntry> entries = new ArrayList<>();
        for (JsonEntry e : raw.models()) {
            PriceEntry entry = entry(e, problems);
            if (entry != null && unique(entry, seen, problems)) {
                entries.add(entry);
            }
        }
        problems.throwIfAny();
        String source = text(raw.topLevel().get("source")).orElse(raw.label());
        return new PriceList(raw.label(), asOf, source, entries);
    }

    private static String topLevel(RawPriceFile raw, boolean requireDate, Problems problems) {
        raw.topLevel().forEach((key, v) -> {
            if (!TOP_LEVEL.contains(key)) {
                problems.add(v.line(), "unknown top-level key \"" + key + "\" (expected " + TOP_LEVEL + ")");
            }
        });
        raw.objectMembers().forEach(e -> problems.add(e.line(),
                "unknown top-level key \"" + e.name() + "\" (expected " + TOP_LEVEL + ")"));
        JsonValue models = raw.topLevel().get("models");
        if (!raw.hasModels()) {
            problems.add(models == null ? 1 : models.line(), "\"models\" must be an array of model prices");
        }
        JsonValue currency = raw.topLevel().get("currency");
        if (currency != null && !"USD".equals(currency.text())) {
            problems.add(currency.line(), "currency must be \"USD\", got " + currency.shown());
        }
        JsonValue asOf = raw.topLevel().get("as_of");
        if (asOf == null || asOf.isNull()) {
            if (requireDate) {
                problems.add(1, "missing \"as_of\" (the date the prices were taken, yyyy-MM-dd)");
            }
            return null;
        }
        try {
            return LocalDate.parse(asOf.kind() == JsonValue.Kind.STRING ? asOf.text() : "").toString();
        } catch (DateTimeParseException ex) {
            problems.add(asOf.line(), "as_of must be a date like 2026-07-24, got " + asOf.shown());
            return null;
        }
    }

    private static PriceEntry entry(JsonEntry e, Problems problems) {
        int before = problems.count();
        String model = text(e.get("model")).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        String who = e.name() + (model != null ? " (" + model + ")" : "");
        e.fields().forEach((key, v) -> {
            if (!MODEL_FIELDS.contains(key)) {
                problems.add(v.line(), who + ": unknown key \"" + key + "\" (expected " + MODEL_FIELDS + ")");
            }
        });
        if (model == null) {
            problems.add(e.lineOf("model"), who + ": missing or empty \"model\"");
        }
        Provider provider = provider(e, who, problems);
        BigDecimal input = PriceValues.perMTok(e, "input_per_mtok", true, who, problems);
        BigDecimal output = PriceValues.perMTok(e, "output_per_mtok", true, who, problems);
        BigDecimal cached = PriceValues.perMTok(e, "cached_input_per_mtok", false, who, problems);
        BigDecimal write = PriceValues.perMTok(e, "cache_write_per_mtok", false, who, problems);
        BigDecimal write1h = PriceValues.perMTok(e, "cache_write_1h_per_mtok", false, who, problems);
        BigDecimal reasoning = PriceValues.perMTok(e, "reasoning_per_mtok", false, who, problems);
        ModelPrice.LongContext longContext = longContext(e, who, problems);
        String asOf = date(e, who, problems);
        Optional<String> source = text(e.get("source"));
        Integer context = positiveInt(e, "context_window", who, problems);
        Boolean tools = bool(e, "supports_tools", who, problems);
        List<String> aliases = aliases(e, who, problems);
        JsonValue note = e.get("note");
        if (note != null && note.kind() != JsonValue.Kind.STRING) {
            problems.add(note.line(), who + ": note must be a string");
        }
        if (problems.count() != before || model == null || provider == null || input == null || output == null) {
            return null;
        }
        return new PriceEntry(new ModelPrice(provider, model, input, output, cached, context, Boolean.TRUE.equals(tools),
                write, write1h, reasoning, longContext, asOf, source.orElse(null)), aliases, e.line());
    }

    /** {@code long_context_above_tokens} with the tier's rates; a rate without a threshold is refused. */
    private static ModelPrice.LongContext longContext(JsonEntry e, String who, Problems problems) {
        Integer above = positiveInt(e, "long_context_above_tokens", who, problems);
        List<BigDecimal> rates = new ArrayList<>();
        for (String field : LONG_CONTEXT_RATES) {
            rates.add(PriceValues.perMTok(e, field, false, who, problems));
        }
        if (above == null) {
            if (rates.stream().anyMatch(java.util.Objects::nonNull)) {
                problems.add(e.line(), who + ": long_context_* rates need long_context_above_tokens (the input size "
                        + "above which they apply)");
            }
            return null;
        }
        if (rates.get(0) == null || rates.get(1) == null) {
            problems.add(e.line(), who + ": long_context_above_tokens needs long_context_input_per_mtok and "
                    + "long_context_output_per_mtok");
            return null;
        }
        return new ModelPrice.LongContext(above, rates.get(0), rates.get(1), rates.get(2), rates.get(3), rates.get(4));
    }

    private static String date(JsonEntry e, String who, Problems problems) {
        JsonValue v = e.get("as_of");
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(v.kind() == JsonValue.Kind.STRING ? v.text() : "").toString();
        } catch (DateTimeParseException ex) {
            problems.add(v.line(), who + ": as_of must be a date like 2026-12-01, got " + v.shown());
            return null;
        }
    }

    private static Provider provider(JsonEntry e, String who, Problems problems) {
        JsonValue v = e.get("provider");
        if (v == null || v.kind() != JsonValue.Kind.STRING) {
            problems.add(e.lineOf("provider"), who + ": missing \"provider\" (one of " + Provider.supportedIds() + ")");
            return null;
        }
        Optional<Provider> provider = Provider.fromId(v.text());
        if (provider.isEmpty()) {
            problems.add(v.line(), who + ": unknown provider " + v.shown() + " (one of " + Provider.supportedIds() + ")");
        }
        return provider.orElse(null);
    }

    private static boolean unique(PriceEntry entry, Map<String, Integer> seen, Problems problems) {
        boolean ok = true;
        List<String> names = new ArrayList<>(entry.aliases());
        names.add(0, entry.price().model());
        for (String name : names) {
            String key = entry.price().provider().id() + "/" + name.toLowerCase(Locale.ROOT);
            Integer first = seen.putIfAbsent(key, entry.line());
            if (first != null) {
                problems.add(entry.line(), "duplicate model " + key + " (already defined at line " + first + ")");
                ok = false;
            }
        }
        return ok;
    }

    private static Integer positiveInt(JsonEntry e, String field, String who, Problems problems) {
        JsonValue v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.kind() == JsonValue.Kind.NUMBER) {
            try {
                int n = v.number().intValueExact();
                if (n > 0) {
                    return n;
                }
            } catch (ArithmeticException ignored) {
                // falls through to the problem below
            }
        }
        problems.add(v.line(), who + ": " + field + " must be a positive whole number of tokens, got " + v.shown());
        return null;
    }

    private static Boolean bool(JsonEntry e, String field, String who, Problems problems) {
        JsonValue v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.kind() != JsonValue.Kind.BOOLEAN) {
            problems.add(v.line(), who + ": " + field + " must be true or false, got " + v.shown());
            return null;
        }
        return Boolean.valueOf(v.text());
    }

    private static List<String> aliases(JsonEntry e, String who, Problems problems) {
        JsonValue v = e.get("aliases");
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.kind() != JsonValue.Kind.ARRAY || v.strings() == null
                || v.strings().stream().anyMatch(s -> s.isBlank())) {
            problems.add(v.line(), who + ": aliases must be an array of model names");
            return List.of();
        }
        return v.strings().stream().map(String::trim).toList();
    }

    private static Optional<String> text(JsonValue v) {
        return v != null && v.kind() == JsonValue.Kind.STRING ? Optional.of(v.text()) : Optional.empty();
    }
}
