package com.byomlab.llm.internal.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.Drivers;
import com.byomlab.llm.internal.ProviderErrorMapper;

/**
 * A prompt over the context window, as Anthropic and OpenAI refuse it, becomes Anthropic's own words written by us
 * from the counts only, whichever provider said it (Claude Code compacts its conversation on those words).
 */
class PromptTooLongTest {

    @Test
    void anthropicsRefusalKeepsItsCountsOnly() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"prompt is too long: 208310 tokens > 200000 maximum\"}}";
        assertThat(Drivers.of(Provider.ANTHROPIC).promptTooLong(400, body).map(ProviderErrorMapper::promptTooLong))
                .hasValue("prompt is too long: 208310 tokens > 200000 maximum");
        assertThat(Drivers.of(Provider.ANTHROPIC).promptTooLong(400, "{\"error\":{\"message\":\"tools.0: bad\"}}"))
                .isEmpty();
    }

    @Test
    void openAisContextLengthExceededReadsTheSame() {
        String body = "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, your "
                + "messages resulted in 130532 tokens. Please reduce the length of the messages.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}";
        assertThat(Drivers.of(Provider.OPENAI).promptTooLong(400, body).map(ProviderErrorMapper::promptTooLong))
                .hasValue("prompt is too long: 130532 tokens > 128000 maximum");
        assertThat(Drivers.of(Provider.OPENAI).promptTooLong(400, "{\"error\":{\"code\":\"context_length_exceeded\","
                + "\"message\":\"too long\"}}").map(ProviderErrorMapper::promptTooLong)).hasValue("prompt is too long");
        assertThat(Drivers.of(Provider.OPENAI).promptTooLong(400, "{\"error\":{\"code\":\"invalid_value\"}}"))
                .isEmpty();
    }
}
