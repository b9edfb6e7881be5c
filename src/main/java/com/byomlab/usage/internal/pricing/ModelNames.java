package com.byomlab.usage.internal.pricing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a requested model is looked up under, most exact first. Model ids are compared case-insensitively.
 *
 * <ol>
 *   <li>the id as given;</li>
 *   <li>without Gemini's {@code models/} resource prefix ({@code models/gemini-2.5-pro});</li>
 *   <li>without a trailing snapshot date, {@code -2024-08-06} (OpenAI) or {@code -20241022} (Anthropic), so a
 *       dated snapshot is priced as its model.</li>
 * </ol>
 * Only a date is dropped: {@code -001}, {@code -preview} or {@code -latest} may be priced differently
 * (LiteLLM prices {@code gemini-2.0-flash-001} apart from {@code gemini-2.0-flash}). A dated snapshot whose price
 * differs from its model's, like {@code gpt-4o-2024-05-13}, must be listed under its own id; an exact id always
 * wins over the date rule.
 */
final class ModelNames {

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(20\\d{2}-\\d{2}-\\d{2}|20\\d{6})$");
    private static final String MODELS_PREFIX = "models/";

    private ModelNames() {
    }

    static String key(String model) {
        return model.trim().toLowerCase(Locale.ROOT);
    }

    static List<String> candidates(String model) {
        Set<String> names = new LinkedHashSet<>();
        String name = key(model);
        names.add(name);
        if (name.startsWith(MODELS_PREFIX) && name.length() > MODELS_PREFIX.length()) {
            name = name.substring(MODELS_PREFIX.length());
            names.add(name);
        }
        String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
        if (!undated.isEmpty()) {
            names.add(undated);
        }
        return List.copyOf(names);
    }
}
