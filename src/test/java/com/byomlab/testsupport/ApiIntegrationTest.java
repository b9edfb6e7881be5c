package com.byomlab.testsupport;

import com.byomlab.testsupport.fakes.FakeAnthropic;
import com.byomlab.testsupport.fakes.FakeAzureOpenAi;
import com.byomlab.testsupport.fakes.FakeBedrock;
import com.byomlab.testsupport.fakes.FakeGemini;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.usage.UsageMeter;
import com.byomlab.audit.AuditLog;
import com.byomlab.ratelimit.MemoryBuckets;
import org.springframework.context.ApplicationContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;

/**
 * The running service, talking to one local fake of each provider. The fakes live for the whole test
 * JVM (so every test class shares one Spring context); each test resets what they expect.
 * OpenAI, Anthropic, Gemini, AWS Bedrock and the Groq and OpenRouter presets are reached through the operator overrides
 * ({@code byom.providers.<id>.base-url}); Azure and the OpenAI-compatible server through user-supplied base URLs,
 * hence private endpoints allowed here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiIntegrationTest {

    protected static final FakeOpenAi OPENAI = FakeOpenAi.start("unset");
    protected static final FakeAnthropic ANTHROPIC = FakeAnthropic.start("unset");
    protected static final FakeGemini GEMINI = FakeGemini.start("unset");
    protected static final FakeAzureOpenAi AZURE = FakeAzureOpenAi.start("unset");
    protected static final FakeOpenAi COMPATIBLE = FakeOpenAi.compatible("unset", "/api/v1");
    /** Presets: Groq's API root is /openai/v1; OpenRouter's models list is public and GET /key proves a key. */
    protected static final FakeOpenAi GROQ = FakeOpenAi.compatible("unset", "/openai/v1");
    protected static final FakeOpenAi OPENROUTER = FakeOpenAi.openRouter("unset");
    /** AWS Bedrock (runtime and control plane) through the operator override; credentials in FakeBedrock.REGION. */
    protected static final FakeBedrock BEDROCK = FakeBedrock.start("unset");
    /** The operator's system default: OpenAI (the fake, through the operator override) with this key and model. */
    protected static final String SYSTEM_KEY = "sk-operator-system-default-key";
    protected static final String SYSTEM_MODEL = "gpt-4o-mini";
    protected static final int MAX_ITERATIONS = 6;
    /** Round test prices, so that expected costs can be worked out by hand. */
    protected static final Path TEST_PRICES = Path.of("src", "test", "resources", "usage", "test-prices.json");
    /** The operator's alert webhook. */
    protected static final WebhookSink WEBHOOK = new WebhookSink();
    /** The operator's OpenTelemetry collector: the service exports its traces and metrics here over OTLP/HTTP. */
    protected static final OtlpReceiver OTLP = OtlpReceiver.start();

    static {
        // the standard variables, as an operator sets them (system properties stand in for the environment: the
        // service reads both, before its context starts, see telemetry.OtlpEnvironment)
        System.setProperty("OTEL_EXPORTER_OTLP_ENDPOINT", OTLP.endpoint());
        System.setProperty("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    }
    private static final List<FakeProviderServer> ALL = List.of(OPENAI, ANTHROPIC, GEMINI, AZURE, COMPATIBLE, GROQ,
            OPENROUTER, BEDROCK);

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("byom.providers.openai.base-url", OPENAI::baseUrl);
        registry.add("byom.providers.anthropic.base-url", ANTHROPIC::baseUrl);
        registry.add("byom.providers.google.base-url", GEMINI::baseUrl);
        registry.add("byom.providers.groq.base-url", GROQ::baseUrl);
        registry.add("byom.providers.openrouter.base-url", OPENROUTER::baseUrl);
        registry.add("byom.providers.bedrock.base-url", BEDROCK::baseUrl);
        registry.add("byom.security.allow-private-endpoints", () -> "true");
        registry.add("byom.system-default.provider", () -> "openai");
        registry.add("byom.system-default.model", () -> SYSTEM_MODEL);
        registry.add("byom.system-default.api-key", () -> SYSTEM_KEY);
        registry.add("byom.agent.max-iterations", () -> Integer.toString(MAX_ITERATIONS));
        registry.add("byom.llm.call-timeout", () -> "3s");
        registry.add("byom.llm.retry.initial-backoff", () -> "10ms");
        registry.add("byom.usage.price-file", () -> TEST_PRICES.toAbsolutePath().toString());
        registry.add("byom.usage.alert-webhook-url", WEBHOOK::url);
        // metrics are pushed every second here (every minute by default), so a test sees its calls' figures soon
        registry.add("management.otlp.metrics.export.step", () -> "1s");
    }

    @LocalServerPort
    protected int port;
    /** The service's database; usage and audit rows still held by the service are stored before each statement. */
    protected JdbcTemplate jdbc;
    protected ApiClient api;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private UsageMeter usageMeter;
    @Autowired
    private AuditLog auditLog;
    @Autowired
    private ApplicationContext context;

    @BeforeEach
    void freshClientAndFakes() {
        jdbc = new JdbcTemplate(new RecordsFirstDataSource(dataSource, () -> {
            usageMeter.flush();
            auditLog.flush();
        }));
        api = new ApiClient(port);
        for (FakeProviderServer fake : ALL) {
            fake.reset();
        }
    }

    /**
     * Forgets the rate-limit buckets whose key starts with {@code prefix} (e.g. {@code "login-per-address:"}), in
     * the database or in memory, wherever the service keeps them.
     */
    protected void forgetBuckets(String prefix) {
        jdbc.update("DELETE FROM rate_limit_buckets WHERE id LIKE ?", prefix + "%");
        context.getBeansOfType(MemoryBuckets.class).values().forEach(memory -> memory.forget(prefix));
    }

    protected static List<FakeProviderServer> fakes() {
        return ALL;
    }
}
