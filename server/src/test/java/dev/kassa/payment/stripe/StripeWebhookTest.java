package dev.kassa.payment.stripe;

import static org.hamcrest.Matchers.equalTo;

import com.stripe.net.Webhook;
import dev.kassa.support.ApiTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/integrations/stripe/webhook}: signature checks and storing each event once. */
class StripeWebhookTest extends ApiTest {

    private static final String SECRET = TEST_WEBHOOK_SECRET;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}";
    }

    private io.restassured.response.ValidatableResponse post(String payload, String signature) {
        var request = anonymous().body(payload);
        if (signature != null) {
            request = request.header("Stripe-Signature", signature);
        }
        return request.post("/v1/integrations/stripe/webhook").then();
    }

    @Test
    void aSignedEventIsStoredAndAcknowledged() throws Exception {
        String payload = event("evt_" + UUID.randomUUID());

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(200)
                .body("received", equalTo(true)).body("duplicate", equalTo(false));
    }

    @Test
    void anEventHandledOnReceiptIsStoredAsProcessedAfterOneAttempt() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String payload = event(id);

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(200);

        java.util.Map<String, Object> stored = jdbc.sql("""
                SELECT processed_at IS NOT NULL AS processed, processed_at = received_at AS at_receipt, attempts, last_error
                FROM stripe_events WHERE id = :id""").param("id", id).query().singleRow();
        org.assertj.core.api.Assertions.assertThat(stored).containsEntry("processed", true).containsEntry("at_receipt", true)
                .containsEntry("attempts", 1).containsEntry("last_error", null);
    }

    @Test
    void aReplayIsAcknowledgedAndIgnored() throws Exception {
        String payload = event("evt_" + UUID.randomUUID());
        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(200);

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(200).body("duplicate", equalTo(true));
    }

    @Test
    void aWrongSignatureIsRejected() throws Exception {
        String payload = event("evt_" + UUID.randomUUID());

        post(payload, Webhook.Signature.generateSignatureHeader(payload, "whsec_someone_else")).statusCode(400)
                .body("error", equalTo("InvalidSignature"));
    }

    @Test
    void aTamperedPayloadIsRejected() throws Exception {
        String payload = event("evt_" + UUID.randomUUID());
        String signature = Webhook.Signature.generateSignatureHeader(payload, SECRET);

        post(payload.replace("customer.created", "payment_intent.succeeded"), signature).statusCode(400);
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsRejected() throws Exception {
        String payload = event("evt_" + UUID.randomUUID());
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET, sixMinutesAgo)).statusCode(400);
    }

    @Test
    void aMissingSignatureIsRejected() {
        post(event("evt_" + UUID.randomUUID()), null).statusCode(400).body("detail", equalTo("Missing Stripe-Signature header."));
    }

    private long storedEvents(String id) {
        return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource).sql("SELECT count(*) FROM stripe_events WHERE id = ?")
                .param(id).query(Long.class).single();
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aSignedEventWithANulCharacterIsRefusedAndNotStored() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String payload = event(id).replace("\"object\":\"event\"", "\"object\":\"event\",\"note\":\"a\\u0000b\"");

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(400)
                .body("error", equalTo("InvalidPayload"))
                .body("detail", equalTo("The event holds text that cannot be stored (a NUL character or a lone surrogate)."));
        org.assertj.core.api.Assertions.assertThat(storedEvents(id)).isZero();
    }

    @Test
    void aSignedEventWithALoneSurrogateIsRefusedAndNotStored() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String payload = event(id).replace("\"cus_1\"", "\"cus_\\ud800\"");

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(400)
                .body("error", equalTo("InvalidPayload"));
        org.assertj.core.api.Assertions.assertThat(storedEvents(id)).isZero();
    }

    @Test
    void aSignedEventOverOneMebibyteIsTooLargeAndNotStored() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String payload = event(id).replace("\"object\":\"event\"", "\"object\":\"event\",\"pad\":\"" + "p".repeat(1024 * 1024) + "\"");

        post(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET)).statusCode(413)
                .body("error", equalTo("PayloadTooLarge")).body("detail", equalTo("Request body is larger than 1048576 bytes."));
        org.assertj.core.api.Assertions.assertThat(storedEvents(id)).isZero();
    }

    @Test
    void aSignedJsonNullIsAnInvalidPayload() throws Exception {
        post("null", Webhook.Signature.generateSignatureHeader("null", SECRET)).statusCode(400)
                .body("error", equalTo("InvalidPayload")).body("detail", equalTo("The event is not a JSON object."));
    }
}
