package dev.kassa.webhook.schemas;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code WebhookDelivery}: one attempt to send an event. */
@Schema(description = "A webhook delivery for a webhook event.")
public record WebhookDelivery(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        boolean succeeded,
        @Schema(description = "The HTTP code returned by the URL. null if the endpoint was unreachable.") @Nullable Integer httpCode,
        @Schema(description = "The first 2 KiB of the response body, or the error message if the endpoint was "
                + "unreachable.") @Nullable String response,
        WebhookEvent webhookEvent) {
}
