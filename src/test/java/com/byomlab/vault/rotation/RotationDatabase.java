package com.byomlab.vault.rotation;

import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database that a test and the service processes it starts use in turn: an H2 file in a temporary
 * directory, or, when the suite runs on PostgreSQL (-Ppostgres), a schema of its own next to the suite's.
 */
final class RotationDatabase {

    private final String url;
    private final String user;
    private final String password;
    private final String schema; // PostgreSQL only

    private RotationDatabase(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** A fresh, migrated database. */
    static RotationDatabase fresh(Path dir) throws SQLException {
        String suiteUrl = System.getProperty("spring.datasource.url", "");
        RotationDatabase db;
        if (suiteUrl.startsWith("jdbc:postgresql:")) {
            String schema = System.getProperty("spring.flyway.schemas", "byom_ci") + "_keyrot";
            int query = suiteUrl.indexOf('?');
            String base = query < 0 ? suiteUrl : suiteUrl.substring(0, query);
            db = new RotationDatabase(base + "?currentSchema=" + schema,
                    System.getProperty("spring.datasource.username", "postgres"),
                    System.getProperty("spring.datasource.password", ""), schema);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } else {
            db = new RotationDatabase("jdbc:h2:file:" + dir.resolve("byom").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", null);
        }
        var flyway = Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration");
        if (db.schema != null) {
            flyway.schemas(db.schema);
        }
        flyway.load().migrate();
        return db;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The service's command-line arguments that point it here. */
    List<String> serviceArguments() {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
        if (schema != null) {
            args.add("--spring.flyway.schemas=" + schema);
        }
        return args;
    }
}
