package com.byomlab.keyring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside demo/dev mode the service refuses to start without a usable master key, and says how to make one. */
class MasterKeyStartupTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MasterKeyConfiguration.class);

    @Test
    void missingKeyStopsStartUpWithInstructions() {
        context.run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(MasterKeyMissingException.class)
                    .hasMessageContaining("ENCRYPTION_KEY is not set").hasMessageContaining("openssl rand -base64 32");
        });
    }

    @Test
    void malformedKeyStopsStartUp() {
        context.withPropertyValues("ENCRYPTION_KEY=not-base64!").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("not valid base64"));
        context.withPropertyValues("ENCRYPTION_KEY=c2hvcnQ=").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("exactly 32 bytes"));
        context.withPropertyValues("ENCRYPTION_KEY=" + key(), "ENCRYPTION_OLD_KEYS=" + key() + ",broken").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("ENCRYPTION_OLD_KEYS entry 2"));
    }

    @Test
    void errorMessagesNeverEchoTheKey() {
        String almostKey = java.util.Base64.getEncoder().encodeToString(new byte[31]);
        context.withPropertyValues("ENCRYPTION_KEY=" + almostKey).run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().message().doesNotContain(almostKey));
    }

    @Test
    void validKeyAndFormerKeysFormOneRing() {
        context.withPropertyValues("ENCRYPTION_KEY=" + key(), "ENCRYPTION_OLD_KEYS=" + key() + ", " + key())
                .run(ctx -> assertThat(ctx.getBean(MasterKeyRing.class).keyIds()).hasSize(3));
    }

    private static String key() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        return java.util.Base64.getEncoder().encodeToString(k);
    }
}
