package com.byomlab.vault;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.DatabaseDump;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole credential life cycle with sentinel keys, with the web and SQL layers logging at DEBUG
 * (an operator turning logs up must not leak keys either). Afterwards no log line, no HTTP response
 * and no database value holds a sentinel: not plain, not base64, and in logs not even masked.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.jdbc=DEBUG",
        "logging.level.com.byomlab=DEBUG",
        "logging.level.dev.langchain4j=DEBUG",
        "logging.level.org.apache.hc.client5=DEBUG"})
class RedactionTest extends ApiIntegrationTest {

    static final String PATH = "/api/v1/users/me/llm-credentials";
    static final String SENTINEL = "sk-SENTINEL-" + CredentialApiTest.rand() + "-DO-NOT-LEAK";
    static final String ROTATED = "sk-ROTATED-" + CredentialApiTest.rand() + "-DO-NOT-LEAK";
    static final String REFUSED = "sk-REFUSED-" + CredentialApiTest.rand() + "-DO-NOT-LEAK";

    @Test
    void noKeyAppearsInLogsResponsesOrTheDatabase(CapturedOutput output) {
        String token = api.newUser();
        OPENAI.expectKey(SENTINEL);

        api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", SENTINEL));
        Response created = api.post(PATH, token, Map.of("provider", "openai", "api_key", SENTINEL, "label", "sentinel"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        api.get(PATH, token);
        api.get(PATH + "/" + id + "/models", token);
        api.post(PATH, token, Map.of("provider", "openai", "api_key", REFUSED));             // refused by the provider
        api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", REFUSED));
        api.post(PATH, token, Map.of("provider", "anthropic", "api_key", SENTINEL));          // wrong format
        api.post(PATH, token, Map.of("provider", "openai", "api_key", SENTINEL + " x"));      // whitespace
        api.post(PATH, token, "{\"provider\":\"openai\",\"api_key\":\"" + SENTINEL + "\" oops}"); // malformed JSON
        api.post(PATH, token, "{\"provider\":\"openai\",\"api_key\":" + SENTINEL + "}");        // unquoted token
        api.post(PATH, token, "{\"provider\":\"openai\",\"api_key\":\"" + SENTINEL.repeat(20) + "\"}"); // oversized
        OPENAI.script(Scenario.serverError(500));
        api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", SENTINEL));
        OPENAI.script(Scenario.ok());
        OPENAI.expectKey(ROTATED);
        api.patch(PATH + "/" + id, token, Map.of("api_key", ROTATED));
        api.patch(PATH + "/" + id, token, Map.of("api_key", REFUSED));
        api.put(PATH + "/" + id + "/default", token, null);
        api.get(PATH + "/" + id + "/models", token);
        api.get("/api/v1/users/me/audit", token);
        api.delete(PATH + "/" + id, token);

        String logs = output.getAll();
        String responses = api.responses().toString();
        String database = DatabaseDump.of(jdbc);
        assertThat(logs).as("the test must have produced DEBUG logs to search").contains("DEBUG");

        for (String key : List.of(SENTINEL, ROTATED, REFUSED)) {
            for (String form : forms(key)) {
                assertThat(logs).as("logs").doesNotContain(form);
                assertThat(responses).as("responses").doesNotContain(form);
                assertThat(database).as("database").doesNotContain(form);
            }
            String masked = key.substring(0, 4) + "..." + key.substring(key.length() - 4);
            assertThat(logs).as("masked form in logs").doesNotContain(masked);
        }
        // what the provider received is where the key belongs: this proves the sentinel really travelled
        assertThat(OPENAI.requests()).anyMatch(r -> r.header("authorization").orElse("").equals("Bearer " + ROTATED));
    }

    /** The key itself, its base64, and a long inner slice of it (catches partial copies). */
    private static List<String> forms(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return List.of(key, Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                key.substring(3, key.length() - 3));
    }
}
