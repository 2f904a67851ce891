/**
 * Merchant webhooks, as Polar's {@code webhook} domain: the endpoints API, the transactional outbox of events
 * ({@link dev.kassa.webhook.WebhookEvents}, written in the transaction of the change), and the delivery workers
 * that sign events with Standard Webhooks and post them, on every node, claiming with {@code FOR UPDATE SKIP
 * LOCKED} and a lease.
 */
package dev.kassa.webhook;
