package dev.kassa.checkout;

import java.util.UUID;

/**
 * Implemented by the merchant webhooks: whether a {@code checkout.updated} webhook will be sent for this
 * organization. When none will (or no bean implements this), {@link CheckoutEvents} publishes
 * {@code checkout.webhook_event_delivered} right after each {@code checkout.updated}; when one will, the webhook
 * sender publishes it once a raw-format endpoint accepted the delivery, with
 * {@link CheckoutEvents#publish(UUID, CheckoutEvents.Key, java.util.Map)}.
 */
public interface CheckoutWebhookSubscriptions {

    boolean deliversCheckoutUpdated(UUID organizationId);
}
