package dev.kassa.webhook.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code WebhookEndpoint}. The secret is shown in full: Polar's API does too, to the organization. */
@Schema(description = "A webhook endpoint.")
public record WebhookEndpoint(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @Schema(description = "The URL where the webhook events will be sent.") String url,
        @Nullable String name,
        @Schema(description = "The API version that'll be used in event payloads.") String apiVersion,
        @SchemaName("WebhookFormat") String format,
        @Schema(description = "The secret used to sign the webhook events.") String secret,
        UUID organizationId,
        @Schema(description = "The events that will trigger the webhook.") List<String> events,
        @Schema(description = "Whether the webhook endpoint is enabled and will receive events.") boolean enabled,
        @Schema(description = "Always false: Kassa signs as Polar originally does, with an HMAC keyed by the UTF-8 "
                + "bytes of the full secret (Standard Webhooks headers).") boolean usesStandardWebhookSignature) {
}
