package dev.kassa.platform.web;

import org.springframework.http.HttpStatus;

/** 404 for an unknown id, or an object of another organization: the two are indistinguishable on purpose. */
public final class ResourceNotFound extends ApiError {
    public ResourceNotFound() {
        super(HttpStatus.NOT_FOUND, "Not found");
    }
}
