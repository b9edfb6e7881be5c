package com.byomlab.database;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Before the migrations run (the first SQL at start-up), an H2 database must be in PostgreSQL mode. It asks the
 * database itself rather than reading the URL, so a mode set any way counts (MODE=PostgreSQL in the URL, or in
 * the database's INIT). Without it the service used to start and fail at its first PostgreSQL statement with a bare
 * syntax error. PostgreSQL itself is not touched.
 */
@Component
class H2ModeCheck implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.BEFORE_VALIDATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            check(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the H2 database's mode", e);
        }
    }

    static void check(Connection connection) throws SQLException {
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME = 'MODE'")) {
            String mode = r.next() ? r.getString(1) : "REGULAR";
            if (!"PostgreSQL".equalsIgnoreCase(mode)) {
                throw new H2ModeMissingException(mode);
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "byom-h2-mode-check";
    }
}
