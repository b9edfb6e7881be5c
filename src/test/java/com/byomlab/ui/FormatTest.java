package com.byomlab.ui;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money as the pages (and session.js, which rounds the same way) show it, and the model picker's values. */
class FormatTest {

    @Test
    void dollarsShowCentsFromOneDollarUpAndThreeSignificantDigitsBelow() {
        assertThat(Format.usd(new BigDecimal("12.345"))).isEqualTo("$12.35");
        assertThat(Format.usd(new BigDecimal("0.5"))).isEqualTo("$0.50");
        assertThat(Format.usd(new BigDecimal("0.0136"))).isEqualTo("$0.0136");
        assertThat(Format.usd(new BigDecimal("0.012345"))).isEqualTo("$0.0123");
        assertThat(Format.usd(new BigDecimal("0.00272000000"))).isEqualTo("$0.00272");
        assertThat(Format.usd(BigDecimal.ZERO)).isEqualTo("$0.00");
        assertThat(Format.usd(null)).isEqualTo("unknown");
        assertThat(Format.tokens(128_000)).isEqualTo("128k");
        assertThat(Format.tokens(1_047_576)).isEqualTo("1M");
    }

    @Test
    void modelChoicesKeepModelNamesWithColons() {
        UUID id = UUID.randomUUID();
        assertThat(Choice.parse(Choice.of(id, "llama3:8b"))).isEqualTo(new Choice.Parsed(id, "llama3:8b", false));
        assertThat(Choice.parse(Choice.of(id, null))).isEqualTo(new Choice.Parsed(id, null, false));
        assertThat(Choice.parse("system")).isEqualTo(new Choice.Parsed(null, null, true));
        assertThat(Choice.parse("default")).isEqualTo(new Choice.Parsed(null, null, false));
        assertThatThrownBy(() -> Choice.parse("cred:not-a-uuid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Choice.parse("<script>")).isInstanceOf(IllegalArgumentException.class);
    }
}
