package com.byomlab.market;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collector's settings: off unless a source is named, and a wrong value stops start-up saying what to write. */
class CollectorPropertiesTest {

    static CollectorProperties with(String source, List<String> coins, String quote) {
        return new CollectorProperties(source, coins, 730, Duration.ofHours(1), Duration.ofSeconds(20),
                Duration.ofMinutes(10), Duration.ofMinutes(2),
                new CollectorProperties.Binance(URI.create("https://data-api.binance.vision"), quote, 1000, 1000),
                new CollectorProperties.Coinbase(URI.create("https://api.exchange.coinbase.com"), "USD", 300,
                        Duration.ofMillis(150)));
    }

    @Test
    void offUnlessASourceIsNamedAndTheSampleCoinsByDefault() {
        assertThat(with(null, null, "USDT").enabled()).isFalse();
        assertThat(with(" ", null, "USDT").enabled()).isFalse();
        CollectorProperties on = with(" Binance ", List.of(" btc", "eth", "BTC", ""), "USDT");
        assertThat(on.source()).isEqualTo("binance");
        assertThat(on.coins()).containsExactly("BTC", "ETH");
        assertThat(with("coinbase", null, "USDT").coins()).isEqualTo(CollectorProperties.DEFAULT_COINS);
    }

    @Test
    void wrongValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> with("kraken", null, "USDT")).hasMessage(
                "byom.market.source must be binance or coinbase (or unset for no collector), not 'kraken'.");
        assertThatThrownBy(() -> with("binance", List.of("BTC-USD"), "USDT")).hasMessageContaining(
                "'BTC-USD' is not a coin symbol");
        assertThatThrownBy(() -> with("binance", null, "usdt?")).hasMessageContaining("byom.market.binance.quote");
    }
}
