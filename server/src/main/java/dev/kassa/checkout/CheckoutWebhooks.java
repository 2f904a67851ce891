package dev.kassa.checkout;

import dev.kassa.platform.config.KassaSettings;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The checkout's webhook events, recorded in the transaction that changed the checkout; their {@code data} is the
 * merchant's {@code Checkout} schema as the API answers it, read again at commit.
 */
@Component
class CheckoutWebhooks {

    private final WebhookEvents events;
    private final CheckoutRepository checkouts;
    private final CheckoutContexts contexts;
    private final KassaSettings settings;

    CheckoutWebhooks(WebhookEvents events, CheckoutRepository checkouts, CheckoutContexts contexts, KassaSettings settings) {
        this.events = events;
        this.checkouts = checkouts;
        this.contexts = contexts;
        this.settings = settings;
    }

    void created(CheckoutRow row) {
        record(row.organizationId, row.id, WebhookEventType.CHECKOUT_CREATED);
    }

    /** Polar sends {@code checkout.updated} on every change: update, confirm, success, failure and expiry. */
    void updated(CheckoutRow row) {
        record(row.organizationId, row.id, WebhookEventType.CHECKOUT_UPDATED);
    }

    void expired(UUID organizationId, UUID checkoutId) {
        record(organizationId, checkoutId, WebhookEventType.CHECKOUT_UPDATED);
        record(organizationId, checkoutId, WebhookEventType.CHECKOUT_EXPIRED);
    }

    /** Checkouts the expiry job just expired, by id. */
    void expired(List<UUID> checkoutIds) {
        checkouts.organizationsOf(checkoutIds).forEach((id, organizationId) -> expired(organizationId, id));
    }

    private void record(UUID organizationId, UUID checkoutId, WebhookEventType type) {
        events.record(organizationId, type, checkoutId, () -> {
            CheckoutRow row = checkouts.findById(organizationId, checkoutId).orElseThrow();
            CheckoutContext context = contexts.load(row);
            return CheckoutSchemas.merchant(row, context, CheckoutDerivedState.flags(row, context), settings);
        });
    }
}
