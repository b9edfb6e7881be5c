package com.byomlab.agent;

import com.byomlab.testsupport.AbuseLimits;
import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static com.byomlab.agent.LabFixtures.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user cannot starve the others (issue 19): a user's sessions beyond {@code byom.agent.max-running-per-user} wait
 * without holding a slot, users take turns for the free slots, and creating sessions is rate limited. Here the pool
 * runs 4 sessions at once, 2 of one user, and a user may create 12 sessions an hour ({@link AbuseLimits}).
 */
@AbuseLimits
class FairSessionsTest extends ApiIntegrationTest {

    @BeforeEach
    void freshSignUpAllowance() {
        forgetBuckets("signups-per-address:");
    }

    @Test
    void aFloodOfSessionsOnAProviderThatNeverAnswersDoesNotHoldBackAnotherUsersSession() {
        String a = api.newUser();
        String key = "local-flood-" + LabFixtures.rand();
        COMPATIBLE.expectKey(key);
        String credential = api.post(LabFixtures.CREDENTIALS, a, Map.of("provider", "openai_compatible", "api_key", key,
                "base_url", COMPATIBLE.baseUrl(), "model_name", "gpt-4o")).text("id");
        CountDownLatch never = new CountDownLatch(1);
        List<String> flood = new ArrayList<>();
        try {
            for (int i = 0; i < AbuseLimits.SESSION_CREATES; i++) {
                COMPATIBLE.chat().enqueue(ChatReply.text("too late").heldUntil(never)); // each call of A's hangs
                Response created = api.post(SESSIONS, a, Map.of("user_goal", "BTC " + i, "llm_credential_id", credential));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                flood.add(created.text("id"));
            }
            LabFixtures.awaitTrue(() -> !COMPATIBLE.chat().requests().isEmpty(), "A's first call");

            String b = api.newUser();
            OPENAI.expectKey(SYSTEM_KEY);
            String theirs = api.post(SESSIONS, b, Map.of("user_goal", "ETH?", "use_system_default", true)).text("id");
            LabFixtures.awaitTrue(() -> !status(b, theirs).equals("pending"), "B's session to start");

            // B's session started while A's flood still waits: B did not queue behind it
            List<String> aNow = api.get(SESSIONS, a).json().findValuesAsString("status");
            assertThat(aNow).as("A's sessions when B's started").contains("pending");
            assertThat(aNow.stream().filter("running"::equals).count()).as("A's sessions running at once")
                    .isLessThanOrEqualTo(AbuseLimits.MAX_RUNNING_PER_USER);
            assertThat(LabFixtures.awaitFinal(api, b, theirs).path("status").asText()).isEqualTo("completed");
        } finally {
            never.countDown();
            flood.forEach(id -> api.post(SESSIONS + "/" + id + "/cancel", a, null));
            flood.forEach(id -> LabFixtures.awaitFinal(api, a, id));
        }
    }

    @Test
    void creatingSessionsIsRateLimitedPerUser() {
        String token = api.newUser();
        OPENAI.expectKey(SYSTEM_KEY);
        List<String> created = new ArrayList<>();
        try {
            for (int i = 1; i <= AbuseLimits.SESSION_CREATES; i++) {
                Response ok = api.post(SESSIONS, token, Map.of("user_goal", "BTC?", "use_system_default", true));
                assertThat(ok.status()).as("session %d: %s", i, ok.body()).isEqualTo(201);
                assertThat(header(ok, "RateLimit-Remaining")).isEqualTo(Integer.toString(AbuseLimits.SESSION_CREATES - i));
                created.add(ok.text("id"));
            }

            Response refused = api.post(SESSIONS, token, Map.of("user_goal", "one more", "use_system_default", true));

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.text("code")).isEqualTo("rate_limited");
            assertThat(refused.text("limit")).isEqualTo("session-creates");
            assertThat(refused.text("detail")).contains("new agent sessions", AbuseLimits.SESSION_CREATES + " per hour");
            assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 3600L);
            assertThat(header(refused, "RateLimit-Policy")).isEqualTo(AbuseLimits.SESSION_CREATES + ";w=3600");
            JsonNode mine = api.get(SESSIONS, token).json();
            assertThat(mine.findValuesAsString("user_goal")).as("nothing was created").doesNotContain("one more")
                    .hasSize(AbuseLimits.SESSION_CREATES);
            // another user is not affected
            assertThat(api.post(SESSIONS, api.newUser(), Map.of("user_goal", "BTC?", "use_system_default", true))
                    .status()).isEqualTo(201);
        } finally {
            created.forEach(id -> LabFixtures.awaitFinal(api, token, id));
        }
    }

    private String status(String token, String id) {
        return api.get(SESSIONS + "/" + id, token).text("status");
    }

    private static String header(Response r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
