package dev.kassa.organization;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code catalogVersion} names the state of the organization's products, prices and attached fields as read with
 * this row (migration V92): it moves with every change to them.
 */
public record Organization(UUID id, String name, String slug, String defaultPresentmentCurrency,
        Instant createdAt, Instant modifiedAt, long catalogVersion) {
}
