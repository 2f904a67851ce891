package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Calls.call;
import static dev.kassa.stripe.emulator.Calls.error;
import static dev.kassa.stripe.emulator.Calls.get;
import static dev.kassa.stripe.emulator.Calls.json;
import static dev.kassa.stripe.emulator.Calls.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST/DELETE /v1/test_helpers/emulator/faults}: requests that fail on purpose, in Stripe's shapes. */
class FaultsTest {

    private final StripeEmulator emulator = new StripeEmulator(new InMemoryEmulatorStore());

    @AfterEach
    void close() {
        emulator.close();
    }

    private String customer() {
        return (String) json(post(emulator, "/v1/customers", "email=a@example.com")).get("id");
    }

    @Test
    void a401FaultAnswersStripesInvalidApiKeyError() {
        String id = customer();
        post(emulator, "/v1/test_helpers/emulator/faults", "method=GET&path_prefix=/v1/customers/&status=401");

        StripeEmulator.Response response = get(emulator, "/v1/customers/" + id);

        assertThat(response.status()).isEqualTo(401);
        assertThat(error(response)).isEqualTo(Map.of("type", "invalid_request_error",
                "message", "Invalid API Key provided: sk_test_****************************fault"));
    }

    @Test
    void a404FaultAnswersResourceMissingForTheObjectInThePath() {
        String id = customer();
        post(emulator, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers/&status=404");

        StripeEmulator.Response response = get(emulator, "/v1/customers/" + id);

        assertThat(response.status()).isEqualTo(404);
        assertThat(error(response)).isEqualTo(Map.of("type", "invalid_request_error", "code", "resource_missing",
                "message", "No such customer: '" + id + "'", "param", "id"));
    }

    @Test
    void a500FaultAnswersApiError() {
        post(emulator, "/v1/test_helpers/emulator/faults", "method=POST&path_prefix=/v1/customers&status=500");

        StripeEmulator.Response response = post(emulator, "/v1/customers", "email=a@example.com");

        assertThat(response.status()).isEqualTo(500);
        assertThat(error(response)).isEqualTo(Map.of("type", "api_error",
                "message", "An unknown error occurred (emulated fault)."));
    }

    @Test
    void aFaultFailsCountMatchingRequestsAndThenNoMore() {
        post(emulator, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers&status=500&count=2");

        assertThat(post(emulator, "/v1/customers", "").status()).isEqualTo(500);
        assertThat(post(emulator, "/v1/customers", "").status()).isEqualTo(500);
        assertThat(post(emulator, "/v1/customers", "").status()).isEqualTo(200);
    }

    @Test
    void aFaultLeavesRequestsWithAnotherMethodOrPathAlone() {
        String id = customer();
        post(emulator, "/v1/test_helpers/emulator/faults", "method=POST&path_prefix=/v1/payment_intents&status=500");

        assertThat(get(emulator, "/v1/customers/" + id).status()).isEqualTo(200);
        assertThat(get(emulator, "/v1/payment_intents/pi_x").status()).isEqualTo(404);
        assertThat(json(get(emulator, "/v1/test_helpers/emulator/faults")).get("data")).asList().singleElement()
                .satisfies(f -> assertThat(IntentSupport.castMap(f)).containsEntry("remaining", 1L)
                        .containsEntry("status", 500L).containsEntry("method", "POST")
                        .containsEntry("path_prefix", "/v1/payment_intents"));
    }

    @Test
    void lostWebhooksRecordTheNextEventsWithNoWebhookPending() {
        post(emulator, "/v1/test_helpers/emulator/faults", "type=lost_webhooks&count=1");
        emulator.addWebhookEndpoint("http://127.0.0.1:9/webhook", "whsec_lost");

        String token = (String) json(post(emulator, "/v1/test_helpers/confirmation_tokens", "payment_method=pm_card_visa")).get("id");
        post(emulator, "/v1/payment_intents", "amount=1000&currency=usd&confirm=true&confirmation_token=" + token);

        java.util.List<?> events = (java.util.List<?>) json(get(emulator, "/v1/events")).get("data");
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(((Map<?, ?>) events.getLast()).get("pending_webhooks")).as("the first event's webhook is lost").isEqualTo(0L);
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> assertThat(((Map<?, ?>) e).get("pending_webhooks")).isEqualTo(1L));
    }

    @Test
    void deletingTheFaultsClearsThem() {
        post(emulator, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers&status=500&count=5");

        StripeEmulator.Response cleared = call(emulator, "DELETE", "/v1/test_helpers/emulator/faults", "", null);

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(post(emulator, "/v1/customers", "").status()).isEqualTo(200);
        assertThat(json(get(emulator, "/v1/test_helpers/emulator/faults")).get("data")).asList().isEmpty();
    }

    @Test
    void aFaultedRequestIsNotRememberedForItsIdempotencyKey() {
        post(emulator, "/v1/test_helpers/emulator/faults", "path_prefix=/v1/customers&status=500");

        assertThat(call(emulator, "POST", "/v1/customers", "email=a@example.com", "k1").status()).isEqualTo(500);
        StripeEmulator.Response retried = call(emulator, "POST", "/v1/customers", "email=a@example.com", "k1");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.headers()).doesNotContainKey("Idempotent-Replayed");
    }

    @Test
    void aStatusOtherThan401_404_429Or500IsRefused() {
        StripeEmulator.Response response = post(emulator, "/v1/test_helpers/emulator/faults", "status=418");

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).containsEntry("param", "status");
    }
}
