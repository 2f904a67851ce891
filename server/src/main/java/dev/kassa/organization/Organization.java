package dev.kassa.organization;

import java.time.Instant;
import java.util.UUID;

public record Organization(UUID id, String name, String slug, String defaultPresentmentCurrency,
        Instant createdAt, Instant modifiedAt) {
}
