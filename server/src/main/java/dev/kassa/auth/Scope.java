package dev.kassa.auth;

import java.util.Arrays;
import java.util.Optional;

/** Token scopes, with Polar's names on the wire. */
public enum Scope {
    PRODUCTS_READ("products:read"),
    PRODUCTS_WRITE("products:write"),
    DISCOUNTS_READ("discounts:read"),
    DISCOUNTS_WRITE("discounts:write"),
    CUSTOM_FIELDS_READ("custom_fields:read"),
    CUSTOM_FIELDS_WRITE("custom_fields:write"),
    CHECKOUTS_READ("checkouts:read"),
    CHECKOUTS_WRITE("checkouts:write"),
    CHECKOUT_LINKS_READ("checkout_links:read"),
    CHECKOUT_LINKS_WRITE("checkout_links:write"),
    ORDERS_READ("orders:read"),
    ORDERS_WRITE("orders:write"),
    SUBSCRIPTIONS_READ("subscriptions:read"),
    SUBSCRIPTIONS_WRITE("subscriptions:write"),
    CUSTOMERS_READ("customers:read"),
    CUSTOMERS_WRITE("customers:write"),
    CUSTOMER_SESSIONS_WRITE("customer_sessions:write"),
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_WRITE("webhooks:write"),
    REFUNDS_READ("refunds:read"),
    REFUNDS_WRITE("refunds:write");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
