package dev.kassa.customer.schemas;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code CustomerSession}; the token appears here only, once. */
public record CustomerSession(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @Schema(description = "`polar_cst_...`, valid for one hour; shown only here.") String token,
        Instant expiresAt,
        @Schema(description = "Where the portal's back link leads, as given when the session was created.")
        @Nullable String returnUrl,
        String customerPortalUrl,
        UUID customerId,
        Customer customer) {
}
