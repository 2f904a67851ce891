package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code GET /v1/checkouts/client/{client_secret}/stream} on one node (reference 1.9, 7.6). */
class CheckoutEventStreamTest extends CheckoutTestSupport {

    @Autowired
    CheckoutEvents events;

    @Autowired
    TransactionTemplate transactions;

    /** The key and payload of each message, checking that each has a fresh UUID id and nothing else. */
    static List<Map<String, Object>> keysAndPayloads(List<String> messages) {
        return messages.stream().map(json -> {
            Map<String, Object> message = Json.readMap(json);
            assertThat(message).containsOnlyKeys("id", "key", "payload");
            assertThat(UUID.fromString((String) message.get("id"))).isNotNull();
            return Map.<String, Object>of("key", message.get("key"), "payload", message.get("payload"));
        }).toList();
    }

    static Map<String, Object> event(String key, Map<String, Object> payload) {
        return Map.of("key", key, "payload", payload);
    }

    @Test
    void anUnknownClientSecretIsNotFound() {
        anonymous().get("/v1/checkouts/client/polar_c_unknown/stream").then().statusCode(404)
                .body("error", Matchers.equalTo("ResourceNotFound")).body("detail", Matchers.equalTo("Not found"));
    }

    @Test
    void anExpiredCheckoutIsGone() {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        setStatus((String) checkout.get("id"), "expired");
        anonymous().get("/v1/checkouts/client/" + checkout.get("client_secret") + "/stream").then().statusCode(410)
                .body("error", Matchers.equalTo("ExpiredCheckoutError"));
    }

    @Test
    void aBuyerUpdateIsStreamedAsUpdatedOpenThenWebhookEventDelivered() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");

            clientUpdate(secret, Map.of("customer_email", "ada@example.com")).statusCode(200);

            assertThat(keysAndPayloads(stream.next(2))).containsExactly(
                    event("checkout.updated", Map.of("status", "open")),
                    event("checkout.webhook_event_delivered", Map.of("status", "open")));
        }
    }

    @Test
    void aPaidConfirmStreamsConfirmedThenOrderCreatedAndSucceeded() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            confirm(secret, paidBody("ada@example.com", VISA)).statusCode(200);

            assertThat(keysAndPayloads(stream.next(5))).containsExactly(
                    event("checkout.updated", Map.of("status", "confirmed")),
                    event("checkout.webhook_event_delivered", Map.of("status", "confirmed")),
                    event("checkout.order_created", Map.of()),
                    event("checkout.updated", Map.of("status", "succeeded")),
                    event("checkout.webhook_event_delivered", Map.of("status", "succeeded")));
        }
    }

    @Test
    void aSubscriptionCheckoutStreamsSubscriptionCreatedBeforeOrderCreated() throws Exception {
        Map<String, Object> checkout = checkoutFor(recurringProduct("Monthly", 900));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            confirm(secret, paidBody("ada@example.com", VISA)).statusCode(200);

            assertThat(keysAndPayloads(stream.next(5)).stream().map(e -> e.get("key")).toList()).containsExactly(
                    "checkout.updated", "checkout.webhook_event_delivered", "checkout.subscription_created",
                    "checkout.order_created", "checkout.updated");
        }
    }

    @Test
    void aDeclinedConfirmStreamsConfirmedThenOpenAgain() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            confirm(secret, paidBody("ada@example.com", DECLINED)).statusCode(400);

            assertThat(keysAndPayloads(stream.next(4))).containsExactly(
                    event("checkout.updated", Map.of("status", "confirmed")),
                    event("checkout.webhook_event_delivered", Map.of("status", "confirmed")),
                    event("checkout.updated", Map.of("status", "open")),
                    event("checkout.webhook_event_delivered", Map.of("status", "open")));
        }
    }

    @Test
    void theMerchantExpiringTheCheckoutStreamsUpdatedExpiredOnly() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        try (SseClient stream = SseClient.open(port, (String) checkout.get("client_secret"))) {
            as(tenant).post("/v1/checkouts/" + checkout.get("id") + "/expire").then().statusCode(200);

            assertThat(keysAndPayloads(stream.next(1))).containsExactly(event("checkout.updated", Map.of("status", "expired")));
            assertThat(stream.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void anEventPublishedInATransactionThatRollsBackIsNeverStreamed() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        UUID id = UUID.fromString((String) checkout.get("id"));
        try (SseClient stream = SseClient.open(port, (String) checkout.get("client_secret"))) {
            transactions.executeWithoutResult(status -> {
                events.publish(id, CheckoutEvents.Key.UPDATED, Map.of("status", "rolled-back"));
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status -> events.publish(id, CheckoutEvents.Key.UPDATED, Map.of("status", "committed")));

            assertThat(keysAndPayloads(stream.next(1))).containsExactly(event("checkout.updated", Map.of("status", "committed")));
            assertThat(stream.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void anEventIsStreamedOnlyWhenItsTransactionCommits() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        UUID id = UUID.fromString((String) checkout.get("id"));
        try (SseClient stream = SseClient.open(port, (String) checkout.get("client_secret"))) {
            List<String> beforeCommit = new java.util.ArrayList<>();
            transactions.executeWithoutResult(status -> {
                events.publish(id, CheckoutEvents.Key.ORDER_CREATED, Map.of());
                try {
                    beforeCommit.addAll(stream.drain(Duration.ofMillis(500)));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(beforeCommit).isEmpty();
            assertThat(keysAndPayloads(stream.next(1))).containsExactly(event("checkout.order_created", Map.of()));
        }
    }

    @Test
    void anotherCheckoutsEventsAreNotStreamed() throws Exception {
        String product = fixedProduct("Book", 1500);
        Map<String, Object> mine = checkoutFor(product);
        Map<String, Object> other = checkoutFor(product);
        try (SseClient stream = SseClient.open(port, (String) mine.get("client_secret"))) {
            clientUpdate((String) other.get("client_secret"), Map.of("customer_email", "bob@example.com")).statusCode(200);
            clientUpdate((String) mine.get("client_secret"), Map.of("customer_email", "ada@example.com")).statusCode(200);

            assertThat(keysAndPayloads(stream.next(2))).containsExactly(
                    event("checkout.updated", Map.of("status", "open")),
                    event("checkout.webhook_event_delivered", Map.of("status", "open")));
            assertThat(stream.drain(Duration.ofMillis(300))).isEmpty();
        }
    }
}
