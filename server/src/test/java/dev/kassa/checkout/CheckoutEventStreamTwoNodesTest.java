package dev.kassa.checkout;

import static dev.kassa.checkout.CheckoutEventStreamTest.event;
import static dev.kassa.checkout.CheckoutEventStreamTest.keysAndPayloads;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.kassa.KassaApplication;
import dev.kassa.platform.db.EmbeddedDatabase;
import dev.kassa.webhook.Receiver;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Kassa nodes on one database: node A is the test's server, node B a second Kassa application context on the
 * same PostgreSQL (through {@code DATABASE_URL}), with its own web server and its own LISTEN connection. A stream
 * held on node B hears what node A commits.
 */
class CheckoutEventStreamTwoNodesTest extends CheckoutTestSupport {

    @Autowired
    DataSource dataSource;

    ConfigurableApplicationContext nodeB;
    int portB;

    @BeforeEach
    void startNodeB() throws Exception {
        URI jdbc = URI.create(dataSource.unwrap(HikariDataSource.class).getJdbcUrl().substring("jdbc:".length()));
        nodeB = new SpringApplicationBuilder(KassaApplication.class)
                .properties(Map.of(
                        "DATABASE_URL", "postgresql://" + EmbeddedDatabase.USER + "@" + jdbc.getHost() + ":" + jdbc.getPort() + jdbc.getPath(),
                        "KASSA_DATA_DIR", Files.createTempDirectory("kassa-node-b-").toString(),
                        "PUBLIC_BASE_URL", "http://localhost:8000",
                        "STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET,
                        "server.port", "0",
                        "spring.main.banner-mode", "off",
                        // Short, so that the test also sees a stream end with Polar's reconnect message.
                        "kassa.checkout-stream-lifetime", "PT4S"))
                .run();
        portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    @AfterEach
    void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aStreamOnNodeBSeesSucceededAndOrderCreatedForAConfirmMadeThroughNodeA() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        String secret = (String) checkout.get("client_secret");
        try (SseClient onB = SseClient.open(portB, secret)) {
            assertThat(portB).isNotEqualTo(port);
            confirm(secret, paidBody("ada@example.com", VISA)).statusCode(200);

            assertThat(keysAndPayloads(onB.next(5))).containsExactly(
                    event("checkout.updated", Map.of("status", "confirmed")),
                    event("checkout.webhook_event_delivered", Map.of("status", "confirmed")),
                    event("checkout.order_created", Map.of()),
                    event("checkout.updated", Map.of("status", "succeeded")),
                    event("checkout.webhook_event_delivered", Map.of("status", "succeeded")));
        }
    }

    @Test
    void aStreamOnNodeBSaysWebhookEventDeliveredOnlyOnceTheMerchantsReceiverAcceptedIt() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(503);
            as(tenant).body(Map.of("url", receiver.url(), "format", "raw", "events", List.of("checkout.updated")))
                    .post("/v1/webhooks/endpoints").then().statusCode(201);
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
            String secret = (String) checkout.get("client_secret");
            try (SseClient onB = SseClient.open(portB, secret)) {
                confirm(secret, paidBody("ada@example.com", VISA)).statusCode(200);

                assertThat(keysAndPayloads(onB.next(3))).containsExactly(
                        event("checkout.updated", Map.of("status", "confirmed")),
                        event("checkout.order_created", Map.of()),
                        event("checkout.updated", Map.of("status", "succeeded")));
                receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(30));
                assertThat(onB.drain(Duration.ofMillis(500))).isEmpty();
                receiver.answer(200);

                assertThat(keysAndPayloads(onB.next(2))).containsExactly(
                        event("checkout.webhook_event_delivered", Map.of("status", "confirmed")),
                        event("checkout.webhook_event_delivered", Map.of("status", "succeeded")));
            }
        }
    }

    @Test
    void aStreamEndsWithReconnectAfterItsLifetime() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        try (SseClient onB = SseClient.open(portB, (String) checkout.get("client_secret"))) {
            assertThat(onB.next(2)).containsExactly(CheckoutEventStream.RECONNECT, SseClient.END);
        }
    }

    @Test
    void stoppingANodeEndsItsStreamsWithReconnect() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1500));
        try (SseClient onB = SseClient.open(portB, (String) checkout.get("client_secret"))) {
            nodeB.close();

            assertThat(onB.next(2)).isEqualTo(List.of(CheckoutEventStream.RECONNECT, SseClient.END));
        }
    }
}
