package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code DiscountRedemptionLimitReached}: the buyer has used the discount as often as it allows per customer. */
@Schema(description = "The buyer already redeemed the discount the maximum number of times allowed per customer.")
public final class DiscountRedemptionLimitReached extends ApiError {

    DiscountRedemptionLimitReached() {
        super(HttpStatus.FORBIDDEN, "You have already redeemed this discount the maximum number of times allowed per customer.");
    }
}
