package com.byomlab.database;

import com.byomlab.ByomLabApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator's H2 URL without MODE=PostgreSQL (issue 19, item 9) stops start-up before any SQL runs, with a report
 * that says what is wrong and what to add — not a bare syntax error from the first PostgreSQL statement.
 */
@ExtendWith(OutputCaptureExtension.class)
class H2ModeStartupTest {

    @Test
    void anH2UrlWithoutPostgreSqlModeStopsStartUpSayingWhatToAdd(CapturedOutput output) {
        String url = "jdbc:h2:mem:no-mode-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        assertThatThrownBy(() -> SpringApplication.run(ByomLabApplication.class, "--spring.datasource.url=" + url,
                "--server.port=0").close())
                .rootCause().hasMessageContaining("not MODE=PostgreSQL");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("H2 database in mode REGULAR, not MODE=PostgreSQL")
                .contains("Add ;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
                .doesNotContain("Syntax error in SQL statement");
    }
}
