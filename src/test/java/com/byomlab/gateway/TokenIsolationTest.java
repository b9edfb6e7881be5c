package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.byomlab.gateway.GatewayFixtures.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token of user A can never reach user B's credential: a token can only be bound to its owner's credential, a
 * request cannot name a credential, and at each call the binding is resolved owner-scoped, so even a binding
 * tampered with in the database reaches nothing of B's.
 */
class TokenIsolationTest extends ApiIntegrationTest {

    static final Map<String, Object> HELLO = Map.of("model", "gpt-4o-mini",
            "messages", List.of(Map.of("role", "user", "content", "hi")));

    @Test
    void aTokenOfAReachesOnlyAsKeyWhateverTheRequestSays() {
        String alice = api.newUser();
        Upstream aliceKey = Upstream.openAi(OPENAI);
        String aliceCredential = GatewayFixtures.credential(api, alice, aliceKey);
        String bob = api.newUser();
        Upstream bobKey = Upstream.openAi(OPENAI);
        String bobCredential = GatewayFixtures.credential(api, bob, bobKey); // the fake now expects Bob's key

        // Alice cannot bind a token to Bob's credential
        assertThat(api.post(TOKENS, alice, Map.of("name", "steal", "credential_id", bobCredential)).status())
                .isEqualTo(404);

        // Alice's token, with a request that tries to name Bob's credential, goes out on Alice's key only
        OPENAI.expectKey(aliceKey.key());
        String aliceToken = GatewayFixtures.secret(api, alice, aliceCredential);
        Response answer = api.post("/v1/chat/completions", aliceToken, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi")), "credential_id", bobCredential,
                "user", bobCredential));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(OPENAI.chat().requests()).allMatch(r -> r.authKey().equals(aliceKey.key()));
        assertThat(jdbc.queryForList("SELECT user_id FROM llm_usage WHERE credential_id = ?", UUID.fromString(
                bobCredential))).isEmpty();

        // a binding tampered with in the database still resolves under Alice's id: nothing of Bob's is used
        jdbc.update("UPDATE personal_access_tokens SET credential_id = ? WHERE user_id = (SELECT user_id FROM "
                + "user_llm_credentials WHERE id = ?)", UUID.fromString(bobCredential), UUID.fromString(aliceCredential));
        int before = OPENAI.chat().requests().size();
        Response refused = api.post("/v1/chat/completions", aliceToken, HELLO);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("credential_unavailable");
        assertThat(api.get("/v1/models", aliceToken).status()).isEqualTo(403);
        assertThat(OPENAI.chat().requests()).hasSize(before);
        assertThat(OPENAI.chat().requests()).noneMatch(r -> r.authKey().equals(bobKey.key()));

        // nor can Alice see or revoke Bob's tokens
        Response bobToken = GatewayFixtures.token(api, bob, bobCredential, null);
        assertThat(api.get(TOKENS, alice).body()).doesNotContain(bobToken.text("id"));
        assertThat(api.delete(TOKENS + "/" + bobToken.text("id"), alice).status()).isEqualTo(404);
        OPENAI.expectKey(bobKey.key());
        assertThat(api.post("/v1/chat/completions", bobToken.text("token"), HELLO).status()).isEqualTo(200);
    }

    @Test
    void aDeletedCredentialStopsItsTokensAtOnce() {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        String token = GatewayFixtures.secret(api, login, credential);
        assertThat(api.post("/v1/chat/completions", token, HELLO).status()).isEqualTo(200);

        assertThat(api.delete(GatewayFixtures.CREDENTIALS + "/" + credential, login).status()).isEqualTo(204);
        Response refused = api.post("/v1/chat/completions", token, HELLO);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("credential_unavailable");
        assertThat(refused.headers().get("x-should-retry")).containsExactly("false");
    }
}
