package com.byomlab.database;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The pool, with each connection it lends {@link WatchedConnection watched} for changes to the kept rows. */
final class WatchedDataSource extends DelegatingDataSource {

    WatchedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return new WatchedConnection(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return new WatchedConnection(obtainTargetDataSource().getConnection(username, password));
    }
}
