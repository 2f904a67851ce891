package dev.kassa.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What an {@code Idempotency-Key} is unique within: the caller ({@code organization:<id>}, {@code customer:<id>} or
 * {@code client_secret:<sha-256>}), the method and the path.
 */
record KeyScope(String scope, String method, String path, String key) {

    /** SHA-256 of the four, NUL-separated: the row's unique handle whatever their lengths. */
    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\0", scope, method, path, key).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
