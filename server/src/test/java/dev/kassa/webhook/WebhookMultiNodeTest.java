package dev.kassa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.KassaApplication;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import dev.kassa.webhook.Receiver.Received;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Kassa nodes on one database: this test's server and a second Spring context attached to the same embedded
 * PostgreSQL, each with its own delivery worker. Events recorded on either node reach each endpoint exactly once.
 */
class WebhookMultiNodeTest extends ApiTest {

    static ConfigurableApplicationContext second;

    /** After this test's server is up, so that the second node attaches to its database instead of starting one. */
    static void startSecondNode() {
        second = new SpringApplicationBuilder(KassaApplication.class)
                .properties(Map.of("KASSA_DATA_DIR", DATA_DIR.toString(), "PUBLIC_BASE_URL", "http://localhost:8000",
                        "STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET, "kassa.attach-to-running-embedded", "true",
                        "kassa.test.throwaway-embedded-database", "true", "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .run();
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void eachEventReachesEachEndpointOnceWithTwoNodesDelivering() throws Exception {
        startSecondNode();
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        Tenant tenant = data.tenant();
        List<Receiver> receivers = List.of(new Receiver(), new Receiver(), new Receiver());
        try {
            for (Receiver receiver : receivers) {
                as(tenant).body(Map.of("url", receiver.url(), "format", "raw", "events", List.of("customer.created")))
                        .post("/v1/webhooks/endpoints").then().statusCode(201);
            }
            int customers = 60;
            List<Thread> writers = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                int nodePort = node == 0 ? port : secondPort;
                int first = node;
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = first; i < customers; i += 2) {
                        RestAssured.given().port(nodePort).contentType("application/json")
                                .header("Authorization", "Bearer " + tenant.token())
                                .body(Map.of("email", "multi" + i + "@example.com")).post("/v1/customers/")
                                .then().statusCode(201);
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            for (Receiver receiver : receivers) {
                receiver.await(r -> r.size() >= customers, Duration.ofSeconds(60));
            }
            Thread.sleep(2500); // time for a duplicate to show up, if there were one
            for (Receiver receiver : receivers) {
                Map<String, Long> byId = receiver.received().stream()
                        .collect(Collectors.groupingBy(Received::id, Collectors.counting()));
                assertThat(byId).hasSize(customers);
                assertThat(byId.values()).containsOnly(1L);
                Map<String, Long> byCustomer = receiver.received().stream()
                        .collect(Collectors.groupingBy(r -> (String) ((Map<?, ?>) Receiver.json(r).get("data")).get("email"),
                                HashMap::new, Collectors.counting()));
                assertThat(byCustomer).hasSize(customers);
            }
        } finally {
            receivers.forEach(Receiver::close);
        }
    }

}
