package com.byomlab.ratelimit;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Bucket4j's select-for-update algorithm over the {@code rate_limit_buckets} table, in SQL that H2
 * understands (Bucket4j's PostgreSQL manager needs {@code INSERT … ON CONFLICT}, which H2 lacks). Bucket4j
 * drives it: lock the row, or insert an empty one and retry; apply the command; write the state back.
 * The row lock makes it exact for every instance sharing the database.
 *
 * <p>No JDBC query timeout is set on these statements: H2 runs {@code setQueryTimeout} as a {@code SET
 * QUERY_TIMEOUT} command, and any {@code SET} empties the parsed-statement cache of every connection, so
 * every statement of every request was parsed again (docs/benchmarks.md). An embedded database has no network
 * to hang on; the only wait is for the row lock, which H2's lock timeout (2 s by default) bounds.
 */
final class H2SelectForUpdateProxyManager extends AbstractSelectForUpdateBasedProxyManager<String>
        implements ExpiredEntriesCleaner {

    // The row lock is taken by an UPDATE that changes nothing rather than by SELECT … FOR UPDATE: H2 never keeps a
    // FOR UPDATE query in its parsed-statement cache, so it was parsed and planned again on every call. The state is
    // read in the same statement, from the UPDATE's own result (H2's data change delta table).
    private static final String LOCK_AND_GET = "SELECT state FROM FINAL TABLE "
            + "(UPDATE rate_limit_buckets SET expires_at = expires_at WHERE id = ?)";
    private static final String INSERT = "INSERT INTO rate_limit_buckets (id, state) VALUES (?, NULL)";
    private static final String UPDATE = "UPDATE rate_limit_buckets SET state = ?, expires_at = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM rate_limit_buckets WHERE id = ?";
    private static final String DELETE_EXPIRED =
            "DELETE FROM rate_limit_buckets WHERE expires_at < ? FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;
    private final CustomColumnProvider<String> expiresAt;

    H2SelectForUpdateProxyManager(DataSource dataSource, ClientSideConfig config) {
        super(config);
        this.dataSource = dataSource;
        this.expiresAt = CustomColumnProvider.createExpiresInColumnProvider("expires_at",
                config.getExpirationAfterWriteStrategy().orElseThrow(() ->
                        new IllegalArgumentException("an expiration strategy is required: rows must not grow forever")));
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        try {
            return new RowLockTransaction(dataSource.getConnection(), key);
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @Override
    public void removeProxy(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    public int removeExpired(int batchSize) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED)) {
            delete.setLong(1, System.currentTimeMillis()); // expires_at is wall-clock millis, as Bucket4j writes it
            delete.setInt(2, batchSize);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    private final class RowLockTransaction implements SelectForUpdateBasedTransaction {

        private final Connection connection;
        private final String key;

        RowLockTransaction(Connection connection, String key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            run(() -> connection.setAutoCommit(false));
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            try (PreparedStatement lockAndGet = connection.prepareStatement(LOCK_AND_GET)) {
                lockAndGet.setString(1, key);
                try (ResultSet row = lockAndGet.executeQuery()) {
                    return row.next() ? LockAndGetResult.locked(row.getBytes("state")) : LockAndGetResult.notLocked();
                }
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        /** False when another transaction inserted the row first; Bucket4j then retries and locks it. */
        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, key);
                return insert.executeUpdate() > 0;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // integrity: duplicate key
                    return false;
                }
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void update(byte[] data, RemoteBucketState state, Optional<Long> timeoutNanos) {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setBytes(1, data);
                expiresAt.setCustomField(key, 2, update, state, currentTimeNanos());
                update.setString(3, key);
                update.executeUpdate();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            run(connection::commit);
        }

        @Override
        public void rollback() {
            run(connection::rollback);
        }

        @Override
        public void release() {
            run(connection::close);
        }

        private void run(SqlAction action) {
            try {
                action.run();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
