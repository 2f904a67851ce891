package dev.kassa.checkout;

import dev.kassa.platform.db.PostCommitNotifier;
import dev.kassa.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import dev.kassa.webhook.WebhookDeliveredHandler;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Publishes the buyer's checkout events (reference 7.6), the messages of
 * {@code GET /v1/checkouts/client/{client_secret}/stream}: {@code {"id", "key", "payload"}}.
 *
 * <p>An event is a PostgreSQL notification sent by the {@link PostCommitNotifier} once the caller's transaction has
 * committed, to the streams held on every node, and never if it rolls back: no event about a change that did not
 * happen. Called outside a transaction, it is sent at once. Events are signals, not records: one is lost when the
 * node dies between the commit and the send (milliseconds), or when a node's LISTEN connection drops, so readers
 * re-read the checkout (the page polls beside its stream). Payloads must stay small (PostgreSQL refuses a
 * notification of 8000 bytes or more): the stream carries keys and statuses, and the page reads the checkout itself.
 *
 * <p>{@code checkout.webhook_event_delivered} follows the merchant's webhook (Polar's {@code on_event_success}): it
 * is published when a {@code checkout.updated} webhook was delivered to a raw-format endpoint (the receiver answered
 * 2xx), in the transaction that records that delivery, on whichever node delivered it, with the status that webhook
 * carried. When no enabled raw endpoint of the organization subscribes to {@code checkout.updated}, it follows each
 * {@code checkout.updated} at once, as Polar does when no endpoint subscribes (Polar also waits when only Discord or
 * Slack endpoints subscribe, which never tell; the page would wait its 15 s for nothing).
 */
@Component
public class CheckoutEvents implements WebhookDeliveredHandler {

    /** The channel every node {@code LISTEN}s on. */
    static final String CHANNEL = "kassa_checkout_events";
    /** Room for the envelope's checkout id within PostgreSQL's limit of 8000 bytes. */
    static final int MAX_MESSAGE_BYTES = 7_900;

    /** Polar's event keys ({@code checkout/eventstream.py}). */
    public enum Key {
        /** Payload {@code {"status"}}: on every update, confirm, success, failure and expiry. */
        UPDATED("checkout.updated"),
        /** Payload {@code {}}: the checkout's order exists. */
        ORDER_CREATED("checkout.order_created"),
        /** Payload {@code {}}: the checkout's subscription exists. */
        SUBSCRIPTION_CREATED("checkout.subscription_created"),
        /**
         * Payload {@code {"status"}}: a {@code checkout.updated} webhook with that status reached a raw endpoint, or
         * right after the update when no raw endpoint subscribes to {@code checkout.updated}.
         */
        WEBHOOK_EVENT_DELIVERED("checkout.webhook_event_delivered");

        private final String wireName;

        Key(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final PostCommitNotifier notifier;
    private final ObjectProvider<WebhookEvents> webhooks;

    CheckoutEvents(PostCommitNotifier notifier, ObjectProvider<WebhookEvents> webhooks) {
        this.notifier = notifier;
        this.webhooks = webhooks;
    }

    /** Publishes one event to the checkout's streams, on commit of the caller's transaction (see above). */
    public void publish(UUID checkoutId, Key key, Map<String, ?> payload) {
        Objects.requireNonNull(checkoutId, "checkoutId is null");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", UUID.randomUUID().toString());
        message.put("key", key.wireName());
        message.put("payload", payload);
        String json = Json.write(message);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("checkout event " + key.wireName() + " is too large for NOTIFY: send ids, not documents");
        }
        // The envelope is "<checkout id> <message>": the listener routes on the id and forwards the message as sent.
        notifier.notifyAfterCommit(CHANNEL, checkoutId + " " + json);
    }

    /**
     * {@code checkout.updated} with the status; then {@code checkout.webhook_event_delivered} at once when no raw
     * webhook endpoint of the organization will deliver {@code checkout.updated} (the page waits for it).
     */
    void updated(CheckoutRow row) {
        Map<String, String> status = Map.of("status", row.status.wireName());
        publish(row.id, Key.UPDATED, status);
        WebhookEvents outbox = webhooks.getIfAvailable();
        if (outbox == null || !outbox.deliversRaw(row.organizationId, WebhookEventType.CHECKOUT_UPDATED)) {
            publish(row.id, Key.WEBHOOK_EVENT_DELIVERED, status);
        }
    }

    /** A {@code checkout.updated} webhook reached the merchant: the page may go on (see the class comment). */
    @Override
    public void delivered(Delivered delivered) {
        if (delivered.type() != WebhookEventType.CHECKOUT_UPDATED
                || !(delivered.data().get("id") instanceof String id) || !(delivered.data().get("status") instanceof String status)) {
            return;
        }
        UUID checkoutId;
        try {
            checkoutId = UUID.fromString(id);
        } catch (IllegalArgumentException notACheckout) {
            return;
        }
        publish(checkoutId, Key.WEBHOOK_EVENT_DELIVERED, Map.of("status", status));
    }

    /** {@code checkout.updated} alone, as Polar sends on expiry. */
    void expired(UUID checkoutId) {
        publish(checkoutId, Key.UPDATED, Map.of("status", CheckoutStatus.EXPIRED.wireName()));
    }
}
