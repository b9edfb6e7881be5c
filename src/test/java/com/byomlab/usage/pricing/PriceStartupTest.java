package com.byomlab.usage.pricing;

import static com.byomlab.usage.pricing.PriceTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.byomlab.llm.Provider;
import com.byomlab.usage.CostCalculator;
import com.byomlab.usage.PriceFileException;
import com.byomlab.usage.PriceTable;
import com.byomlab.usage.internal.pricing.PricingConfiguration;

/** Start-up refuses a bad or missing byom.usage.price-file and starts with a good one. */
@ExtendWith(OutputCaptureExtension.class)
class PriceStartupTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PricingConfiguration.class);

    private Path good() {
        return write(dir, "good.json",
                "{\"as_of\": \"2026-12-01\", \"models\": [",
                "  {\"provider\": \"openai\", \"model\": \"gpt-4o\", \"input_per_mtok\": \"2.00\", \"output_per_mtok\": \"8.00\"}",
                "]}");
    }

    private Path bad() {
        return write(dir, "bad.json",
                "{\"models\": [",
                "  {\"provider\": \"openai\", \"model\": \"gpt-4o\",",
                "   \"input_per_mtok\": \"-2.00\", \"output_per_mtok\": \"8.00\"}",
                "]}");
    }

    @Test
    void startsWithTheBundledTable() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PriceTable.class).hasSingleBean(CostCalculator.class);
            assertThat(context.getBean(PriceTable.class).overrideFile()).isEmpty();
        });
    }

    @Test
    void startsWithAGoodOverride() {
        Path good = good();
        runner.withPropertyValues("byom.usage.price-file=" + good).run(context -> {
            assertThat(context).hasNotFailed();
            PriceTable table = context.getBean(PriceTable.class);
            assertThat(table.find(Provider.OPENAI, "gpt-4o").orElseThrow().inputPerMTok()).isEqualByComparingTo("2.00");
            assertThat(table.asOf()).isEqualTo("2026-12-01");
        });
    }

    @Test
    void refusesToStartWithABadOverride() {
        Path bad = bad();
        runner.withPropertyValues("byom.usage.price-file=" + bad).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(PriceFileException.class)
                    .hasMessageContaining(bad + ", line 3").hasMessageContaining("must not be negative");
        });
    }

    @Test
    void refusesToStartWhenTheNamedFileIsMissing() {
        runner.withPropertyValues("byom.usage.price-file=" + dir.resolve("missing.json")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(PriceFileException.class)
                    .hasMessageContaining("missing.json").hasMessageContaining("file not found");
        });
    }

    @Test
    void theFailureReportSaysWhatIsWrongAndWhatToDo(CapturedOutput output) {
        SpringApplication app = new SpringApplication(PricingConfiguration.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("byom.usage.price-file", bad().toString(), "spring.main.banner-mode", "off"));
        assertThatThrownBy(app::run).rootCause().isInstanceOf(PriceFileException.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("bad.json, line 3: models[0] (gpt-4o): input_per_mtok must not be negative")
                .contains("Action:")
                .contains("point byom.usage.price-file");
    }
}
