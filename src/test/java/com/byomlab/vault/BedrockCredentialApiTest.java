package com.byomlab.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.FakeBedrock;

/**
 * AWS Bedrock credentials through the API: an IAM access key pair (ACCESS_KEY_ID:SECRET) or a Bedrock API key, plus
 * the region. The pair is validated live (ListFoundationModels, signed by the AWS SDK), sealed as one value, and shown
 * masked by its access key id only: no answer, list, log line or mask ever carries a character of the secret.
 */
class BedrockCredentialApiTest extends ApiIntegrationTest {

    static final String PATH = "/api/v1/users/me/llm-credentials";
    static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

    static String accessKeyId() {
        return "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    static Map<String, Object> body(String key, String region) {
        Map<String, Object> body = new HashMap<>(Map.of("provider", "bedrock", "api_key", key, "model_name", MODEL));
        if (region != null) {
            body.put("region", region);
        }
        return body;
    }

    @Test
    void anAccessKeyPairIsStoredSealedAsOneValueAndMaskedByItsAccessKeyIdOnly() {
        String token = api.newUser();
        String id = accessKeyId();
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String pair = id + ":" + secret;
        BEDROCK.expectKey(pair);

        Response created = api.post(PATH, token, body(pair, FakeBedrock.REGION));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("provider")).isEqualTo("bedrock");
        assertThat(created.text("region")).isEqualTo(FakeBedrock.REGION);
        String masked = created.text("api_key_masked");
        assertThat(masked).isEqualTo(id.substring(0, 2) + "..." + id.substring(id.length() - 2));
        assertThat(masked).doesNotContain(secret.substring(secret.length() - 2));
        assertThat(created.body()).doesNotContain(secret);
        // validated live with a request the SDK signed; the secret never travelled
        assertThat(BEDROCK.lastRequest().path()).isEqualTo("/foundation-models");
        assertThat(BEDROCK.lastRequest().header("authorization")).hasValueSatisfying(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + id + "/"));
        assertThat(BEDROCK.secretSeenOnTheWire()).isFalse();

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM user_llm_credentials WHERE id = ?",
                UUID.fromString(created.text("id")));
        assertThat(new String((byte[]) row.get("encrypted_api_key"), StandardCharsets.ISO_8859_1))
                .doesNotContain(secret).doesNotContain(id);
        assertThat(row.get("region")).isEqualTo(FakeBedrock.REGION);
        Response list = api.get(PATH, token);
        assertThat(list.body()).doesNotContain(secret).contains("\"region\":\"" + FakeBedrock.REGION + "\"");
        assertThat(api.get("/api/v1/users/me/audit", token).body()).doesNotContain(secret);
    }

    @Test
    void aBedrockApiKeyIsSentAsABearerTokenAndMaskedLikeAnyKey() {
        String token = api.newUser();
        String key = "ABSK" + UUID.randomUUID().toString().replace("-", "") + "QmVkcm9ja0FQSUtleQ==";
        BEDROCK.expectKey(key);

        Response created = api.post(PATH, token, body(key, FakeBedrock.REGION));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("api_key_masked")).isEqualTo("ABSK..." + key.substring(key.length() - 4));
        assertThat(BEDROCK.lastRequest().header("authorization")).hasValue("Bearer " + key);
    }

    @Test
    void theRegionIsRequiredWellFormedAndOnlyForBedrock() {
        String token = api.newUser();
        String pair = accessKeyId() + ":wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        int before = BEDROCK.requests().size();

        Response missing = api.post(PATH, token, body(pair, null));
        Response hostile = api.post(PATH, token, body(pair, "us-east-1.attacker.example#"));
        // a region names a host (bedrock-runtime.REGION.amazonaws.com): nothing but an AWS region name gets through
        for (String bad : new String[] {"../../x", "169.254.169.254", "us-east-1/", "US-EAST-1",
                "us\u2010east-1", "x".repeat(33), "us-east-1\u0000", "localhost:8080"}) {
            Response r = api.post(PATH, token, body(pair, bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.text("code")).as(bad).isIn("invalid_region", "validation_failed", "invalid_text");
        }
        Map<String, Object> openAi = new HashMap<>(Map.of("provider", "openai", "api_key", "sk-" + UUID.randomUUID(),
                "region", "us-east-1"));
        Response notBedrock = api.post(PATH, token, openAi);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("code")).isEqualTo("region_required");
        assertThat(hostile.status()).isEqualTo(400);
        assertThat(hostile.text("code")).isEqualTo("invalid_region");
        assertThat(notBedrock.status()).isEqualTo(400);
        assertThat(notBedrock.text("code")).isEqualTo("region_not_allowed");
        assertThat(BEDROCK.requests()).hasSize(before); // refused before any call
        assertThat(api.get(PATH, token).json()).isEmpty();
    }

    @Test
    void malformedKeysAreRefusedWithAdviceAndWithoutQuotingThem() {
        String token = api.newUser();
        String idAlone = accessKeyId();

        Response r = api.post(PATH, token, body(idAlone, FakeBedrock.REGION));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("invalid_key_format");
        assertThat(r.text("detail")).contains("ACCESS_KEY_ID:SECRET_ACCESS_KEY").doesNotContain(idAlone);
    }

    @Test
    void aWrongSecretIsAnInvalidKeyAndNothingIsStored() {
        String token = api.newUser();
        String id = accessKeyId();
        BEDROCK.expectKey(id + ":wJalrXUtnFEMI/K7MDENG/bPxRfiCYRIGHTSECRET");

        Response refused = api.post(PATH, token, body(id + ":wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET",
                FakeBedrock.REGION));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("invalid_key");
        for (String raw : BEDROCK.rawErrorTexts()) {
            assertThat(refused.body()).doesNotContain(raw);
        }
        assertThat(api.get(PATH, token).json()).isEmpty();
    }

    @Test
    void changingTheRegionIsValidatedLiveAndStored() {
        String token = api.newUser();
        String pair = accessKeyId() + ":wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        BEDROCK.expectKey(pair);
        String id = api.post(PATH, token, body(pair, FakeBedrock.REGION)).text("id");
        int before = BEDROCK.requests().size();

        // the fake signs for us-east-1 only: another region's signature is refused, and nothing changes
        Response moved = api.patch(PATH + "/" + id, token, Map.of("region", "eu-central-1"));

        assertThat(moved.status()).as(moved.body()).isEqualTo(422);
        assertThat(BEDROCK.requests()).hasSize(before + 1);
        assertThat(api.get(PATH, token).json().get(0).path("region").asText()).isEqualTo(FakeBedrock.REGION);
    }
}
