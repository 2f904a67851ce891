package dev.kassa.checkout;

import static dev.kassa.checkout.CheckoutEventStreamTest.event;
import static dev.kassa.checkout.CheckoutEventStreamTest.keysAndPayloads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.webhook.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code checkout.webhook_event_delivered} on the buyer's stream follows the merchant's {@code checkout.updated}
 * webhook: it comes once a raw endpoint answered 2xx, never for a failed attempt (reference 7.6).
 */
class CheckoutWebhookDeliveredTest extends CheckoutTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    Receiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    void endpoint(String format, List<String> events, String url) {
        as(tenant).body(Map.of("url", url, "format", format, "events", events)).post("/v1/webhooks/endpoints").then().statusCode(201);
    }

    @Test
    void itComesAfterTheReceiverAnswered2xxNotAfterAFailedAttempt() throws Exception {
        endpoint("raw", List.of("checkout.updated"), receiver.url());
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Instant> acceptedAt = new AtomicReference<>();
        receiver.answer(() -> {
            if (calls.incrementAndGet() == 1) {
                return 500;
            }
            acceptedAt.compareAndSet(null, Instant.now());
            return 200;
        });
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            clientUpdate(secret, Map.of("customer_email", "ada@example.com")).statusCode(200);

            assertThat(keysAndPayloads(stream.next(1))).containsExactly(event("checkout.updated", Map.of("status", "open")));
            receiver.await(r -> !r.isEmpty(), WAIT);
            assertThat(stream.drain(Duration.ofMillis(800))).as("nothing for the attempt answered 500").isEmpty();
            assertThat(acceptedAt.get()).as("the retry comes about 2 s after the failure").isNull();

            assertThat(keysAndPayloads(stream.next(1))).containsExactly(
                    event("checkout.webhook_event_delivered", Map.of("status", "open")));
            Instant streamedAt = Instant.now();
            assertThat(acceptedAt.get()).isNotNull().isBefore(streamedAt);
            assertThat(receiver.received()).hasSize(2);
            assertThat(receiver.received().get(1).id()).isEqualTo(receiver.received().get(0).id());
            assertThat(jdbc.sql("SELECT string_agg(succeeded::text, ',' ORDER BY created_at) FROM webhook_deliveries"
                    + " WHERE organization_id = :org").param("org", tenant.organizationId())
                    .query(String.class).single()).isEqualTo("false,true");
            assertThat(stream.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aPaidConfirmStreamsEachDeliveredAfterItsUpdateWithTheStatusTheWebhookCarried() throws Exception {
        endpoint("raw", List.of("checkout.updated", "order.created"), receiver.url());
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            confirm(secret, paidBody("ada@example.com", VISA)).statusCode(200);

            List<Map<String, Object>> messages = keysAndPayloads(stream.next(5));
            assertThat(messages).containsExactlyInAnyOrder(
                    event("checkout.updated", Map.of("status", "confirmed")),
                    event("checkout.webhook_event_delivered", Map.of("status", "confirmed")),
                    event("checkout.order_created", Map.of()),
                    event("checkout.updated", Map.of("status", "succeeded")),
                    event("checkout.webhook_event_delivered", Map.of("status", "succeeded")));
            assertThat(messages.indexOf(event("checkout.webhook_event_delivered", Map.of("status", "succeeded"))))
                    .isGreaterThan(messages.indexOf(event("checkout.updated", Map.of("status", "succeeded"))))
                    .isGreaterThan(messages.indexOf(event("checkout.webhook_event_delivered", Map.of("status", "confirmed"))));
            assertThat(receiver.await(r -> r.size() >= 3, WAIT)).hasSize(3);
            assertThat(stream.drain(Duration.ofMillis(500))).as("order.created is not a checkout.updated").isEmpty();
        }
    }

    @Test
    void anEndpointThatNeverAcceptsMeansTheStreamNeverSaysDelivered() throws Exception {
        endpoint("raw", List.of("checkout.updated"), receiver.url());
        receiver.answer(503);
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            clientUpdate(secret, Map.of("customer_email", "ada@example.com")).statusCode(200);

            assertThat(keysAndPayloads(stream.next(1))).containsExactly(event("checkout.updated", Map.of("status", "open")));
            receiver.await(r -> r.size() >= 2, WAIT);
            assertThat(stream.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void anEndpointSubscribedToOtherEventsOnlyLeavesItImmediate() throws Exception {
        endpoint("raw", List.of("order.created"), receiver.url());
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient stream = SseClient.open(port, secret)) {
            clientUpdate(secret, Map.of("customer_email", "ada@example.com")).statusCode(200);

            assertThat(keysAndPayloads(stream.next(2))).containsExactly(
                    event("checkout.updated", Map.of("status", "open")),
                    event("checkout.webhook_event_delivered", Map.of("status", "open")));
        }
    }
}
