package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Kassa only: the customer the checkout was made for has been deleted since. */
@Schema(description = "Kassa only: the customer linked to the checkout session has been deleted.")
public final class CheckoutCustomerDeleted extends ApiError {

    CheckoutCustomerDeleted() {
        super(HttpStatus.CONFLICT, "The customer associated with this checkout has been deleted.");
    }
}
