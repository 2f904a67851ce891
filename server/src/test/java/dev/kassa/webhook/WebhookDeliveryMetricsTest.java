package dev.kassa.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.support.ApiTest;
import dev.kassa.support.Scrape;
import dev.kassa.support.TestData.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kassa_webhook_deliveries_total{outcome}} counts each POST to a merchant's endpoint by its outcome. The counter
 * is the node's, over every tenant: a retry of another test's event may be counted in the same window, hence "at least".
 */
class WebhookDeliveryMetricsTest extends ApiTest {

    private final Receiver receiver = new Receiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aDeliveredAndAFailedPostAreCountedByTheirOutcome() throws Exception {
        Tenant tenant = data.tenant();
        as(tenant).body(Map.of("url", receiver.url(), "format", "raw", "events", List.of("customer.created")))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
        Scrape before = Scrape.of(port);

        as(tenant).body(Map.of("email", "metrics-ok@example.com")).post("/v1/customers/").then().statusCode(201);
        receiver.await(received -> received.size() == 1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Scrape.of(port).since(before, "kassa_webhook_deliveries_total", "outcome=\"delivered\"")).isGreaterThanOrEqualTo(1));

        receiver.answer(500);
        as(tenant).body(Map.of("email", "metrics-fail@example.com")).post("/v1/customers/").then().statusCode(201);
        receiver.await(received -> received.size() == 2, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Scrape.of(port).since(before, "kassa_webhook_deliveries_total", "outcome=\"failed\"")).isGreaterThanOrEqualTo(1));
    }
}
