package dev.kassa.product;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's 409 {@code ProductNotDeletable}: something was sold (or is being paid) through the product. */
@Schema(description = "The product is referenced by an order, a subscription, a discount or a checkout being paid: it "
        + "can only be archived.")
public final class ProductNotDeletable extends ApiError {
    public ProductNotDeletable() {
        super(HttpStatus.CONFLICT, "Product is in use and cannot be deleted. Archive it instead.");
    }
}
