package dev.kassa.product;

import dev.kassa.platform.web.ApiError;
import org.springframework.http.HttpStatus;

/** Polar's 409 {@code ProductNotDeletable}: something was sold (or is being paid) through the product. */
public final class ProductNotDeletable extends ApiError {
    public ProductNotDeletable() {
        super(HttpStatus.CONFLICT, "ProductNotDeletable", "Product is in use and cannot be deleted. Archive it instead.");
    }
}
