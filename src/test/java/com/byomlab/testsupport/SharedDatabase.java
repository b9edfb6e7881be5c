package com.byomlab.testsupport;

import org.h2.tools.Server;

import java.sql.SQLException;

/**
 * A database several instances of the service can share, of the kind the test run uses: the
 * PostgreSQL of the 'postgres' profile (its URL is in the system properties), or else an H2 database
 * served over TCP by this JVM, since an in-memory H2 is private to one process.
 */
public final class SharedDatabase implements AutoCloseable {

    private final Server h2;
    private final String url;
    private final String user;
    private final String password;

    private SharedDatabase(Server h2, String url, String user, String password) {
        this.h2 = h2;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static SharedDatabase start(String name) {
        String configured = System.getProperty("spring.datasource.url", "");
        if (configured.startsWith("jdbc:postgresql:")) {
            return new SharedDatabase(null, configured, System.getProperty("spring.datasource.username", "postgres"),
                    System.getProperty("spring.datasource.password", ""));
        }
        try {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            return new SharedDatabase(server, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException("could not start an H2 TCP server", e);
        }
    }

    public String url() {
        return url;
    }

    /** The same database reached through another host and port (e.g. a proxy that can cut the line). */
    public String urlVia(String host, int port) {
        return url.replaceFirst("//[^/]+/", "//" + host + ":" + port + "/");
    }

    public String host() {
        return url.replaceFirst("^[^/]*//([^:/]+).*$", "$1");
    }

    public int port() {
        return Integer.parseInt(url.replaceFirst("^[^/]*//[^:/]+:(\\d+)/.*$", "$1"));
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        if (h2 != null) {
            h2.stop();
        }
    }
}
