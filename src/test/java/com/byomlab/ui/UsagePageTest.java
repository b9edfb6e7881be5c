package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage page never shows an unknown cost as a figure: "unknown" when nothing is priced, and a note when part is. */
class UsagePageTest extends ApiIntegrationTest {

    static final Pattern TOTAL = Pattern.compile("id=\"total-cost\">([^<]*)<");
    static final Pattern INCOMPLETE = Pattern.compile("id=\"total-cost-incomplete\"[^>]*>([^<]*)<");

    @Test
    void anUnpricedModelsSpendIsUnknownAndAMixedTotalSaysWhatItLacks() {
        PageClient pages = new PageClient(port);
        String email = pages.signUp();
        String login = api.login(email, BrowserTest.PASSWORD);
        String key = "local-" + UUID.randomUUID();
        COMPATIBLE.expectKey(key);
        String unpriced = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai_compatible",
                "api_key", key, "base_url", COMPATIBLE.baseUrl(), "model_name", "gpt-4o")).text("id");
        COMPATIBLE.chat().enqueue(ChatReply.text("ok").usage(1000, 10));
        run(login, unpriced);

        String page = pages.get("/usage").body();
        assertThat(group(TOTAL, page)).isEqualTo("unknown");
        assertThat(group(INCOMPLETE, page)).isEqualTo("(no call could be priced)");
        assertThat(page).doesNotContain("$0.00");

        String openAiKey = "sk-usage-page-" + UUID.randomUUID();
        OPENAI.expectKey(openAiKey);
        String priced = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai", "api_key",
                openAiKey, "model_name", "gpt-4o-mini")).text("id");
        OPENAI.chat().enqueue(ChatReply.text("x").usage(2_000, 200)); // $0.0028
        run(login, priced);

        page = pages.get("/usage").body();
        assertThat(group(TOTAL, page)).isEqualTo("$0.0028");
        assertThat(group(INCOMPLETE, page)).isEqualTo("(+1 unpriced)");
    }

    private void run(String login, String credentialId) {
        String id = api.post("/api/v1/lab/agent/sessions", login, Map.of("user_goal", "BTC?", "llm_credential_id",
                credentialId)).text("id");
        assertThat(api.awaitSessionEnd(login, id, Duration.ofSeconds(20)).path("status").asText()).isEqualTo("completed");
    }

    private static String group(Pattern pattern, String page) {
        Matcher m = pattern.matcher(page);
        assertThat(m.find()).as(pattern + " in the page").isTrue();
        return m.group(1).strip();
    }
}
