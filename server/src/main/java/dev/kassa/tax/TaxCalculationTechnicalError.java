package dev.kassa.tax;

import dev.kassa.platform.web.ApiError;
import org.springframework.http.HttpStatus;

/**
 * The tax processor could not be reached or failed: nothing the buyer can fix. Polar answers 500; Kassa answers
 * 502 Bad Gateway with Polar's name, since the failure is upstream. The request's transaction rolls back.
 */
public final class TaxCalculationTechnicalError extends ApiError {
    public TaxCalculationTechnicalError(Throwable cause) {
        super(HttpStatus.BAD_GATEWAY, "All tax processors failed to calculate tax", cause);
    }
}
