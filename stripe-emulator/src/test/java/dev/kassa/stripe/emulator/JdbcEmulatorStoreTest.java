package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Calls.call;
import static dev.kassa.stripe.emulator.Calls.json;
import static dev.kassa.stripe.emulator.Calls.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store contract on {@link JdbcEmulatorStore} against a real PostgreSQL (embedded), each test in a fresh schema,
 * and what sharing one database gives: two emulators as two Kassa nodes, and a restart.
 */
class JdbcEmulatorStoreTest extends EmulatorStoreContract {

    static EmbeddedPostgres postgres;
    static DataSource dataSource;
    private static int schemas;

    private JdbcEmulatorStore store;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    static synchronized String freshSchema() {
        return "stripe_emulator_test_" + (++schemas);
    }

    @BeforeEach
    void freshStore() {
        store = new JdbcEmulatorStore(dataSource, freshSchema());
    }

    @Override
    EmulatorStore store() {
        return store;
    }

    @Test
    void aKeyClaimedInsideAUnitIsInProgressForOthersUntilTheUnitEndsAndForgottenIfItRollsBack() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> {
            try {
                return store.atomically(() -> {
                    assertThat(store.claimIdempotent("sk_test_a", "k", "POST /v1/x\n", T0, T0.minusSeconds(86400),
                            T0.minusSeconds(300))).isEqualTo(new EmulatorStore.Claim.Claimed());
                    claimed.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the request failed");
                });
            } catch (IllegalStateException e) {
                return "rolled back";
            }
        });
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(store.claimIdempotent("sk_test_a", "k", "POST /v1/x\n", T0, T0.minusSeconds(86400),
                T0.minusSeconds(300))).isEqualTo(new EmulatorStore.Claim.InProgress());
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("rolled back");
        assertThat(store.claimIdempotent("sk_test_a", "k", "POST /v1/x\n", T0, T0.minusSeconds(86400),
                T0.minusSeconds(300))).isEqualTo(new EmulatorStore.Claim.Claimed());
    }

    @Test
    void theStoreCreatesItsOwnSchemaAndTables() throws Exception {
        new JdbcEmulatorStore(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'stripe_emulator' ORDER BY table_name")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactly("idempotency", "installation", "objects", "scheduled_transitions",
                    "webhook_deliveries");
        }
    }

    @Test
    void tidyingTheQueuesLetsTheNextDeliveriesReuseTheSpaceTheLastOnesLeft() throws Exception {
        deliverAndForget(0, 300);
        long afterFirst = deliveriesTableBytes();
        deliverAndForget(300, 300);
        assertThat(deliveriesTableBytes()).as("without tidying, dead rows keep their space").isGreaterThan(afterFirst);
        long afterSecond = deliveriesTableBytes();

        store.tidyQueues();
        deliverAndForget(600, 300);

        assertThat(deliveriesTableBytes()).isEqualTo(afterSecond);
    }

    private void deliverAndForget(int first, int count) {
        for (int i = first; i < first + count; i++) {
            store.addDeliveries(List.of(new EmulatorStore.PendingDelivery("whd_" + i, "evt_" + i,
                    "http://127.0.0.1:1/", "whsec_test", "x".repeat(500), false, 1, T0)));
        }
        store.claimDueDeliveries(T0, T0.plusSeconds(30), count).forEach(d -> store.removeDelivery(d.id()));
    }

    @Test
    void anEmulatorDeliveringWebhooksTidiesItsQueue() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        EmulatorSettings settings = EmulatorSettings.defaults().withWebhookEndpoint("http://in.process/hook", "whsec_test")
                .withWebhookTiming(Duration.ZERO, 3, Duration.ofMillis(100), Duration.ofSeconds(1));
        try (StripeEmulator emulator = new StripeEmulator(store, settings)) {
            emulator.receiveInProcess("http://in.process/hook", (payload, signature) -> {
                received.add(payload);
                return 200;
            });
            for (int i = 0; i < 40; i++) {
                post(emulator, "/v1/payment_intents", "amount=1000&currency=eur");
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while ((received.size() < 40 || deliveriesTableVacuums() == 0) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        }
        assertThat(received).hasSize(40);
        assertThat(deliveriesTableVacuums()).as("VACUUMs run by the emulator, not autovacuum").isPositive();
    }

    private long deliveriesTableVacuums() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = '"
                        + store.schema() + "' AND relname = 'webhook_deliveries'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private long deliveriesTableBytes() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT pg_relation_size('" + store.schema() + ".webhook_deliveries')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSecondStoreOnTheSameSchemaSeesTheSameObjects() {
        store.insert("customer", "cus_1", new java.util.LinkedHashMap<>(java.util.Map.of("id", "cus_1")));

        assertThat(new JdbcEmulatorStore(dataSource, store.schema()).find("customer", "cus_1")).isPresent();
    }

    private static java.util.Map<String, Object> customer(String id, long value) {
        java.util.Map<String, Object> customer = new java.util.LinkedHashMap<>();
        customer.put("id", id);
        customer.put("object", "customer");
        customer.put("value", value);
        customer.put("metadata", new java.util.LinkedHashMap<>(java.util.Map.of("b", "2")));
        return customer;
    }

    private List<String> stored(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.replace("{schema}", store.schema()))) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** What a unit sends to the database: its writes once, at the commit, and each row it reads once. */
    @Nested
    class WriteBehind {

        private final CountingDataSource counting = new CountingDataSource(dataSource);
        private JdbcEmulatorStore counted;

        @BeforeEach
        void countedStore() {
            counted = new JdbcEmulatorStore(counting.dataSource(), store.schema());
        }

        @Test
        void anObjectInsertedUpdatedAndReadInOneUnitIsStoredOnceWithItsLastBodyAsItsJsonText() throws Exception {
            counting.record();
            counted.atomically(() -> {
                counted.insert("customer", "cus_1", customer("cus_1", 1L));
                counted.update("customer", "cus_1", c -> {
                    c.put("value", 2L);
                    return c;
                });
                assertThat(counted.find("customer", "cus_1")).contains(customer("cus_1", 2L));
                counted.update("customer", "cus_1", c -> {
                    c.put("value", 3L);
                    return c;
                });
                return counted.find("customer", "cus_1");
            });

            assertThat(counting.statements()).hasSize(2).last().isEqualTo("COMMIT");
            assertThat(counting.statements().getFirst()).startsWith("INSERT INTO " + store.schema() + ".objects ");
            assertThat(stored("SELECT body FROM {schema}.objects WHERE kind = 'customer'"))
                    .containsExactly(Json.write(customer("cus_1", 3L)));
        }

        @Test
        void aStoredObjectIsLockedOnceWhenFirstUpdatedInAUnitAndReadOnce() {
            store.insert("customer", "cus_1", customer("cus_1", 1L));
            store.insert("customer", "cus_2", customer("cus_2", 1L));
            counting.record();
            counted.atomically(() -> {
                counted.find("customer", "cus_2");
                counted.find("customer", "cus_2");
                for (long i = 2; i <= 4; i++) {
                    long value = i;
                    counted.update("customer", "cus_1", c -> {
                        c.put("value", value);
                        return c;
                    });
                }
                return counted.find("customer", "cus_1");
            });

            assertThat(counting.statements()).containsExactly(
                    "SELECT body FROM " + store.schema() + ".objects WHERE kind = ? AND id = ?",
                    "SELECT body FROM " + store.schema() + ".objects WHERE kind = ? AND id = ? FOR UPDATE",
                    counting.statements().get(2), "COMMIT");
            assertThat(counting.statements().get(2)).startsWith("INSERT INTO " + store.schema() + ".objects ");
            assertThat(store.find("customer", "cus_1")).contains(customer("cus_1", 4L));
        }

        @Test
        void aUnitThatFailsStoresNothingAndSendsNoneOfItsWrites() {
            store.insert("customer", "cus_0", customer("cus_0", 0L));
            counting.record();
            assertThatThrownBy(() -> counted.atomically(() -> {
                counted.insert("customer", "cus_1", customer("cus_1", 1L));
                counted.update("customer", "cus_0", c -> {
                    c.put("value", 9L);
                    return c;
                });
                counted.addDeliveries(List.of(new EmulatorStore.PendingDelivery("d1", "evt_1", "http://127.0.0.1:1/",
                        "whsec_x", "{}", true, 1, T0)));
                counted.scheduleTransitions(List.of(new EmulatorStore.ScheduledTransition("t1", "refund", "re_1",
                        "refund.succeed", T0)));
                assertThat(counted.claimIdempotent("sk_test_a", "k", "f", T0, T0.minusSeconds(86400),
                        T0.minusSeconds(300))).isEqualTo(new EmulatorStore.Claim.Claimed());
                counted.completeIdempotent("sk_test_a", "k", new EmulatorStore.IdempotentResponse("f", 200, "{}"));
                throw new IllegalStateException("the request failed");
            })).hasMessage("the request failed");

            assertThat(counting.statements()).noneMatch(sql -> sql.startsWith("INSERT") || sql.startsWith("UPDATE")
                    || sql.startsWith("COMMIT")).last().isEqualTo("ROLLBACK");
            assertThat(store.find("customer", "cus_1")).isEmpty();
            assertThat(store.find("customer", "cus_0")).contains(customer("cus_0", 0L));
            assertThat(store.claimDueDeliveries(T0, T0.plusSeconds(30), 10)).isEmpty();
            assertThat(store.transitionsOf("refund", "re_1")).isEmpty();
            assertThat(store.claimIdempotent("sk_test_a", "k", "f", T0, T0.minusSeconds(86400),
                    T0.minusSeconds(300))).isEqualTo(new EmulatorStore.Claim.Claimed());
        }

        @Test
        void aUnitsObjectsIdempotencyResponseAndDeliveriesGoInOneStatementAtTheCommit() {
            counting.record();
            counted.atomically(() -> {
                counted.claimIdempotent("sk_test_a", "k", "f", T0, T0.minusSeconds(86400), T0.minusSeconds(300));
                counted.insert("customer", "cus_1", customer("cus_1", 1L));
                counted.insert("event", "evt_1", customer("evt_1", 1L));
                counted.addDeliveries(List.of(new EmulatorStore.PendingDelivery("d1", "evt_1", "http://127.0.0.1:1/",
                        "whsec_x", "{}", true, 1, T0)));
                counted.completeIdempotent("sk_test_a", "k", new EmulatorStore.IdempotentResponse("f", 200, "{}"));
                return null;
            });

            List<String> statements = counting.statements();
            assertThat(statements).hasSize(4);
            assertThat(statements.get(0)).startsWith("DELETE FROM " + store.schema() + ".idempotency WHERE created");
            assertThat(statements.get(1)).startsWith("WITH l AS (SELECT pg_try_advisory_xact_lock(");
            assertThat(statements.get(2)).startsWith("WITH w0 AS (INSERT INTO " + store.schema() + ".objects ")
                    .contains("UPDATE " + store.schema() + ".idempotency ")
                    .contains("INSERT INTO " + store.schema() + ".webhook_deliveries ");
            assertThat(statements.get(3)).isEqualTo("COMMIT");
            assertThat(store.claimIdempotent("sk_test_a", "k", "f", T0, T0.minusSeconds(86400), T0.minusSeconds(300)))
                    .isEqualTo(new EmulatorStore.Claim.Completed(new EmulatorStore.IdempotentResponse("f", 200, "{}")));
            assertThat(store.claimDueDeliveries(T0, T0.plusSeconds(30), 10)).hasSize(1);
            assertThat(store.list("customer")).containsExactly(customer("cus_1", 1L));
        }

        /**
         * The statements of the requests of a checkout, pinned so that more cannot creep back unnoticed. Before
         * the write-behind (and the one-statement claim) they were: customer create with a key 7, its replay 5,
         * payment intent create+confirm with a confirmation token and a key 22, a webhook delivered 4, each with its
         * commit.
         */
        @Test
        void aCheckoutsRequestsSendFewStatements() {
            try (StripeEmulator emulator = new StripeEmulator(counted)) {
                emulator.addWebhookEndpoint("http://127.0.0.1:1/hook", "whsec_x", List.of("payment_intent.succeeded"));
                call(emulator, "POST", "/v1/customers", "email=warm@example.com", "warm-up");

                counting.record();
                String customer = (String) json(call(emulator, "POST", "/v1/customers", "email=a@example.com", "k1"))
                        .get("id");
                // The faults and the webhook endpoints (one statement), the claim, the flush, the commit.
                assertThat(counting.statements()).as("customer create: %s", counting.statements()).hasSize(4);

                counting.record();
                assertThat(call(emulator, "POST", "/v1/customers", "email=a@example.com", "k1").headers())
                        .containsEntry("Idempotent-Replayed", "true");
                // Faults, the claim (which answers the recorded response), the commit.
                assertThat(counting.statements()).as("customer replay").hasSize(3);

                String token = (String) json(post(emulator, "/v1/test_helpers/confirmation_tokens",
                        "payment_method=pm_card_visa")).get("id");
                counting.record();
                StripeEmulator.Response confirmed = call(emulator, "POST", "/v1/payment_intents", "amount=1000&"
                        + "currency=usd&customer=" + customer + "&confirm=true&confirmation_token=" + token, "k2");
                assertThat(json(confirmed)).containsEntry("status", "succeeded");
                // The faults and the webhook endpoints listed in the unit (one statement, first), the claim, the
                // customer and the token read, the token locked, the flush, the commit.
                assertThat(counting.statements()).as("payment intent create+confirm: %s", counting.statements())
                        .hasSize(7);
                assertThat(counting.statements().getFirst()).contains("WHERE kind = ANY");
                assertThat(counting.statements()).filteredOn(sql -> sql.contains(".objects (kind, id, body)"))
                        .singleElement().asString().startsWith("WITH w0 AS (INSERT INTO " + store.schema() + ".objects")
                        .contains("UPDATE " + store.schema() + ".idempotency ")
                        .contains("INSERT INTO " + store.schema() + ".webhook_deliveries ");

                // A webhook delivered: its delivery removed and its event's pending_webhooks counted down, as the
                // dispatcher does it.
                String event = (String) counted.list("event").getLast().get("id");
                counted.addDeliveries(List.of(new EmulatorStore.PendingDelivery("whd_1", event, "http://127.0.0.1:1/",
                        "whsec_x", "{}", true, 1, T0)));
                counting.record();
                counted.atomically(() -> {
                    counted.removeDelivery("whd_1");
                    return counted.update("event", event, e -> {
                        e.put("pending_webhooks", 0L);
                        return e;
                    });
                });
                // The event locked, the flush, the commit.
                assertThat(counting.statements()).as("webhook delivered: %s", counting.statements()).hasSize(3);
                assertThat(store.claimDueDeliveries(T0, T0.plusSeconds(30), 10)).isEmpty();
                assertThat(store.find("event", event).orElseThrow()).containsEntry("pending_webhooks", 0L);
            }
        }
    }

    @Nested
    class TwoNodes {

        @Test
        void aRequestWithAKeyInProgressOnOneNodeIs409OnTheOther() throws Exception {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (StripeEmulator a = new StripeEmulator(new BlockingStore(store, "customer", inside, release));
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                CompletableFuture<StripeEmulator.Response> first = CompletableFuture.supplyAsync(
                        () -> call(a, "POST", "/v1/customers", "email=a@example.com", "k1"));
                assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

                StripeEmulator.Response second = call(b, "POST", "/v1/customers", "email=a@example.com", "k1");
                release.countDown();

                assertThat(second.status()).isEqualTo(409);
                assertThat(Calls.error(second)).containsEntry("code", "idempotency_key_in_use");
                String id = (String) json(first.get(5, TimeUnit.SECONDS)).get("id");
                StripeEmulator.Response replayed = call(b, "POST", "/v1/customers", "email=a@example.com", "k1");
                assertThat(replayed.headers()).containsEntry("Idempotent-Replayed", "true");
                assertThat(json(replayed).get("id")).isEqualTo(id);
            }
        }

        @Test
        void aRequestWithAKeyInProgressInItsTransactionOnOneNodeIs409OnTheOtherAndThenReplayed() throws Exception {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (StripeEmulator a = new StripeEmulator(BlockingStore.inUnits(store, "customer", inside, release));
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                CompletableFuture<StripeEmulator.Response> first = CompletableFuture.supplyAsync(
                        () -> call(a, "POST", "/v1/customers", "email=a@example.com", "k1"));
                assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

                StripeEmulator.Response second = call(b, "POST", "/v1/customers", "email=a@example.com", "k1");
                release.countDown();

                assertThat(second.status()).isEqualTo(409);
                assertThat(Calls.error(second)).containsEntry("code", "idempotency_key_in_use");
                StripeEmulator.Response ran = first.get(5, TimeUnit.SECONDS);
                assertThat(ran.status()).isEqualTo(200);
                StripeEmulator.Response replayed = call(b, "POST", "/v1/customers", "email=a@example.com", "k1");
                assertThat(replayed.headers()).containsEntry("Idempotent-Replayed", "true");
                assertThat(replayed.body()).isEqualTo(ran.body());
                StripeEmulator.Response other = call(b, "POST", "/v1/customers", "email=b@example.com", "k1");
                assertThat(other.status()).isEqualTo(400);
                assertThat(Calls.error(other)).containsEntry("type", "idempotency_error");
                assertThat(b.handle(new StripeEmulator.Request("GET", "/v1/customers/" + json(ran).get("id"), null,
                        "", name -> name.equalsIgnoreCase("authorization") ? "Bearer " + Calls.KEY : null))
                        .status()).isEqualTo(200);
            }
        }

        @Test
        void aRequestThatFailedOrRolledBackOnOneNodeLeavesItsKeyFreeOnTheOther() {
            try (StripeEmulator a = new StripeEmulator(store);
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                assertThat(call(a, "POST", "/v1/customers", "nonsense=1", "k1").status()).isEqualTo(400);
                assertThat(call(a, "POST", "/v1/payment_intents/pi_missing/confirm", "", "k2").status())
                        .isEqualTo(404);

                StripeEmulator.Response valid = call(b, "POST", "/v1/customers", "email=a@example.com", "k1");
                assertThat(valid.status()).isEqualTo(200);
                assertThat(valid.headers()).doesNotContainKey("Idempotent-Replayed");
                StripeEmulator.Response again = call(b, "POST", "/v1/payment_intents/pi_missing/confirm", "", "k2");
                assertThat(again.status()).isEqualTo(404);
                assertThat(again.headers()).doesNotContainKey("Idempotent-Replayed");
            }
        }

        @Test
        void aFaultSetOnOneNodeFailsTheRequestOnTheOther() {
            try (StripeEmulator a = new StripeEmulator(store);
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                post(a, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers&status=500");

                assertThat(post(b, "/v1/customers", "").status()).isEqualTo(500);
                assertThat(post(a, "/v1/customers", "").status()).isEqualTo(200);
            }
        }

        @Test
        void concurrentRequestsOnTwoNodesUseUpAFaultsFailuresExactlyOnceEach() throws Exception {
            try (StripeEmulator a = new StripeEmulator(store);
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                post(a, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers&status=500&count=7");
                var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    StripeEmulator node = i % 2 == 0 ? a : b;
                    answers.add(pool.submit(() -> post(node, "/v1/customers", "").status()));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var answer : answers) {
                    statuses.add(answer.get());
                }
                pool.shutdown();

                assertThat(statuses).filteredOn(status -> status == 500).hasSize(7);
                assertThat(statuses).filteredOn(status -> status == 200).hasSize(33);
            }
        }

        @Test
        void theInstallationWebhookSecretIsTheSameOnBothNodes() {
            try (StripeEmulator a = new StripeEmulator(store);
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                assertThat(a.installationWebhookSecret()).matches("whsec_[A-Za-z0-9]{32}")
                        .isEqualTo(b.installationWebhookSecret());
            }
        }

        @Test
        void aWebhookNotYetSentWhenItsEmulatorStopsIsSentByAnotherOnTheSameDatabase() throws Exception {
            List<String> received = new CopyOnWriteArrayList<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/", exchange -> {
                try (exchange) {
                    received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            receiver.start();
            try {
                String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
                EmulatorSettings settings = EmulatorSettings.defaults().withWebhookEndpoint(url, "whsec_test")
                        .withWebhookTiming(Duration.ofSeconds(2), 3, Duration.ofMillis(100), Duration.ofSeconds(1));
                String customer;
                try (StripeEmulator crashed = new StripeEmulator(store, settings)) {
                    customer = (String) json(post(crashed, "/v1/payment_intents",
                            "amount=1000&currency=eur")).get("id");
                }
                Thread.sleep(2100);
                assertThat(received).isEmpty();
                try (StripeEmulator restarted = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()),
                        settings)) {
                    long deadline = System.currentTimeMillis() + 5000;
                    while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(300);
                }
                assertThat(received).singleElement().satisfies(payload -> {
                    assertThat(payload).contains("\"type\": \"payment_intent.created\"").contains(customer);
                });
            } finally {
                receiver.stop(0);
            }
        }
    }
}
