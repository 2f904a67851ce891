package dev.kassa.checkout;

/** Polar's checkout states. Only {@code open} checkouts can be updated or confirmed. */
public enum CheckoutStatus {
    OPEN, EXPIRED, CONFIRMED, SUCCEEDED, FAILED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static CheckoutStatus fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}
