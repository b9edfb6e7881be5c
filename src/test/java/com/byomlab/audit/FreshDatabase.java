package com.byomlab.audit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of its own for a test that migrates it step by step or hands it to a {@code verify-audit} process:
 * an H2 file in a temporary directory, or, when the suite runs on PostgreSQL (-Ppostgres), a schema of its own next
 * to the suite's. Connections are opened per use and closed, so another process can open the H2 file after.
 */
final class FreshDatabase {

    final String url;
    final String user;
    final String password;
    private final String schema; // PostgreSQL only

    private FreshDatabase(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    static FreshDatabase create(Path dir, String name) throws SQLException {
        String suiteUrl = System.getProperty("spring.datasource.url", "");
        if (suiteUrl.startsWith("jdbc:postgresql:")) {
            String schema = System.getProperty("spring.flyway.schemas", "byom_ci") + "_" + name;
            int query = suiteUrl.indexOf('?');
            String base = query < 0 ? suiteUrl : suiteUrl.substring(0, query);
            FreshDatabase db = new FreshDatabase(base + "?currentSchema=" + schema,
                    System.getProperty("spring.datasource.username", "postgres"),
                    System.getProperty("spring.datasource.password", ""), schema);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            return db;
        }
        return new FreshDatabase("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", null);
    }

    /** Migrates up to and including {@code version}, or to the latest when it is null. */
    void migrate(String version) {
        FluentConfiguration flyway = Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration");
        if (schema != null) {
            flyway.schemas(schema);
        }
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    AuditChain chain() {
        DriverManagerDataSource ds = dataSource();
        return new AuditChain(new org.springframework.jdbc.core.JdbcTemplate(ds), new DataSourceTransactionManager(ds));
    }

    AuditVerifier verifier() {
        DriverManagerDataSource ds = dataSource();
        return new AuditVerifier(JdbcClient.create(ds), new DataSourceTransactionManager(ds));
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

    private DriverManagerDataSource dataSource() {
        return new DriverManagerDataSource(url, user, password);
    }
}
