package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Claude Code CLI (npm {@code @anthropic-ai/claude-code}, pinned in src/test/node/claude-code; its package
 * ships the native binary) completes a task through {@code /v1/messages} with a tool round trip: asked what code a
 * file holds, the upstream first answers with a tool_use of Claude Code's own {@code Read} tool, Claude Code reads the
 * file and sends the tool_result, and the upstream's second answer (made from that result) is what the CLI prints.
 * On an Anthropic credential (passed through) and on an OpenAI one (translated). Offline: telemetry and every
 * non-essential request off, HOME in a temporary folder, only the gateway as its API.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClaudeCodeCliTest extends ApiIntegrationTest {

    static final Path CLIENT = Path.of("src", "test", "node", "claude-code");
    static final String MODEL = "claude-sonnet-4-20250514";
    static final String SMALL_MODEL = "claude-3-5-haiku-20241022";
    static final Pattern CODE = Pattern.compile("CODE-[0-9a-f]{8}");

    @BeforeAll
    static void installClient() throws Exception {
        if (Files.exists(binary())) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CLIENT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(npm.waitFor(10, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + CLIENT + " (needs node and npm on PATH)").isZero();
        assertThat(binary()).as("the CLI's native binary, put in place by the package's install").exists();
    }

    /**
     * The native binary of this machine's platform package (an optional dependency of the CLI's package); read from
     * there rather than from the wrapper's bin/, which only the package's install script fills in.
     */
    static Path binary() {
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "x64";
        return CLIENT.resolve("node_modules").resolve("@anthropic-ai").resolve("claude-code-linux-" + arch)
                .resolve("claude");
    }

    static Stream<Upstream> upstreams() {
        return Stream.of(Upstream.anthropic(ANTHROPIC), Upstream.openAi(OPENAI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void completesATaskWithAToolRoundTrip(Upstream up, @TempDir Path work, CapturedOutput logs) throws Exception {
        String login = api.newUser();
        String credentialId = GatewayFixtures.credential(api, login, up);
        String token = GatewayFixtures.secret(api, login, credentialId);
        String code = "CODE-" + UUID.randomUUID().toString().substring(0, 8);
        Path project = Files.createDirectories(work.resolve("project"));
        Path secret = project.resolve("secret.txt");
        Files.writeString(secret, "The code is " + code + "\n");
        String readArgs = "{\"file_path\":\"" + secret.toAbsolutePath() + "\"}";
        up.fake().chat().respondWith(request -> reply(request, readArgs));

        Run run = claude(work, project, token, "What code does secret.txt hold? Read the file and answer with the code.");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stdout()).as("the answer made from the tool's result").contains("The file holds " + code);
        List<ChatRequestSeen> requests = up.fake().chat().requests();
        ChatRequestSeen asked = requests.stream().filter(r -> r.toolNames().contains("Read")
                && r.toolResults().isEmpty()).findFirst().orElseThrow();
        assertThat(asked.model()).isEqualTo(up.model());
        ChatRequestSeen answered = requests.stream().filter(r -> !r.toolResults().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("Claude Code never sent the tool's result: " + run));
        ChatRequestSeen.Message toolUse = answered.messages().stream().filter(m -> !m.toolCalls().isEmpty())
                .findFirst().orElseThrow();
        assertThat(toolUse.toolCalls().get(0).name()).isEqualTo("Read");
        assertThat(answered.toolResults().get(0).toolCallId()).isEqualTo(toolUse.toolCalls().get(0).id());
        assertThat(answered.toolResults().get(0).text()).contains(code);
        assertThat(answered.authKey()).isEqualTo(up.key());

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ?",
                UUID.fromString(credentialId));
        assertThat(rows).as("every upstream call metered").hasSize(requests.size());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("ok");
            assertThat(row.get("usage_reported")).isEqualTo(true);
            assertThat(row.get("input_tokens")).isEqualTo(Upstream.IN);
            assertThat(row.get("output_tokens")).isEqualTo(Upstream.OUT);
        });
        assertThat(run.stdout() + run.stderr() + logs.getAll()).doesNotContain(up.key());
    }

    /**
     * The scripted upstream: a request that offers Claude Code's Read tool and carries no tool result yet gets a
     * tool_use of Read on the file; one that carries the tool's result gets the code read from it; Claude Code's side
     * requests (titles, summaries) get a short text.
     */
    private static ChatReply reply(ChatRequestSeen request, String readArgs) {
        ChatReply reply;
        if (!request.toolResults().isEmpty()) {
            Matcher found = CODE.matcher(request.toolResults().get(request.toolResults().size() - 1).text());
            reply = ChatReply.text(found.find() ? "The file holds " + found.group() + "." : "I could not read it.");
        } else if (request.toolNames().contains("Read")) {
            reply = ChatReply.toolCall("Read", readArgs);
        } else {
            reply = ChatReply.text("Reading a file");
        }
        return GatewayAnthropicSdkTest.usage(reply);
    }

    record Run(int exit, String stdout, String stderr) {
    }

    private Run claude(Path work, Path project, String token, String prompt) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        File out = work.resolve("stdout.txt").toFile();
        File err = work.resolve("stderr.txt").toFile();
        ProcessBuilder cli = new ProcessBuilder(binary().toAbsolutePath().toString(), "-p", prompt,
                "--model", MODEL, "--output-format", "text")
                .directory(project.toFile()).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = cli.environment();
        env.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE")
                || name.startsWith("AWS_") || name.startsWith("OPENAI_"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("ANTHROPIC_AUTH_TOKEN", token);
        env.put("ANTHROPIC_SMALL_FAST_MODEL", SMALL_MODEL);
        env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", SMALL_MODEL);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_BUG_COMMAND", "1");
        env.put("CLAUDE_CODE_DISABLE_TERMINAL_TITLE", "1");
        env.put("NO_COLOR", "1");
        Process process = cli.start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        Run run = new Run(done ? process.exitValue() : -1, Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
        assertThat(done).as("claude finished: " + run).isTrue();
        return run;
    }
}
