package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Calls.call;
import static dev.kassa.stripe.emulator.Calls.json;
import static dev.kassa.stripe.emulator.Calls.post;
import static org.assertj.core.api.Assertions.assertThat;

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
    void aSecondStoreOnTheSameSchemaSeesTheSameObjects() {
        store.insert("customer", "cus_1", new java.util.LinkedHashMap<>(java.util.Map.of("id", "cus_1")));

        assertThat(new JdbcEmulatorStore(dataSource, store.schema()).find("customer", "cus_1")).isPresent();
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
        void aFaultSetOnOneNodeFailsTheRequestOnTheOther() {
            try (StripeEmulator a = new StripeEmulator(store);
                    StripeEmulator b = new StripeEmulator(new JdbcEmulatorStore(dataSource, store.schema()))) {
                post(a, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers&status=500");

                assertThat(post(b, "/v1/customers", "").status()).isEqualTo(500);
                assertThat(post(a, "/v1/customers", "").status()).isEqualTo(200);
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
