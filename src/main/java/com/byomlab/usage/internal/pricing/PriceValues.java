package com.byomlab.usage.internal.pricing;

import java.math.BigDecimal;

/**
 * Reads and checks prices exactly, as BigDecimal from the file's decimal text: a price read through a double
 * (2.5e-06 becoming 2.4999999999999998e-06) would make every later cost slightly wrong.
 */
final class PriceValues {

    /** Above this a price is a typo (a per-token price in a per-million field, an extra zero...), not a price. */
    static final BigDecimal MAX_PER_MTOK = new BigDecimal("10000");

    private PriceValues() {
    }

    /** A BYOM-format price in USD per million tokens: a JSON number or a decimal string; null when absent or null. */
    static BigDecimal perMTok(JsonEntry e, String field, boolean required, String who, Problems problems) {
        JsonValue v = e.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(e.line(), who + ": missing " + field + " (USD per million tokens)");
            }
            return null;
        }
        BigDecimal price = switch (v.kind()) {
            case NUMBER -> v.number();
            case STRING -> parseDecimal(v.text());
            default -> null;
        };
        if (price == null) {
            problems.add(v.line(), who + ": " + field + " must be a number of USD per million tokens, got " + v.shown());
            return null;
        }
        return checked(price, field, v, who, problems);
    }

    /** A LiteLLM price in USD per token (a JSON number), converted exactly to USD per million tokens. */
    static BigDecimal perTokenAsPerMTok(JsonEntry e, String field, boolean required, String who, Problems problems) {
        JsonValue v = e.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(e.line(), who + ": missing " + field + " (USD per token)");
            }
            return null;
        }
        if (v.kind() != JsonValue.Kind.NUMBER) {
            problems.add(v.line(), who + ": " + field + " must be a JSON number of USD per token, got " + v.shown());
            return null;
        }
        return checked(v.number().movePointRight(6), field, v, who, problems);
    }

    private static BigDecimal checked(BigDecimal perMTok, String field, JsonValue v, String who, Problems problems) {
        if (perMTok.signum() < 0) {
            problems.add(v.line(), who + ": " + field + " must not be negative, got " + v.shown());
            return null;
        }
        if (perMTok.compareTo(MAX_PER_MTOK) > 0) {
            problems.add(v.line(), who + ": " + field + " is " + perMTok.toPlainString()
                    + " USD per million tokens, above the " + MAX_PER_MTOK + " limit; check the unit");
            return null;
        }
        return perMTok;
    }

    private static BigDecimal parseDecimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
