package dev.kassa.webhook.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code WebhookEvent}: one event for one endpoint; each attempt to send it is a delivery. */
@Schema(description = "A webhook event: something that happened, to be sent to one endpoint.")
public record WebhookEvent(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @Nullable Integer lastHttpCode,
        @Nullable Boolean succeeded,
        boolean skipped,
        String apiVersion,
        @Nullable String payload,
        @SchemaName("WebhookEventType") String type,
        boolean isArchived) {
}
