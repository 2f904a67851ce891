package dev.kassa.platform.db;

/**
 * A row lock taken with NOWAIT was held by another transaction (SQLSTATE 55P03). Services turn it into the
 * domain's answer, such as 409 CheckoutLocked.
 */
public final class LockNotAvailable extends RuntimeException {

    public static final String SQL_STATE = SqlStates.LOCK_NOT_AVAILABLE;

    public LockNotAvailable(Throwable cause) {
        super("row is locked by another transaction", cause);
    }

    /** Whether a failure anywhere in this chain is PostgreSQL's lock_not_available. */
    public static boolean isLockNotAvailable(Throwable failure) {
        return SqlStates.has(failure, SQL_STATE);
    }
}
