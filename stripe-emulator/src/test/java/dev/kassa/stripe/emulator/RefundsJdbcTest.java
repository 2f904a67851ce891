package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RefundsContract} on the JDBC store (embedded PostgreSQL, a fresh schema per test), and what the database
 * adds: a refund's later status change is not lost when its emulator stops before it is due.
 */
class RefundsJdbcTest extends RefundsContract {

    static EmbeddedPostgres postgres;
    static DataSource dataSource;
    private String schema;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    EmulatorStore newStore() {
        schema = JdbcEmulatorStoreTest.freshSchema();
        return new JdbcEmulatorStore(dataSource, schema);
    }

    @Test
    void twoNodesOnOneDatabaseSettleAPendingRefundOnce() throws Exception {
        EmulatorStore store = newStore();
        try (StripeEmulator a = emulator(store, Duration.ofMillis(300));
                StripeEmulator b = emulator(new JdbcEmulatorStore(dataSource, schema), Duration.ofMillis(300));
                StripeEmulatorServer serverA = StripeEmulatorServer.start("127.0.0.1", 0, "", a)) {
            StripeClient client = StripeClient.builder().setApiKey("sk_test_refunds").setApiBase(serverA.apiBase())
                    .build();
            java.util.List<String> refunds = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                PaymentIntent pi = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                        .setAmount(900L).setCurrency("eur").setConfirm(true)
                        .setPaymentMethod("pm_card_pendingRefund").build());
                refunds.add(client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                        .build()).getId());
            }
            for (String refund : refunds) {
                assertThat(awaitEvents(about("refund.updated", refund), 1)).hasSize(1);
            }
            Thread.sleep(1500);

            for (String refund : refunds) {
                assertThat(received.stream().filter(about("refund.updated", refund))).hasSize(1);
                assertThat(client.v1().refunds().retrieve(refund).getStatus()).isEqualTo("succeeded");
            }
        }
    }

    @Test
    void aPendingRefundStillSettlesWhenItsEmulatorStoppedBeforeItWasDue() throws Exception {
        EmulatorStore store = newStore();
        String refundId;
        try (StripeEmulator stopping = emulator(store, Duration.ofMillis(1500));
                StripeEmulatorServer stoppingServer = StripeEmulatorServer.start("127.0.0.1", 0, "", stopping)) {
            StripeClient client = StripeClient.builder().setApiKey("sk_test_refunds")
                    .setApiBase(stoppingServer.apiBase()).build();
            PaymentIntent pi = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(900L).setCurrency("eur").setConfirm(true).setPaymentMethod("pm_card_pendingRefund")
                    .build());
            refundId = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                    .build()).getId();
        }
        Thread.sleep(1700);
        assertThat(new JdbcEmulatorStore(dataSource, schema).find("refund", refundId).orElseThrow().get("status"))
                .isEqualTo("pending");

        try (StripeEmulator restarted = emulator(new JdbcEmulatorStore(dataSource, schema), Duration.ofHours(1));
                StripeEmulatorServer restartedServer = StripeEmulatorServer.start("127.0.0.1", 0, "", restarted)) {
            Event updated = awaitEvents(about("refund.updated", refundId), 1).getFirst();
            StripeClient client = StripeClient.builder().setApiKey("sk_test_refunds")
                    .setApiBase(restartedServer.apiBase()).build();

            assertThat(((Refund) updated.getDataObjectDeserializer().getObject().orElseThrow()).getStatus())
                    .isEqualTo("succeeded");
            assertThat(client.v1().refunds().retrieve(refundId).getStatus()).isEqualTo("succeeded");
        }
    }
}
