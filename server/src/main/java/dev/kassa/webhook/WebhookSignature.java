package dev.kassa.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures as Polar makes them: {@code v1,<base64 HMAC-SHA256>} of
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed by the UTF-8 bytes of the endpoint's whole secret,
 * {@code whsec_} prefix included (Polar hands the Standard Webhooks library the secret base64-encoded, so the
 * library's prefix stripping never applies). {@code validateEvent} of SDK 1.0.1 and the {@code standardwebhooks}
 * library given {@code base64(secret)} both verify it.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
