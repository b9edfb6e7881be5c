package com.byomlab.testsupport;

import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's datasource for a test's own SQL, which stores the usage and audit rows the service still holds
 * (written behind, within 100 ms: docs/operations.md) before each statement that opens a connection: a test reads
 * what the requests it made recorded, without waiting. Inside a transaction it joins the service's connection
 * (it passes for the datasource it wraps), and nothing is flushed there.
 */
final class RecordsFirstDataSource extends DelegatingDataSource implements InfrastructureProxy {

    private final Runnable flush;

    RecordsFirstDataSource(DataSource target, Runnable flush) {
        super(target);
        this.flush = flush;
    }

    @Override
    public Connection getConnection() throws SQLException {
        flush.run();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        flush.run();
        return super.getConnection(username, password);
    }

    @Override
    public Object getWrappedObject() {
        return obtainTargetDataSource();
    }
}
