package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import com.stripe.net.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Stripe events that arrive early, late, twice or out of order still settle a checkout once. */
class PaymentEventOrderTest extends CheckoutTestSupport {

    private static final String SECRET = "whsec_kassa_emulator_test_mode";

    @Autowired
    TransactionTemplate transactions;

    private UUID checkoutWithCustomer() {
        Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                "customer_email", "events@example.com"));
        String customer = as(tenant).body(Map.of("email", "events-" + UUID.randomUUID() + "@example.com")).post("/v1/customers/")
                .then().statusCode(201).extract().path("id");
        UUID id = UUID.fromString((String) checkout.get("id"));
        jdbc.sql("UPDATE checkouts SET customer_id = :customer WHERE id = :id")
                .param("customer", UUID.fromString(customer)).param("id", id).update();
        return id;
    }

    private void deliver(String type, UUID checkoutId) throws Exception {
        String payload = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":\"" + type + "\","
                + "\"data\":{\"object\":{\"id\":\"pi_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"payment_intent\","
                + "\"metadata\":{\"checkout_id\":\"" + checkoutId + "\"}}}}";
        anonymous().header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload, SECRET)).body(payload)
                .post("/v1/integrations/stripe/webhook").then().statusCode(200);
    }

    private String awaitStatus(UUID checkoutId, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String status;
        do {
            status = jdbc.sql("SELECT status FROM checkouts WHERE id = :id").param("id", checkoutId).query(String.class).single();
            if (status.equals(expected)) {
                return status;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    @Test
    void aSuccessArrivingBeforeTheConfirmCommitsWaitsForItAndMakesOneOrder() throws Exception {
        UUID checkoutId = checkoutWithCustomer();
        CountDownLatch confirming = new CountDownLatch(1);
        CountDownLatch webhookSent = new CountDownLatch(1);
        Thread confirm = Thread.ofVirtual().start(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT id FROM checkouts WHERE id = :id FOR UPDATE").param("id", checkoutId).query(UUID.class).single();
            jdbc.sql("UPDATE checkouts SET status = 'confirmed' WHERE id = :id").param("id", checkoutId).update();
            confirming.countDown();
            try {
                webhookSent.await();
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        confirming.await();

        deliver("payment_intent.succeeded", checkoutId);
        webhookSent.countDown();
        confirm.join();

        assertThat(awaitStatus(checkoutId, "succeeded")).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", checkoutId.toString()).get("/v1/orders/").then().body("items", hasSize(1));
    }

    @Test
    void aSuccessForAnOpenCheckoutIsRetriedUntilItIsConfirmed() throws Exception {
        UUID checkoutId = checkoutWithCustomer();

        deliver("payment_intent.succeeded", checkoutId);
        Thread.sleep(300);
        assertThat(awaitStatus(checkoutId, "open")).isEqualTo("open");
        jdbc.sql("UPDATE checkouts SET status = 'confirmed' WHERE id = :id").param("id", checkoutId).update();

        assertThat(awaitStatus(checkoutId, "succeeded")).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", checkoutId.toString()).get("/v1/orders/").then().body("items", hasSize(1));
    }

    @Test
    void aFailureAfterTheSuccessChangesNothing() throws Exception {
        UUID checkoutId = checkoutWithCustomer();
        jdbc.sql("UPDATE checkouts SET status = 'confirmed' WHERE id = :id").param("id", checkoutId).update();
        deliver("payment_intent.succeeded", checkoutId);
        awaitStatus(checkoutId, "succeeded");

        deliver("payment_intent.payment_failed", checkoutId);
        deliver("payment_intent.succeeded", checkoutId);
        Thread.sleep(1000);

        assertThat(awaitStatus(checkoutId, "succeeded")).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", checkoutId.toString()).get("/v1/orders/").then().body("items", hasSize(1));
    }
}
