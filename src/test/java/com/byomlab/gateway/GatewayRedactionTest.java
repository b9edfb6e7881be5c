package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.DebugLogging;
import com.byomlab.testsupport.DatabaseDump;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's whole life (create, use plain and streamed, list, revoke, refused use, malformed requests carrying it)
 * with web, security and SQL logging at DEBUG: afterwards the token is in no log line, in no HTTP response but the
 * one that created it, and nowhere in the database (only its hash); the provider key is in none of them either.
 */
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(DebugLogging.class)
class GatewayRedactionTest extends ApiIntegrationTest {

    @Test
    void aTokenAppearsOnlyInTheAnswerThatCreatedIt(CapturedOutput output) {
        String login = api.newUser();
        Upstream up = Upstream.openAi(OPENAI);
        String credential = GatewayFixtures.credential(api, login, up);
        Response created = GatewayFixtures.token(api, login, credential, 7);
        String token = created.text("token");
        int createdAt = api.responses().indexOf(created);

        Map<String, Object> hello = Map.of("model", up.model(), "messages", List.of(Map.of("role", "user",
                "content", "hi")));
        api.post("/v1/chat/completions", token, hello);
        OPENAI.chat().enqueue(ChatReply.text("streamed words here"));
        api.post("/v1/chat/completions", token, Map.of("model", up.model(), "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
        api.get("/v1/models", token);
        api.raw("POST", "/v1/chat/completions", token, "application/json", "{\"model\":" + token + "}");
        api.raw("POST", "/v1/chat/completions", token, "application/json", "{\"model\":\"" + token + "\"}");
        api.post("/v1/chat/completions", token + "x", hello);
        api.get(GatewayFixtures.TOKENS, login);
        api.delete(GatewayFixtures.TOKENS + "/" + created.text("id"), login);
        api.post("/v1/chat/completions", token, hello);
        api.get("/api/v1/users/me/audit", login);

        String logs = output.getAll();
        List<Response> others = api.responses().subList(createdAt + 1, api.responses().size());
        String database = DatabaseDump.of(jdbc);
        assertThat(logs).contains("DEBUG");
        assertThat(OPENAI.chat().requests()).isNotEmpty();
        for (String form : forms(token)) {
            assertThat(logs).as("logs").doesNotContain(form);
            assertThat(others.toString()).as("responses").doesNotContain(form);
            assertThat(database).as("database").doesNotContain(form);
        }
        for (String form : forms(up.key())) {
            assertThat(logs).as("provider key in logs").doesNotContain(form);
            assertThat(api.responses().toString()).as("provider key in responses").doesNotContain(form);
        }
    }

    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(bytes), secret.substring(12, secret.length() - 4));
    }
}
