package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeBedrock;
import com.byomlab.testsupport.fakes.RecordedRequest;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * Bedrock with an IAM access key pair: the AWS SDK signs every request (SigV4) and the fake checks the signature with
 * the expected secret, so a call only succeeds when the SDK signed with exactly the stored pair. The secret never
 * travels, and neither the server's own AWS identity nor a Bedrock API key in its environment ever stands in for the
 * user's key.
 */
class BedrockSigV4Test {

    static final String ACCESS_KEY_ID = "AKIAUSERKEY000000001";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYUSERSECRET";
    static final String PAIR = ACCESS_KEY_ID + ":" + SECRET;
    static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

    FakeBedrock fake;
    ProviderHttpClients clients;
    LlmProperties properties;

    @BeforeEach
    void start() {
        fake = FakeBedrock.start(PAIR);
        properties = new LlmProperties(Map.of("bedrock", new LlmProperties.ProviderSettings(fake.baseUrl(), null)),
                new LlmProperties.Security(false), new LlmProperties.Llm(Duration.ofSeconds(5)));
        clients = new ProviderHttpClients(new BaseUrlPolicy(false));
    }

    @AfterEach
    void stop() {
        clients.close();
        fake.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.bearerTokenBedrock");
    }

    ChatTurn send(String key, boolean stream) throws Exception {
        LlmChat chat = new LlmChat(properties, new LlmCallProperties(Duration.ofSeconds(5),
                new LlmCallProperties.Retry(0, Duration.ofMillis(10), Duration.ofSeconds(60))),
                new BaseUrlPolicy(false), clients, wait -> { });
        try (ApiKey apiKey = ApiKey.of(key)) {
            return chat.chat(new ChatCall(ProviderTarget.bedrock(FakeBedrock.REGION), MODEL,
                    List.of(SystemMessage.from("Be brief."), UserMessage.from("BTC?")), List.of(), stream),
                    apiKey, ChatListener.NONE);
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void theSdkSignsWithThePairAndTheSecretNeverTravels(boolean stream) throws Exception {
        fake.chat().enqueue(ChatReply.text("BTC rose 4%.").usage(300, 80));

        ChatTurn turn = send(PAIR, stream);

        assertThat(turn.message().text()).isEqualTo("BTC rose 4%.");
        assertThat(turn.usage().input()).isEqualTo(300);
        RecordedRequest request = fake.lastRequest();
        assertThat(request.header("authorization")).hasValueSatisfying(auth -> assertThat(auth)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/")
                .contains("/" + FakeBedrock.REGION + "/bedrock/aws4_request"));
        assertThat(fake.secretSeenOnTheWire()).isFalse();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aWrongSecretIsAnInvalidKey(boolean stream) {
        LlmCallException e = catchThrowableOfType(LlmCallException.class,
                () -> send(ACCESS_KEY_ID + ":" + SECRET.replace('w', 'v'), stream));

        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(e.error().message() + e.error().hint()).doesNotContain("signature we calculated");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void anUnknownAccessKeyIdIsAnInvalidKey() {
        LlmCallException e = catchThrowableOfType(LlmCallException.class,
                () -> send("AKIAOTHERKEY00000009:" + SECRET, false));

        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_KEY);
    }

    @Test
    void temporaryCredentialsSendTheirSessionToken() throws Exception {
        String temporary = "ASIAUSERKEY000000002:" + SECRET + ":FwoGZXIvYXdzEFAKESESSIONTOKEN";
        fake.expectKey(temporary);

        assertThat(send(temporary, false).message().text()).isEqualTo("done");
        assertThat(fake.lastRequest().header("x-amz-security-token")).hasValue("FwoGZXIvYXdzEFAKESESSIONTOKEN");
    }

    @Test
    void validationListsTheModelsWithASignedRequest() {
        KeyValidator validator = new KeyValidator(properties, new BaseUrlPolicy(false), clients);
        try (ApiKey key = ApiKey.of(PAIR)) {
            ValidationResult result = validator.validate(ProviderTarget.bedrock(FakeBedrock.REGION), key, MODEL);

            assertThat(result.valid()).isTrue();
            assertThat(result.models()).extracting(ModelInfo::id).contains(MODEL);
        }
        assertThat(fake.lastRequest().header("authorization")).hasValueSatisfying(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/"));
        assertThat(fake.secretSeenOnTheWire()).isFalse();
    }

    /**
     * The server's own AWS identity (here its system properties; in production an instance role, env or ~/.aws) must
     * never sign a user's call, nor a Bedrock API key found in its environment be sent for one.
     */
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void theServersOwnAwsIdentityNeverStandsInForTheUsersKey(boolean stream) throws Exception {
        System.setProperty("aws.accessKeyId", "AKIASERVERIDENTITY01");
        System.setProperty("aws.secretAccessKey", "serverSecretThatMustNeverSignAUserCall00");
        System.setProperty("aws.bearerTokenBedrock", "ABSKserverTokenThatMustNeverBeSent0000");
        String apiKey = "ABSKdXNlcnMgb3duIEJlZHJvY2sgQVBJIGtleQ==";
        fake.expectKey(apiKey);

        send(apiKey, stream);
        fake.expectKey(PAIR);
        send(PAIR, stream);

        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.requests().get(0).header("authorization")).hasValue("Bearer " + apiKey);
        assertThat(fake.requests().get(1).header("authorization")).hasValueSatisfying(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/"));
        assertThat(fake.requests().toString()).doesNotContain("AKIASERVERIDENTITY01")
                .doesNotContain("ABSKserverTokenThatMustNeverBeSent0000");
    }
}
