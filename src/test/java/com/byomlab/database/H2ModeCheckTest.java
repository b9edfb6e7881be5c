package com.byomlab.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The H2 mode is read from the database, so PostgreSQL mode counts however it was set. */
class H2ModeCheckTest {

    @Test
    void postgreSqlModeSetAnyWayPasses() throws Exception {
        for (String settings : new String[] {";MODE=PostgreSQL", ";mode=postgresql;DATABASE_TO_LOWER=TRUE",
                ";INIT=SET MODE PostgreSQL"}) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:mode-" + UUID.randomUUID() + settings)) {
                assertThatCode(() -> H2ModeCheck.check(c)).as(settings).doesNotThrowAnyException();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:mode-" + UUID.randomUUID() + ";MODE=MySQL")) {
            assertThatThrownBy(() -> H2ModeCheck.check(c)).isInstanceOf(H2ModeMissingException.class)
                    .hasMessageContaining("mode MySQL");
        }
    }
}
