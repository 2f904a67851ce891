package dev.kassa.auth;

import java.util.UUID;

/** The authenticated buyer: a customer session token, acting only on its own customer's data. */
public record CustomerAccess(UUID customerId, UUID organizationId) {
}
