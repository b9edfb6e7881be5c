package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Codex CLI (npm {@code @openai/codex}, pinned in src/test/node/codex-cli; its package ships the native
 * binary) pointed at the gateway with a custom model provider ({@code wire_api = "responses"}, the token in an
 * environment variable), completing a task with a tool round trip: the fake upstream first answers with a call of
 * Codex's shell tool, Codex runs the command for real (it writes a file in a temporary work folder), sends the
 * call's output back, and the upstream's final text is what Codex prints. On an OpenAI credential (passed through
 * to the fake OpenAI's own Responses API) and on an Anthropic one (translated); Codex gets a temporary CODEX_HOME and HOME and reaches nothing but the gateway.
 */
class GatewayCodexCliTest extends ApiIntegrationTest {

    static final Path CLI = Path.of("src", "test", "node", "codex-cli");
    static final String SHELL_TOOL = "exec_command";

    @BeforeAll
    static void installCli() throws Exception {
        if (Files.isDirectory(CLI.resolve("node_modules").resolve("@openai").resolve("codex"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CLI.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + CLI + " (needs node and npm on PATH)").isZero();
    }

    static Stream<Upstream> upstreams() {
        return Stream.of(Upstream.openAi(OPENAI), Upstream.anthropic(ANTHROPIC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void codexRunsTheShellToolTheUpstreamAskedForAndFinishesWithItsAnswer(Upstream up) throws Exception {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, up);
        String token = GatewayFixtures.secret(api, login, credential);
        Path work = Files.createTempDirectory("codex-work-");
        // not under /tmp, where Codex refuses to put its helper commands (apply_patch) and warns
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "codex-home-");
        String arguments = "{\"cmd\":\"echo codex-was-here > proof.txt && echo written\"}";
        up.fake().chat().enqueue(usage(ChatReply.toolCall(SHELL_TOOL, arguments)),
                usage(ChatReply.text("I wrote proof.txt for you.")));
        try {
            Run run = codex(token, up.model(), work, home, "Write the words codex-was-here into proof.txt.");

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("I wrote proof.txt for you.");
            assertThat(work.resolve("proof.txt")).as("Codex ran the command").exists();
            assertThat(Files.readString(work.resolve("proof.txt")).strip()).isEqualTo("codex-was-here");
            assertThat(run.output()).doesNotContain(token).doesNotContain(up.key());

            List<ChatRequestSeen> requests = up.fake().chat().requests();
            assertThat(requests).as("the call, then its output sent back").hasSize(2);
            assertThat(requests.get(0).toolNames()).as("Codex's tools reached the provider").contains(SHELL_TOOL);
            assertThat(requests.get(0).authKey()).isEqualTo(up.key());
            assertThat(requests.get(0).stream()).as("Codex streams").isTrue();
            assertThat(requests.get(0).raw().path()).as("OpenAI's own Responses API; translated for Anthropic")
                    .isEqualTo(up.provider().equals("openai") ? "/v1/responses" : "/v1/messages");
            ChatRequestSeen second = requests.get(1);
            ChatRequestSeen.ToolCallSeen call = second.messages().stream()
                    .filter(m -> m.role().equals("assistant") && !m.toolCalls().isEmpty())
                    .findFirst().orElseThrow().toolCalls().get(0);
            assertThat(call.name()).isEqualTo(SHELL_TOOL);
            ChatRequestSeen.Message result = second.toolResults().get(0);
            assertThat(result.toolCallId()).as("the output answers the call, by id").isEqualTo(call.id());
            assertThat(result.text()).contains("written");
            assertMetered(credential, up, 2);
        } finally {
            delete(work);
            delete(home);
        }
    }

    record Run(int exit, String output) {
    }

    private Run codex(String token, String model, Path work, Path home, String prompt) throws Exception {
        File output = File.createTempFile("codex-", ".log");
        try {
            String provider = "model_providers.byom={name=\"byom\",base_url=\"http://127.0.0.1:" + port + "/v1\","
                    + "env_key=\"BYOM_TOKEN\",wire_api=\"responses\",request_max_retries=0,stream_max_retries=0}";
            List<String> command = new ArrayList<>(List.of("node",
                    CLI.resolve("node_modules/@openai/codex/bin/codex.js").toAbsolutePath().toString(),
                    "exec", "--skip-git-repo-check", "--color", "never",
                    "--dangerously-bypass-approvals-and-sandbox", // the container has no sandbox to offer
                    "-C", work.toString(), "-m", model,
                    "-c", "model_provider=byom", "-c", provider,
                    // nothing but the gateway: no update check, analytics or plugin sync (each looked up a host)
                    "-c", "check_for_update_on_startup=false", "-c", "analytics.enabled=false",
                    "-c", "features.plugins=false", prompt));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(output).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("CODEX_"));
            env.put("CODEX_HOME", home.toString());
            env.put("HOME", home.toString());
            env.put("BYOM_TOKEN", token);
            env.put("NO_COLOR", "1");
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("codex did not finish: " + Files.readString(output.toPath()));
            }
            return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private static ChatReply usage(ChatReply reply) {
        return reply.usage(Upstream.IN, Upstream.OUT).cached(Upstream.CACHED).reasoning(Upstream.REASONING);
    }

    private void assertMetered(String credential, Upstream up, int calls) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? "
                + "ORDER BY id", UUID.fromString(credential));
        assertThat(rows).hasSize(calls);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("purpose")).isEqualTo("gateway");
            assertThat(row.get("model")).isEqualTo(up.model());
            assertThat(row.get("outcome")).isEqualTo("ok");
            assertThat(row.get("input_tokens")).isEqualTo(Upstream.IN);
            assertThat(row.get("output_tokens")).isEqualTo(Upstream.OUT);
            assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(up.costPerCall());
        }
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
