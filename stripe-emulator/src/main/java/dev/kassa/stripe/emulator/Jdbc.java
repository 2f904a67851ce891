package dev.kassa.stripe.emulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The JDBC plumbing of {@link JdbcEmulatorStore}: statements with their arguments, commits and rollbacks. */
final class Jdbc {

    private Jdbc() {
    }

    /** What runs on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static <T> T committed(Connection c, Work<T> work) throws SQLException {
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Rolls back after a failure; a failure of the rollback itself does not hide the first one. */
    static void rollBack(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is closed next; the first failure is the one to report
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static java.sql.Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(String[]::new));
    }
}
