package dev.kassa.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A webhook endpoint of an organization; {@code events} are wire names, in the merchant's order. */
record Endpoint(UUID id, UUID organizationId, String url, @Nullable String name, WebhookFormat format, String secret,
        List<String> events, String apiVersion, boolean enabled, @Nullable String disabledReason, Instant createdAt,
        @Nullable Instant modifiedAt) {

    Endpoint {
        events = List.copyOf(events);
    }
}
