package dev.kassa.platform.db;

import java.sql.SQLException;

/** PostgreSQL's SQLSTATE codes Kassa answers specially, and how to find one in a failure's chain of causes. */
public final class SqlStates {

    /** A lock not granted: {@code NOWAIT} found it held, or {@code lock_timeout} passed while waiting for it. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** A statement canceled: {@code statement_timeout} passed, or an operator canceled it. */
    public static final String QUERY_CANCELED = "57014";
    /** PostgreSQL broke a lock cycle by aborting this transaction; nothing it did was kept. */
    public static final String DEADLOCK_DETECTED = "40P01";

    /** Class 22, a data exception: a value the statement could not take (out of range, bad encoding, bad text). */
    public static final String DATA_EXCEPTION_CLASS = "22";

    private SqlStates() {
    }

    /** Whether an {@link SQLException} anywhere in this chain has a SQLSTATE of {@code sqlStateClass} (two chars). */
    public static boolean hasClass(Throwable failure, String sqlStateClass) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(sqlStateClass)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@link SQLException} anywhere in this chain has {@code sqlState}. */
    public static boolean has(Throwable failure, String sqlState) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
