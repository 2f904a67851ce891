package dev.kassa.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Polar's {@code WebhookEventType}: every name an endpoint may subscribe to. Kassa emits the checkout, customer,
 * order and subscription events its domains produce; an endpoint may still list the others (later issues add them).
 */
public enum WebhookEventType {
    CHECKOUT_CREATED("checkout.created"),
    CHECKOUT_UPDATED("checkout.updated"),
    CHECKOUT_EXPIRED("checkout.expired"),
    CUSTOMER_CREATED("customer.created"),
    CUSTOMER_UPDATED("customer.updated"),
    CUSTOMER_DELETED("customer.deleted"),
    CUSTOMER_STATE_CHANGED("customer.state_changed"),
    CUSTOMER_SEAT_ASSIGNED("customer_seat.assigned"),
    CUSTOMER_SEAT_CLAIMED("customer_seat.claimed"),
    CUSTOMER_SEAT_REVOKED("customer_seat.revoked"),
    MEMBER_CREATED("member.created"),
    MEMBER_UPDATED("member.updated"),
    MEMBER_DELETED("member.deleted"),
    ORDER_CREATED("order.created"),
    ORDER_UPDATED("order.updated"),
    ORDER_PAID("order.paid"),
    ORDER_REFUNDED("order.refunded"),
    SUBSCRIPTION_CREATED("subscription.created"),
    SUBSCRIPTION_UPDATED("subscription.updated"),
    SUBSCRIPTION_ACTIVE("subscription.active"),
    SUBSCRIPTION_CANCELED("subscription.canceled"),
    SUBSCRIPTION_UNCANCELED("subscription.uncanceled"),
    SUBSCRIPTION_CYCLED("subscription.cycled"),
    SUBSCRIPTION_REVOKED("subscription.revoked"),
    SUBSCRIPTION_PAST_DUE("subscription.past_due"),
    SUBSCRIPTION_PAUSED("subscription.paused"),
    SUBSCRIPTION_RESUMED("subscription.resumed"),
    REFUND_CREATED("refund.created"),
    REFUND_UPDATED("refund.updated"),
    PRODUCT_CREATED("product.created"),
    PRODUCT_UPDATED("product.updated"),
    DISCOUNT_CREATED("discount.created"),
    DISCOUNT_UPDATED("discount.updated"),
    DISCOUNT_DELETED("discount.deleted"),
    BENEFIT_CREATED("benefit.created"),
    BENEFIT_UPDATED("benefit.updated"),
    BENEFIT_GRANT_CREATED("benefit_grant.created"),
    BENEFIT_GRANT_CYCLED("benefit_grant.cycled"),
    BENEFIT_GRANT_UPDATED("benefit_grant.updated"),
    BENEFIT_GRANT_REVOKED("benefit_grant.revoked"),
    ORGANIZATION_UPDATED("organization.updated");

    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(WebhookEventType::wireName).toList();

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
