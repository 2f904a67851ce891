package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Jdbc.committed;
import static dev.kassa.stripe.emulator.Jdbc.rollBack;

import dev.kassa.stripe.emulator.Jdbc.Work;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connection each operation of a {@link JdbcEmulatorStore} runs on: the one of the thread's
 * {@link JdbcEmulatorStore#atomically} unit (one transaction, committed with the unit's writes), else a pooled one
 * for that operation alone.
 */
final class JdbcTransactions {

    private final DataSource dataSource;
    private final String schema;
    /** The {@link #atomically} unit this thread runs in, if any. */
    private final ThreadLocal<JdbcUnit> unit = new ThreadLocal<>();

    JdbcTransactions(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** The {@link #atomically} unit this thread runs in, or null. */
    JdbcUnit unit() {
        return unit.get();
    }

    <T> T atomically(java.util.function.Supplier<T> work) {
        if (unit.get() != null) {
            return work.get();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            JdbcUnit u = new JdbcUnit(c, schema);
            unit.set(u);
            boolean committed = false;
            try {
                T result = work.get();
                u.flush();
                c.commit();
                committed = true;
                return result;
            } finally {
                unit.remove();
                if (!committed) {
                    rollBack(c);
                }
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
        }
    }

    /** Before a statement that must see the thread's unit's writes: stores them now (the unit goes on). */
    void flushEarly() {
        JdbcUnit u = unit.get();
        if (u != null) {
            try {
                u.flush();
            } catch (SQLException e) {
                throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs {@code work} on the thread's {@link #atomically} connection (its unit commits), else on a pooled
     * connection; one whose auto-commit is off is committed (or rolled back).
     */
    <T> T withConnection(Work<T> work) {
        JdbcUnit current = unit.get();
        if (current != null) {
            try {
                return work.run(current.connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return c.getAutoCommit() ? work.run(c) : committed(c, work);
        } catch (SQLException e) {
            throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction (the thread's {@link #atomically} unit when there is one). */
    <T> T inTransaction(Work<T> work) {
        if (unit.get() != null) {
            return withConnection(work);
        }
        return withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                return committed(c, work);
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }
}
