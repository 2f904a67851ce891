package dev.kassa.platform.db;

/**
 * A row lock taken with NOWAIT was held by another transaction (SQLSTATE 55P03). Services turn it into the
 * domain's answer, such as 409 CheckoutLocked.
 */
public final class LockNotAvailable extends RuntimeException {

    public static final String SQL_STATE = "55P03";

    public LockNotAvailable(Throwable cause) {
        super("row is locked by another transaction", cause);
    }

    /** Whether a failure anywhere in this chain is PostgreSQL's lock_not_available. */
    public static boolean isLockNotAvailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
