package dev.kassa.stripe.emulator;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that records the SQL of every statement the calling threads prepare or execute (one entry per
 * round trip a statement makes): what a store sends to the database, for tests that pin how much that is. Only
 * statements of the thread that called {@link #record} are kept, so background threads (webhook polls) do not count.
 */
final class CountingDataSource {

    private final DataSource target;
    private final List<String> statements = new ArrayList<>();
    private volatile Thread recording;

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Starts recording (anew) the statements of the calling thread. */
    synchronized void record() {
        statements.clear();
        recording = Thread.currentThread();
    }

    synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    private synchronized void add(String sql) {
        if (Thread.currentThread() == recording) {
            statements.add(sql.replaceAll("\\s+", " ").trim());
        }
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")) {
                        add((String) args[0]);
                    } else if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                        add(method.getName().toUpperCase(java.util.Locale.ROOT));
                    }
                    Object result = invoke(c, method, args);
                    return method.getName().equals("createStatement") ? statement((Statement) result) : result;
                });
    }

    private Statement statement(Statement s) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                add(sql);
            }
            return invoke(s, method, args);
        };
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
