package dev.kassa.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData;
import dev.kassa.support.TestData.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A renewal never charges twice for one period: with several nodes' jobs at once, with the node stopped right
 * after the attempt committed, and stopped between Stripe's charge and the outcome's commit. A node is "stopped" by
 * the fault hook ({@code kassa.faults.pause-at}): its thread waits there, as if dead, while the rest of Kassa (the
 * webhook, the look-up) finishes its work; released later, it must not change the outcome. The scheduled job is
 * kept out of the way; the tests run it themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RenewalFaultsTest implements RenewalPurchases {

    @LocalServerPort
    int port;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;
    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Tenant tenant() {
        return tenant;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }


    static final Path MARKER = createMarker();

    private static Path createMarker() {
        try {
            return Files.createTempFile("kassa-renewal-pause", ".txt");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A server of its own (its own data folder and embedded PostgreSQL): the fault hooks and a zero pending grace
     * must not reach the suite's shared server.
     */
    static final Path OWN_DATA_DIR = createDataDir();

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("kassa-renewal-faults-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void faults(DynamicPropertyRegistry registry) {
        registry.add("KASSA_DATA_DIR", OWN_DATA_DIR::toString);
        registry.add("PUBLIC_BASE_URL", () -> "http://localhost:8000");
        registry.add("kassa.test.throwaway-embedded-database", () -> "true");
        registry.add("STRIPE_WEBHOOK_SECRET", () -> ApiTest.TEST_WEBHOOK_SECRET);
        registry.add("kassa.faults.pause-at", () -> "renewal.after_attempt_commit,renewal.after_stripe_answer");
        registry.add("kassa.faults.marker", MARKER::toString);
        registry.add("kassa.payments.pending-grace", () -> "PT0S");
        registry.add("kassa.renewals.initial-delay", () -> "PT1H");
    }

    @Autowired
    RenewalJob job;
    @Autowired
    RenewalReconciliation reconciliation;
    @Autowired
    Renewals renewals;

    @Test
    void jobsOfFourNodesAtOnceRenewEachDueSubscriptionExactlyOnce() throws Exception {
        String product = monthlyProduct(1000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(subscribe(product, VISA));
        }
        jdbc.sql("UPDATE subscriptions SET current_period_end = now() - interval '1 second' WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(UUID[]::new)).update();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> nodes = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            nodes.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    job.runOnce();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread node : nodes) {
            node.join(60_000);
        }

        for (UUID id : ids) {
            assertThat(orders(id)).extracting(o -> o.get("status")).containsExactly("paid", "paid");
            assertThat(cycleCharges(id)).hasSize(1);
        }
    }

    @Test
    void aNodeStoppedBetweenTheChargeAndItsCommitLeavesOneChargeAndAPaidOrder() throws Exception {
        UUID id = subscribe(Map.of("products", List.of(monthlyProduct(1000)),
                "metadata", Map.of("kassa_test_pause_at", "renewal.after_stripe_answer")), VISA);
        makeDue(id);
        Thread node = Thread.ofPlatform().start(() -> renewals.renew(id));
        awaitPaused("renewal.after_stripe_answer");

        // Stripe charged; this node never records it. The webhook or the look-up does.
        reconciliation.reconcile();
        awaitOrderStatus(id, "paid");
        node.interrupt();
        node.join(30_000);
        reconciliation.reconcile();

        assertThat(orders(id)).extracting(o -> o.get("status")).containsExactly("paid", "paid");
        assertThat(cycleCharges(id)).hasSize(1);
        assertThat(subscription(id).getString("status")).isEqualTo("active");
        assertThat(attemptStatuses(id)).containsExactly("succeeded");
    }

    @Test
    void stripesPaymentIntentSucceededWebhookAloneSettlesAChargeWhoseNodeStopped() throws Exception {
        UUID id = subscribe(Map.of("products", List.of(monthlyProduct(1000)),
                "metadata", Map.of("kassa_test_pause_at", "renewal.after_stripe_answer")), VISA);
        makeDue(id);
        Thread node = Thread.ofPlatform().start(() -> renewals.renew(id));
        awaitPaused("renewal.after_stripe_answer");

        // No look-up runs: only the webhook Stripe sends for the intent can settle the attempt.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !"paid".equals(orders(id).getLast().get("status"))) {
            TimeUnit.MILLISECONDS.sleep(100);
        }

        assertThat(orders(id)).extracting(o -> o.get("status")).containsExactly("paid", "paid");
        assertThat(attemptStatuses(id)).containsExactly("succeeded");
        node.interrupt();
        node.join(30_000);
        assertThat(cycleCharges(id)).hasSize(1);
    }

    @Test
    void aNodeStoppedBeforeTheChargeIsFinishedByTheLookUpWithTheSameKey() throws Exception {
        UUID id = subscribe(Map.of("products", List.of(monthlyProduct(1000)),
                "metadata", Map.of("kassa_test_pause_at", "renewal.after_attempt_commit")), VISA);
        makeDue(id);
        Thread node = Thread.ofPlatform().start(() -> renewals.renew(id));
        awaitPaused("renewal.after_attempt_commit");
        assertThat(orders(id)).extracting(o -> o.get("status")).containsExactly("paid", "pending");

        // No intent at Stripe: the look-up replays the charge under the attempt's key.
        reconciliation.reconcile();
        awaitOrderStatus(id, "paid");
        // Released, the stopped node makes its call with the same key: Stripe answers with the same intent.
        node.interrupt();
        node.join(30_000);

        assertThat(cycleCharges(id)).hasSize(1);
        assertThat(attemptStatuses(id)).containsExactly("succeeded");
        // Its period is renewed: nothing is due again.
        assertThat(renewals.renew(id)).isFalse();
    }

    @Test
    void aSecondRenewalOfTheSamePeriodIsRefusedByTheDatabase() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        advance(id);
        Map<String, Object> renewal = jdbc.sql("SELECT * FROM renewals WHERE subscription_id = :id").param("id", id).query().singleRow();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO renewals (id, organization_id, subscription_id, customer_id, order_id, period_start, period_end, amount,
                                      currency, trial, status, created_at, updated_at)
                SELECT gen_random_uuid(), organization_id, subscription_id, customer_id, order_id, period_start, period_end, amount,
                       currency, trial, status, created_at, updated_at FROM renewals WHERE id = :id
                """).param("id", renewal.get("id")).update()).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    private void makeDue(UUID id) {
        jdbc.sql("UPDATE subscriptions SET current_period_end = :at WHERE id = :id")
                .param("at", Timestamp.from(Instant.now().minusSeconds(1))).param("id", id).update();
    }

    private void awaitPaused(String point) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(MARKER).contains(point)) {
                Files.writeString(MARKER, "");
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("never paused at " + point);
    }

    private void awaitOrderStatus(UUID id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !status.equals(orders(id).getLast().get("status"))) {
            reconciliation.reconcile();
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private List<String> attemptStatuses(UUID id) {
        return jdbc.sql("""
                SELECT a.status FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id WHERE r.subscription_id = :id
                ORDER BY a.number
                """).param("id", id).query(String.class).list();
    }

    /** The off-session PaymentIntents of the subscription's renewals at (emulated) Stripe. */
    private List<Map<String, Object>> cycleCharges(UUID subscriptionId) {
        String customer = jdbc.sql("SELECT c.stripe_customer_id FROM customers c JOIN subscriptions s ON s.customer_id = c.id WHERE s.id = :id")
                .param("id", subscriptionId).query(String.class).single();
        List<Map<String, Object>> intents = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .queryParam("customer", customer).queryParam("limit", 100).get("/_stripe/v1/payment_intents").then().statusCode(200)
                .extract().jsonPath().getList("data");
        return intents.stream().filter(pi -> pi.get("metadata") instanceof Map<?, ?> m
                && subscriptionId.toString().equals(m.get("subscription_id")) && "succeeded".equals(pi.get("status"))).toList();
    }
}
