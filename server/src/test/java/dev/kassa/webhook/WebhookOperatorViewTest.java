package dev.kassa.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.admin.AdminCommand;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookOperatorViewTest extends ApiTest {

    @Test
    void adminWebhooksListsEndpointsWithTheirLatestDeliveriesAndFailures() throws Exception {
        Tenant tenant = data.tenant();
        try (Receiver receiver = new Receiver()) {
            receiver.answer(503);
            String endpointId = as(tenant).body(Map.of("url", receiver.url(), "format", "raw", "events", List.of("customer.created")))
                    .post("/v1/webhooks/endpoints").then().statusCode(201).extract().path("id");
            as(tenant).body(Map.of("email", "operator@example.com")).post("/v1/customers/").then().statusCode(201);
            receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(30));
            Thread.sleep(300);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = AdminCommand.run(new String[] {"webhooks"}, Map.of("KASSA_DATA_DIR", DATA_DIR.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true));

            assertThat(status).isZero();
            JsonNode listed = null;
            for (JsonNode row : JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8)).get("endpoints")) {
                if (row.get("endpoint_id").stringValue().equals(endpointId)) {
                    listed = row;
                }
            }
            assertThat(listed).isNotNull();
            assertThat(listed.get("url").stringValue()).isEqualTo(receiver.url());
            assertThat(listed.get("enabled").booleanValue()).isTrue();
            assertThat(listed.get("events_by_state").get("pending").longValue()).isEqualTo(1);
            JsonNode latest = listed.get("latest_deliveries").get(0);
            assertThat(latest.get("type").stringValue()).isEqualTo("customer.created");
            assertThat(latest.get("succeeded").booleanValue()).isFalse();
            assertThat(latest.get("http_code").intValue()).isEqualTo(503);
            assertThat(listed.has("secret")).isFalse();
        }
    }
}
