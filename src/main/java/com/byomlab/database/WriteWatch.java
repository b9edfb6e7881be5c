package com.byomlab.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which SQL may change a row that {@link CachedRows} keeps, and the count of such changes in this JVM (every
 * {@link WatchedDataSource} of it: several application contexts on one in-memory database count together). A kept row
 * is served only while the count is the one read before the row was read, so any change, made anywhere through a
 * watched connection, makes every kept row be read again. It errs on the side of counting: every statement counts
 * except a plain {@code SELECT} and an {@code INSERT}/{@code UPDATE}/{@code DELETE}/{@code MERGE} that names none of
 * the {@link #TABLES} (DDL, {@code TRUNCATE}, scripts, several statements in one, anything else count).
 */
final class WriteWatch {

    /**
     * The tables whose rows are kept, and those whose deletion cascades into them (users: everything of the account;
     * user_llm_credentials: the tokens bound to a credential). A name found anywhere in the text counts.
     */
    static final String[] TABLES = {"users", "user_llm_credentials", "personal_access_tokens", "llm_fallback_orders",
            "user_budgets"};

    private static final AtomicLong CHANGES = new AtomicLong();

    private WriteWatch() {
    }

    /** How many possibly changing statements and transactions this JVM has seen. */
    static long changes() {
        return CHANGES.get();
    }

    /** Called before such a statement runs, after it ran, and after its transaction ends. */
    static void changed() {
        CHANGES.incrementAndGet();
    }

    /** Whether this statement may change a kept row (true when in doubt). No allocation: it runs for every statement. */
    static boolean mayChange(String sql) {
        if (sql == null || sql.indexOf(';') >= 0) {
            return true; // several statements in one, or nothing to tell by
        }
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        if (startsWith(sql, start, "select")) {
            return false;
        }
        if (startsWith(sql, start, "insert") || startsWith(sql, start, "update") || startsWith(sql, start, "delete")
                || startsWith(sql, start, "merge")) {
            return namesAKeptTable(sql);
        }
        return true;
    }

    private static boolean namesAKeptTable(String sql) {
        for (String table : TABLES) {
            for (int i = 0, last = sql.length() - table.length(); i <= last; i++) {
                if (sql.regionMatches(true, i, table, 0, table.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(String sql, int at, String word) {
        return sql.regionMatches(true, at, word, 0, word.length());
    }

    /**
     * A statement that counts a change after each of its executions; for a plain {@link Statement} (whose SQL comes
     * with each execution) only once an execution or batch may change a kept row. Rare (writes to the kept tables,
     * and plain statements), so a dynamic proxy will do.
     */
    static <T extends Statement> T watched(Class<T> type, T statement, WatchedConnection connection, boolean changes) {
        boolean[] writes = {changes};
        return type.cast(Proxy.newProxyInstance(WriteWatch.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("getConnection")) {
                        return connection;
                    }
                    boolean runs = name.startsWith("execute");
                    if ((runs || name.equals("addBatch")) && args != null && args.length > 0
                            && args[0] instanceof String sql && mayChange(sql)) {
                        writes[0] = true;
                    }
                    if (runs && writes[0]) {
                        connection.willChange();
                    }
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (runs && writes[0]) {
                            changed(); // committed already in auto-commit mode
                        }
                    }
                }));
    }

    /** An updatable result set writes through a SELECT. */
    static boolean updatable(int concurrency) {
        return concurrency == ResultSet.CONCUR_UPDATABLE;
    }
}
