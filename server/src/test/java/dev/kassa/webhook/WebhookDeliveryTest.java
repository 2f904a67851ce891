package dev.kassa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerService;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import dev.kassa.webhook.Receiver.Received;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Events recorded by real API calls, delivered over real HTTP to a receiver on loopback. */
class WebhookDeliveryTest extends ApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CustomerService customerService;

    @Autowired
    WebhookRepository repository;

    Tenant tenant;
    Receiver receiver;

    @BeforeEach
    void setUp() {
        tenant = data.tenant();
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    Map<String, Object> endpoint(List<String> events) {
        return as(tenant).body(Map.of("url", receiver.url(), "format", "raw", "events", events))
                .post("/v1/webhooks/endpoints").then().statusCode(201).extract().jsonPath().getMap("");
    }

    String customer(String email) {
        return as(tenant).body(Map.of("email", email)).post("/v1/customers/").then().statusCode(201).extract().path("id");
    }

    /** A product made from {@code productBody}, a checkout of it, and the buyer's confirm with a Visa test card. */
    Map<String, Object> purchase(Map<String, Object> productBody, String email) {
        String product = as(tenant).body(productBody).post("/v1/products/").then().statusCode(201).extract().path("id");
        Map<String, Object> checkout = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then()
                .statusCode(201).extract().jsonPath().getMap("");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_visa").post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
        anonymous().body(Map.of("customer_email", email, "customer_billing_address", Map.of("country", "DE"),
                "confirmation_token_id", token)).post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm")
                .then().statusCode(200);
        return checkout;
    }

    /** The signature as Polar computes it, written out independently: HMAC-SHA256 keyed by the whole secret's UTF-8. */
    static String expectedSignature(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Received r) {
        return (Map<String, Object>) Receiver.json(r).get("data");
    }

    @Test
    void aPurchaseDeliversSignedEventsInOrderWithTheApisResourcesAsData() throws Exception {
        Map<String, Object> endpoint = endpoint(List.of("checkout.created", "checkout.updated", "customer.created",
                "order.created", "order.paid"));
        String secret = (String) endpoint.get("secret");
        Map<String, Object> checkout = purchase(Map.of("name", "E-book", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 1500))), "ada@example.com");

        List<Received> received = receiver.await(r -> receiver.types().contains("checkout.updated")
                && receiver.types().stream().filter("checkout.updated"::equals).count() == 2, WAIT);

        assertThat(receiver.types()).containsExactly("checkout.created", "checkout.updated", "customer.created",
                "order.created", "order.paid", "checkout.updated");
        long now = Instant.now().getEpochSecond();
        for (Received r : received) {
            assertThat(r.signature()).isEqualTo(expectedSignature(secret, r));
            assertThat(Long.parseLong(r.timestamp())).isBetween(now - 60, now + 1);
            assertThat(r.userAgent()).startsWith("polar.sh webhooks");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(Receiver.json(r)).containsOnlyKeys("type", "timestamp", "api_version", "data");
            assertThat(Receiver.json(r)).containsEntry("api_version", "2026-10");
        }
        assertThat(received.stream().map(Received::id).distinct()).hasSize(received.size());
        assertThat(data(received.get(1))).containsEntry("status", "confirmed");
        assertThat(data(received.get(5))).containsEntry("status", "succeeded");

        Received paid = received.get(4);
        String orderId = (String) data(paid).get("id");
        Map<String, Object> order = as(tenant).get("/v1/orders/" + orderId).then().statusCode(200).extract().jsonPath().getMap("");
        // A snapshot at the commit: the only later change is the customer's modified_at (its Stripe customer was
        // recorded after the payment, which is no public field and no customer.updated).
        @SuppressWarnings("unchecked")
        Map<String, Object> sentCustomer = new java.util.HashMap<>((Map<String, Object>) data(paid).get("customer"));
        @SuppressWarnings("unchecked")
        Map<String, Object> currentCustomer = new java.util.HashMap<>((Map<String, Object>) order.get("customer"));
        sentCustomer.remove("modified_at");
        currentCustomer.remove("modified_at");
        assertThat(sentCustomer).isEqualTo(currentCustomer);
        Map<String, Object> sentOrder = new java.util.HashMap<>(data(paid));
        sentOrder.remove("customer");
        Map<String, Object> currentOrder = new java.util.HashMap<>(order);
        currentOrder.remove("customer");
        assertThat(sentOrder).isEqualTo(currentOrder);
        assertThat(data(paid).get("invoice_number")).isNotNull();
        Map<String, Object> finalCheckout = as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().extract().jsonPath().getMap("");
        assertThat(data(received.get(5))).isEqualTo(finalCheckout);
        assertThat(data(received.get(2))).containsEntry("email", "ada@example.com").containsKeys("id", "created_at", "avatar_url");
    }

    @Test
    void aSubscriptionChangesTheCustomersStateWhichIsDeliveredAsTheApisCustomerState() throws Exception {
        endpoint(List.of("subscription.created", "customer.state_changed"));
        purchase(Map.of("name", "Pro", "recurring_interval", "month", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 900))), "grace@example.com");

        List<Received> received = receiver.await(r -> receiver.types().stream().filter("customer.state_changed"::equals)
                .count() == 2, WAIT);

        // The confirm creates the customer (a state without subscriptions), then, paid, the subscription.
        assertThat(receiver.types()).containsExactly("customer.state_changed", "subscription.created", "customer.state_changed");
        assertThat(data(received.get(0))).containsEntry("email", "grace@example.com")
                .containsEntry("active_subscriptions", List.of());
        Map<String, Object> state = data(received.get(2));
        String subscriptionId = (String) data(received.get(1)).get("id");
        assertThat(state).containsEntry("email", "grace@example.com").containsEntry("type", "individual")
                .containsEntry("granted_benefits", List.of()).containsEntry("active_meters", List.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> active = (List<Map<String, Object>>) state.get("active_subscriptions");
        assertThat(active).extracting(a -> a.get("id")).containsExactly(subscriptionId);
        assertThat(active.getFirst()).containsEntry("status", "active").containsEntry("amount", 900);
        Map<String, Object> current = as(tenant).get("/v1/customers/" + state.get("id") + "/state").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(current.get("active_subscriptions")).isEqualTo(state.get("active_subscriptions"));
    }

    @Test
    void failedAttemptsAreRetriedAndListedAsDeliveriesOfTheSameEvent() throws Exception {
        Map<String, Object> endpoint = endpoint(List.of("customer.created"));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(() -> calls.incrementAndGet() <= 2 ? 500 : 200);
        customer("retry@example.com");

        List<Received> received = receiver.await(r -> r.size() >= 3, WAIT);
        assertThat(received).hasSize(3);
        assertThat(received.stream().map(Received::id).distinct()).hasSize(1);
        // 2 s, then 4 s, each with ±20 % jitter
        assertThat(Duration.between(received.get(0).at(), received.get(1).at())).isBetween(Duration.ofMillis(1500), Duration.ofMillis(4000));
        assertThat(Duration.between(received.get(1).at(), received.get(2).at())).isBetween(Duration.ofMillis(3000), Duration.ofMillis(6500));

        var deliveries = receiverDeliveries((String) endpoint.get("id"), 3);
        assertThat(deliveries.getList("items.succeeded")).containsExactly(true, false, false);
        assertThat(deliveries.getList("items.http_code")).containsExactly(200, 500, 500);
        assertThat(deliveries.getList("items.response")).containsExactly("answer 200", "answer 500", "answer 500");
        assertThat(deliveries.getList("items.webhook_event.id")).containsOnly(received.get(0).id());
        assertThat(deliveries.getList("items.webhook_event.type")).containsOnly("customer.created");
        assertThat(deliveries.getList("items.webhook_event.succeeded")).containsOnly(true);
        assertThat(deliveries.getString("items[0].webhook_event.payload")).isEqualTo(received.get(0).body());
        assertThat(as(tenant).queryParam("succeeded", "false").get("/v1/webhooks/deliveries").then().extract()
                .jsonPath().getInt("pagination.total_count")).isEqualTo(2);
        assertThat(as(tenant).queryParam("http_code_class", "2xx").queryParam("event_type", "customer.created")
                .get("/v1/webhooks/deliveries").then().extract().jsonPath().getInt("pagination.total_count")).isEqualTo(1);
    }

    io.restassured.path.json.JsonPath receiverDeliveries(String endpointId, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        io.restassured.path.json.JsonPath page;
        do {
            page = as(tenant).queryParam("endpoint_id", endpointId).get("/v1/webhooks/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            if (page.getInt("pagination.total_count") >= expected) {
                return page;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        return page;
    }

    @Test
    void goneEndsTheEventWithoutRetrying() throws Exception {
        Map<String, Object> endpoint = endpoint(List.of("customer.created"));
        receiver.answer(410);
        customer("gone@example.com");
        var deliveries = receiverDeliveries((String) endpoint.get("id"), 1);
        Thread.sleep(3500);
        assertThat(receiver.received()).hasSize(1);
        assertThat(deliveries.getList("items.http_code")).containsExactly(410);
        assertThat(jdbc.sql("SELECT state FROM webhook_events WHERE endpoint_id = :id")
                .param("id", UUID.fromString((String) endpoint.get("id"))).query(String.class).single()).isEqualTo("failed");
    }

    @Test
    void redeliverSendsTheSameWebhookIdAgain() throws Exception {
        endpoint(List.of("customer.created"));
        customer("again@example.com");
        Received first = receiver.await(r -> r.size() == 1, WAIT).getFirst();
        as(tenant).post("/v1/webhooks/events/" + first.id() + "/redeliver").then().statusCode(202);
        List<Received> both = receiver.await(r -> r.size() == 2, WAIT);
        assertThat(both).hasSize(2);
        assertThat(both.get(1).id()).isEqualTo(first.id());
        assertThat(both.get(1).body()).isEqualTo(first.body());
        as(data.tenant()).post("/v1/webhooks/events/" + first.id() + "/redeliver").then().statusCode(404);
    }

    @Test
    void eachEndpointGetsItsEventsInOrderWhileAnEarlierOneIsRetried() throws Exception {
        endpoint(List.of("customer.created"));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(() -> calls.incrementAndGet() <= 2 ? 500 : 200);
        List<String> created = List.of(customer("o1@example.com"), customer("o2@example.com"), customer("o3@example.com"));

        List<Received> received = receiver.await(r -> r.size() >= 5, WAIT);
        List<String> order = new ArrayList<>(new LinkedHashSet<>(received.stream().map(r -> (String) data(r).get("id")).toList()));
        assertThat(order).isEqualTo(created);
        assertThat(received.stream().map(r -> (String) data(r).get("id")).toList())
                .containsExactly(created.get(0), created.get(0), created.get(0), created.get(1), created.get(2));
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        Map<String, Object> endpoint = endpoint(List.of("customer.created"));
        transactions.executeWithoutResult(status -> {
            customerService.create(new NewCustomer(tenant.organizationId(), "rollback@example.com", null, null, null, null, null,
                    null, Map.of()));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_events WHERE endpoint_id = :id")
                .param("id", UUID.fromString((String) endpoint.get("id"))).query(Long.class).single()).isZero();
    }

    @Test
    void anEventsClaimWhoseWorkerDiedIsSentByAnotherWorkerOnceTheLeaseLapses() throws Exception {
        Map<String, Object> endpoint = endpoint(List.of("customer.created"));
        UUID endpointId = UUID.fromString((String) endpoint.get("id"));
        UUID eventId = UUID.randomUUID();
        // A worker that claims the event and dies before posting it: the claim commits with the event.
        transactions.executeWithoutResult(status -> {
            Instant now = Instant.now();
            repository.insertEvent(eventId, tenant.organizationId(), endpointId, "customer.created", "2026-10",
                    "{\"type\":\"customer.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"id\":\"x\"}}", now);
            assertThat(repository.claimDue(now, Duration.ofSeconds(3), now.minusSeconds(600), 100))
                    .extracting(WebhookRepository.Claim::eventId).contains(eventId);
        });
        Thread.sleep(2000);
        assertThat(receiver.received()).isEmpty();
        List<Received> received = receiver.await(r -> !r.isEmpty(), WAIT);
        Thread.sleep(1500);
        assertThat(receiver.received()).extracting(Received::id).containsExactly(eventId.toString());
        assertThat(received).isNotEmpty();
    }

    @Test
    void anEndpointWhoseLastTenEventsAllFailedIsDisabledWithTheReason() throws Exception {
        Map<String, Object> endpoint = endpoint(List.of("customer.created"));
        UUID endpointId = UUID.fromString((String) endpoint.get("id"));
        receiver.answer(500);
        for (int i = 0; i < WebhookDeliveryWorker.DISABLE_AFTER; i++) {
            customer("fail" + i + "@example.com");
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && jdbc.sql("SELECT count(*) FROM webhook_events WHERE endpoint_id = :id AND state = 'failed'")
                .param("id", endpointId).query(Long.class).single() < WebhookDeliveryWorker.DISABLE_AFTER) {
            // Use up each event's attempts: its next failure is its last.
            jdbc.sql("UPDATE webhook_events SET attempts = greatest(attempts, :last), next_attempt_at = least(next_attempt_at, now()) "
                            + "WHERE endpoint_id = :id AND state = 'pending' AND lease_token IS NULL")
                    .param("last", RetrySchedule.MAX_ATTEMPTS - 1).param("id", endpointId).update();
            Thread.sleep(200);
        }
        as(tenant).get("/v1/webhooks/endpoints/" + endpointId).then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(false));
        assertThat(jdbc.sql("SELECT disabled_reason FROM webhook_endpoints WHERE id = :id").param("id", endpointId)
                .query(String.class).single()).contains("the last 10 events all failed to be delivered");
        customer("after@example.com");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_events WHERE endpoint_id = :id").param("id", endpointId)
                .query(Long.class).single()).isEqualTo(WebhookDeliveryWorker.DISABLE_AFTER);
    }
}
