package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.byomlab.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The credential pages over plain HTTP: no key in any page, one credential per form, errors beside their field. */
class CredentialPagesTest extends ApiIntegrationTest {

    PageClient pages;
    String email;

    @BeforeEach
    void signedIn() {
        pages = new PageClient(port);
        email = pages.signUp();
    }

    int stored() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials c JOIN users u ON u.id = c.user_id "
                + "WHERE u.email = ? AND c.is_active", Integer.class, email);
    }

    HttpResponse<String> save(String page, String key) {
        return pages.post("/settings/llm", form("_csrf", PageClient.csrf(page), "formToken", PageClient.formToken(page),
                "provider", "openai", "apiKey", key, "modelName", "gpt-4o-mini", "label", "Mine"));
    }

    @Test
    void noPageEverContainsTheKey() {
        String key = "sk-sentinel-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String page = pages.get("/settings/llm").body();
        HttpResponse<String> test = pages.post("/settings/llm/test", form("provider", "openai", "apiKey", key),
                "HX-Request", "true", "X-CSRF-TOKEN", PageClient.csrf(page));
        assertThat(test.body()).contains("Connected to OpenAI").doesNotContain(key);
        assertThat(save(page, key).statusCode()).isEqualTo(302);

        String list = pages.get("/settings/llm").body();
        assertThat(list).contains("sk-s...").doesNotContain(key);
        String id = list.replaceAll("(?s).*data-credential-id=\"([^\"]+)\".*", "$1");
        for (String path : new String[] {"/settings/llm/" + id + "/edit", "/settings/llm/" + id + "/models",
                "/settings/llm/" + id + "/delete", "/lab", "/lab/estimate?model=default", "/usage"}) {
            HttpResponse<String> r = pages.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain(key);
        }

        // a refused key is not written back into the re-shown form either
        String again = pages.get("/settings/llm").body();
        String refused = "sk-refused-" + UUID.randomUUID();
        HttpResponse<String> error = save(again, refused);
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(error.body()).contains("id=\"apiKey-error\"").doesNotContain(refused);
    }

    @Test
    void thePickerListsThePresetsAndAPresetKeyIsSavedWithoutABaseUrl() {
        String page = pages.get("/settings/llm").body();
        for (String[] preset : new String[][] {{"openrouter", "OpenRouter", "https://openrouter.ai/settings/keys"},
                {"groq", "Groq", "https://console.groq.com/keys"}, {"deepseek", "DeepSeek", "https://platform.deepseek.com"},
                {"xai", "xAI", "https://console.x.ai"}, {"mistral", "Mistral AI", "https://console.mistral.ai"},
                {"together_ai", "Together AI", "https://api.together.ai"},
                {"fireworks_ai", "Fireworks AI", "https://fireworks.ai"}}) {
            assertThat(page).as(preset[0]).containsPattern("(?s)id=\"provider-" + preset[0] + "\"[^>]*data-needs-base-url=\"false\"")
                    .contains(">" + preset[1] + "</span>").contains("href=\"" + preset[2]);
        }
        assertThat(page).containsPattern("id=\"provider-groq\"[^>]*data-prefix=\"gsk_\"");

        String key = "gsk_" + UUID.randomUUID().toString().replace("-", "");
        GROQ.expectKey(key);
        HttpResponse<String> saved = pages.post("/settings/llm", form("_csrf", PageClient.csrf(page),
                "formToken", PageClient.formToken(page), "provider", "groq", "apiKey", key, "modelName", "gpt-4o-mini"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(stored()).isEqualTo(1);
        String list = pages.get("/settings/llm").body();
        assertThat(list).contains("Groq").doesNotContain(key);
    }

    @Test
    void bedrockTakesAnAccessKeyPairAndARegionThroughTheForm() {
        String page = pages.get("/settings/llm?provider=bedrock").body();
        assertThat(page).containsPattern("(?s)id=\"provider-bedrock\"[^>]*data-needs-region=\"true\"")
                .contains(">AWS Bedrock</span>").contains("id=\"region\"");
        assertThat(page).containsPattern("(?s)id=\"provider-openai\"[^>]*data-needs-region=\"false\"");

        HttpResponse<String> noRegion = pages.post("/settings/llm", form("_csrf", PageClient.csrf(page),
                "formToken", PageClient.formToken(page), "provider", "bedrock",
                "apiKey", "AKIAPAGETEST00000001:wJalrXUtnFEMI/K7MDENG/bPxRfiCYPAGETEST01",
                "modelName", "anthropic.claude-3-5-haiku-20241022-v1:0"));
        assertThat(noRegion.body()).containsPattern("(?s)id=\"region\".*class=\"field-error\"[^>]*>\\s*<p>AWS Bedrock needs region")
                .doesNotContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYPAGETEST01");

        String pair = "AKIAPAGETEST00000001:wJalrXUtnFEMI/K7MDENG/bPxRfiCYPAGETEST01";
        BEDROCK.expectKey(pair);
        String next = pages.get("/settings/llm?provider=bedrock").body();
        HttpResponse<String> saved = pages.post("/settings/llm", form("_csrf", PageClient.csrf(next),
                "formToken", PageClient.formToken(next), "provider", "bedrock", "apiKey", pair,
                "modelName", "anthropic.claude-3-5-haiku-20241022-v1:0", "region", "us-east-1"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String list = pages.get("/settings/llm").body();
        assertThat(list).contains("AWS Bedrock").contains("AK...01").doesNotContain("PAGETEST01");
    }

    @Test
    void aFormSentTwiceStoresOneCredential() throws Exception {
        String key = "sk-twice-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String page = pages.get("/settings/llm").body();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> save(page, key));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> save(page, key));
        assertThat(first.get().statusCode()).isEqualTo(302);
        assertThat(second.get().statusCode()).isEqualTo(302);
        assertThat(stored()).isEqualTo(1);
        assertThat(pages.get("/settings/llm").body().split("data-credential-id=")).hasSize(2); // one row
    }

    @Test
    void errorsAreShownNextToTheFieldTheyConcern() {
        String page = pages.get("/settings/llm").body();
        HttpResponse<String> noModel = pages.post("/settings/llm", form("_csrf", PageClient.csrf(page),
                "formToken", PageClient.formToken(page), "provider", "openai", "apiKey", "sk-abc"));
        assertThat(noModel.body()).containsPattern("id=\"modelName-error\"[^>]*>\\s*<p>Choose a model")
                .doesNotContain("sk-abc");

        String next = pages.get("/settings/llm").body();
        HttpResponse<String> badFormat = save(next, "not-an-openai-key");
        assertThat(badFormat.body()).containsPattern("id=\"apiKey-error\"[^>]*>\\s*<p>OpenAI keys start with &#39;sk-&#39;");

        String compatible = pages.get("/settings/llm").body();
        HttpResponse<String> noBaseUrl = pages.post("/settings/llm", form("_csrf", PageClient.csrf(compatible),
                "formToken", PageClient.formToken(compatible), "provider", "openai_compatible", "apiKey", "local",
                "modelName", "llama3"));
        assertThat(noBaseUrl.body()).containsPattern("(?s)baseUrl.*class=\"field-error\"[^>]*>OpenAI-compatible needs base_url");
        // text that is no boolean is simply "not ticked", never a failed binding
        String odd = pages.get("/settings/llm").body();
        HttpResponse<String> oddCheckbox = pages.post("/settings/llm", form("_csrf", PageClient.csrf(odd),
                "formToken", PageClient.formToken(odd), "provider", "openai", "apiKey", "not-a-key", "makeDefault",
                "1; DELETE FROM user_llm_credentials"));
        assertThat(oddCheckbox.statusCode()).isEqualTo(200);
        assertThat(oddCheckbox.body()).contains("id=\"modelName-error\"");
        assertThat(stored()).isZero();
    }

    @Test
    void aRotatedKeyIsTestedFirstAndAWrongOneKeepsTheOldKey() {
        String oldKey = "sk-old-" + UUID.randomUUID();
        OPENAI.expectKey(oldKey);
        assertThat(save(pages.get("/settings/llm").body(), oldKey).statusCode()).isEqualTo(302);
        String id = pages.get("/settings/llm").body().replaceAll("(?s).*data-credential-id=\"([^\"]+)\".*", "$1");

        String edit = pages.get("/settings/llm/" + id + "/edit").body();
        assertThat(edit).contains("sk-o...").doesNotContain(oldKey);
        String refused = "sk-refused-" + UUID.randomUUID();
        HttpResponse<String> wrong = pages.post("/settings/llm/" + id, form("_csrf", PageClient.csrf(edit),
                "formToken", PageClient.formToken(edit), "apiKey", refused, "label", "Mine"));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("id=\"apiKey-error\"").doesNotContain(refused);
        assertThat(pages.get("/settings/llm").body()).contains("sk-o...");

        String newKey = "sk-new-" + UUID.randomUUID();
        OPENAI.expectKey(newKey);
        String again = pages.get("/settings/llm/" + id + "/edit").body();
        HttpResponse<String> rotated = pages.post("/settings/llm/" + id, form("_csrf", PageClient.csrf(again),
                "formToken", PageClient.formToken(again), "apiKey", newKey, "label", "Rotated"));
        assertThat(rotated.statusCode()).isEqualTo(302);
        String list = pages.get("/settings/llm").body();
        assertThat(list).contains("The new key was tested and replaced the old one", "sk-n...", "Rotated")
                .doesNotContain(newKey);
    }

    @Test
    void aNewBaseUrlOnTheEditPageNeedsTheKeyAndTheStoredKeyNeverGoesThere() {
        String storedKey = "local-stored-" + UUID.randomUUID();
        COMPATIBLE.expectKey(storedKey);
        String page = pages.get("/settings/llm").body();
        assertThat(pages.post("/settings/llm", form("_csrf", PageClient.csrf(page), "formToken", PageClient.formToken(page),
                "provider", "openai_compatible", "apiKey", storedKey, "baseUrl", COMPATIBLE.baseUrl(), "modelName", "gpt-4o-mini",
                "label", "Local"))
                .statusCode()).isEqualTo(302);
        String id = pages.get("/settings/llm").body().replaceAll("(?s).*data-credential-id=\"([^\"]+)\".*", "$1");
        String newKey = "local-new-" + UUID.randomUUID();

        try (FakeOpenAi elsewhere = FakeOpenAi.compatible(newKey, "/v1")) {
            String edit = pages.get("/settings/llm/" + id + "/edit").body();
            assertThat(edit).contains("id=\"baseUrl\"").contains(COMPATIBLE.baseUrl());
            HttpResponse<String> refused = pages.post("/settings/llm/" + id, form("_csrf", PageClient.csrf(edit),
                    "formToken", PageClient.formToken(edit), "apiKey", "", "baseUrl", elsewhere.baseUrl(), "label", "Local"));
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("id=\"apiKey-error\"").contains("send api_key together with base_url");
            assertThat(elsewhere.requests()).isEmpty();

            String again = pages.get("/settings/llm/" + id + "/edit").body();
            HttpResponse<String> moved = pages.post("/settings/llm/" + id, form("_csrf", PageClient.csrf(again),
                    "formToken", PageClient.formToken(again), "apiKey", newKey, "baseUrl", elsewhere.baseUrl(),
                    "label", "Local"));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
            assertThat(elsewhere.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.header("authorization"))
                    .hasValue("Bearer " + newKey));
        }
        assertThat(jdbc.queryForObject("SELECT base_url FROM user_llm_credentials WHERE id = ?", String.class,
                UUID.fromString(id))).endsWith("/v1").doesNotStartWith(COMPATIBLE.origin());
    }

    @Test
    void anotherUsersCredentialIsNotFound() {
        String key = "sk-owner-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        assertThat(save(pages.get("/settings/llm").body(), key).statusCode()).isEqualTo(302);
        String id = pages.get("/settings/llm").body().replaceAll("(?s).*data-credential-id=\"([^\"]+)\".*", "$1");

        PageClient other = new PageClient(port);
        other.signUp();
        assertThat(other.get("/settings/llm/" + id + "/edit").statusCode()).isEqualTo(404);
        assertThat(other.get("/settings/llm/not-a-uuid/edit").statusCode()).isEqualTo(404);
        String page = other.get("/settings/llm").body();
        other.post("/settings/llm/" + id + "/delete", form("_csrf", PageClient.csrf(page)));
        assertThat(stored()).isEqualTo(1);
    }
}
