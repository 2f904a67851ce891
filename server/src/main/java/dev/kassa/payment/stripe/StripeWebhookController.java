package dev.kassa.payment.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.ApiError;
import dev.kassa.platform.web.JsonBodyChecks;
import dev.kassa.platform.web.LimitedBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Stripe's webhooks: verifies {@code Stripe-Signature} (5-minute tolerance), stores the event once by
 * its id, acknowledges, and lets {@link StripeEventProcessor} act on it. Stripe retries anything but a 2xx, so a
 * failure to store answers 500 and Stripe delivers again.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class StripeWebhookController {

    static final long TOLERANCE_SECONDS = 300;
    /** Stripe's events for the objects Kassa uses are a few KiB; a body past 1 MiB is not one of them. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final StripeAccess stripe;
    private final StripeEventRepository events;
    private final ObjectProvider<StripeEventProcessor> processor;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StripeWebhookController(StripeAccess stripe, StripeEventRepository events, ObjectProvider<StripeEventProcessor> processor,
            TransactionTemplate transactions, Clock clock) {
        this.stripe = stripe;
        this.events = events;
        this.processor = processor;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PostMapping("/v1/integrations/stripe/webhook")
    Map<String, Object> receive(HttpServletRequest request,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) throws IOException {
        return receive(LimitedBody.read(request, MAX_BODY_BYTES), signature);
    }

    /** An event as sent, over HTTP or handed over in process by the test-mode emulator. */
    Map<String, Object> receive(byte[] body, String signature) {
        String payload = new String(body, StandardCharsets.UTF_8);
        if (signature == null || signature.isBlank()) {
            throw invalidSignature("Missing Stripe-Signature header.");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, stripe.webhookSecret(), TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            throw invalidSignature("Invalid Stripe-Signature: " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = Json.readTree(payload);
        } catch (RuntimeException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "InvalidPayload", "The event is not valid JSON.");
        }
        if (tree.isNull()) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "InvalidPayload", "The event is not a JSON object.");
        }
        if (!tree.isObject()) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "InvalidPayload", "The event is not valid JSON.");
        }
        if (JsonBodyChecks.firstProblem(tree) != null) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "InvalidPayload",
                    "The event holds text that cannot be stored (a NUL character or a lone surrogate).");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = Json.convert(tree, Map.class);
        Object id = event.get("id");
        Object type = event.get("type");
        if (!(id instanceof String eventId) || !(type instanceof String eventType)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "InvalidPayload", "The event has no id or type.");
        }
        if (eventType.startsWith("kassa.")) {
            // Kassa's own events are queued internally, never accepted from outside.
            throw new ApiError(HttpStatus.BAD_REQUEST, "InvalidPayload", "Unknown event type.");
        }
        Object objectId = event.get("data") instanceof Map<?, ?> data && data.get("object") instanceof Map<?, ?> object
                ? object.get("id") : null;
        String object = objectId == null ? null : objectId.toString();
        StripeEventProcessor now = processor.getIfAvailable();
        if (now != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = event.get("data") instanceof Map<?, ?> d && d.get("object") instanceof Map<?, ?> o
                    ? (Map<String, Object>) o : Map.of();
            return Map.of("received", true, "duplicate", !now.receive(eventId, eventType, object, payload, data));
        }
        boolean stored = Boolean.TRUE.equals(transactions.execute(status ->
                events.insertIfNew(eventId, eventType, object, payload, clock.instant())));
        return Map.of("received", true, "duplicate", !stored);
    }

    private static ApiError invalidSignature(String detail) {
        return new ApiError(HttpStatus.BAD_REQUEST, "InvalidSignature", detail);
    }
}
