package dev.kassa.refund;

/**
 * Polar's {@code RefundStatus}. Only {@code succeeded} refunds count in the order's refunded amounts; {@code pending}
 * ones reserve theirs; {@code failed} and {@code canceled} are final and count for nothing.
 */
public enum RefundStatus {
    PENDING, SUCCEEDED, FAILED, CANCELED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static RefundStatus fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }

    public boolean isFinal() {
        return this == FAILED || this == CANCELED;
    }

    /**
     * Stripe's refund status as Polar maps it: {@code requires_action} is still pending; anything unknown is
     * pending too (it is looked at again).
     */
    static RefundStatus fromStripe(String status) {
        return switch (status == null ? "" : status) {
            case "succeeded" -> SUCCEEDED;
            case "failed" -> FAILED;
            case "canceled" -> CANCELED;
            default -> PENDING;
        };
    }

    /**
     * Whether a refund in this status may move to {@code next}: pending may become anything, succeeded may still
     * fail or be canceled at Stripe (the money did not reach the buyer), final stays final. So a stale or repeated
     * event can never move a refund back.
     */
    boolean mayBecome(RefundStatus next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case SUCCEEDED -> next.isFinal();
            case FAILED, CANCELED -> false;
        };
    }
}
