package dev.kassa.platform.web;

import org.springframework.http.HttpStatus;

public final class PayloadTooLarge extends ApiError {
    public PayloadTooLarge(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Request body is larger than " + limit + " bytes.");
    }
}
