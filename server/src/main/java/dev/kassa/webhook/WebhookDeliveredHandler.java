package dev.kassa.webhook;

import java.util.Map;
import java.util.UUID;

/**
 * Told of each successful delivery of a raw-format event (the receiver answered 2xx), inside the transaction that
 * records the delivery: what a handler writes (a {@code pg_notify}, say) commits with the delivery record or not at
 * all. Discord and Slack summaries are not told: they notify people, not the merchant's integration. An event
 * delivered to two endpoints is told twice, and a delivery may be told again if its worker's lease lapsed; a
 * handler must be idempotent and ignore the types that are not its own. An exception rolls the record back and the
 * event is sent again.
 */
public interface WebhookDeliveredHandler {

    void delivered(Delivered delivered);

    /** The event as delivered: {@code data} is its payload's resource (the API's schema, as JSON). */
    record Delivered(UUID organizationId, UUID eventId, WebhookEventType type, Map<String, Object> data) {
    }
}
