package dev.kassa.order;

import dev.kassa.platform.config.KassaSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Download links of order documents, Kassa's stand-in for Polar's presigned S3 URLs:
 * {@code PUBLIC_BASE_URL/documents/<kind>/<order id>/<file name>?expires=<epoch seconds>&signature=<HMAC>}. The
 * signature is HMAC-SHA256 over the kind, order, file name and expiry, keyed by the installation's
 * {@value #KEY_NAME} key in {@code signing_keys}: the same on every node and across restarts. A link is valid for
 * {@link #TTL}, like Polar's presigned invoice URLs (600 s).
 */
@Component
class DocumentLinks {

    static final Duration TTL = Duration.ofMinutes(10);
    static final String KEY_NAME = "order_document_links";
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Kind {
        INVOICE, RECEIPT;

        String pathName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromPathName(String name) {
            for (Kind kind : values()) {
                if (kind.pathName().equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    enum Verdict {
        VALID, FORGED, EXPIRED
    }

    private final OrderDocumentRepository repository;
    private final KassaSettings settings;
    private final Clock clock;
    private volatile byte[] key;

    DocumentLinks(OrderDocumentRepository repository, KassaSettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    String url(Kind kind, UUID orderId, String fileName) {
        long expires = clock.instant().plus(TTL).getEpochSecond();
        return settings.publicBaseUrlWithoutTrailingSlash() + "/documents/" + kind.pathName() + "/" + orderId + "/"
                + fileName + "?expires=" + expires + "&signature=" + sign(kind, orderId, fileName, expires);
    }

    /** FORGED for a missing, malformed or wrong signature or expiry; EXPIRED for a genuine link past its expiry. */
    Verdict verify(Kind kind, UUID orderId, String fileName, String expires, String signature) {
        if (expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return Verdict.FORGED;
        }
        long expiresAt = Long.parseLong(expires);
        byte[] expected = sign(kind, orderId, fileName, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORGED;
        }
        return Instant.ofEpochSecond(expiresAt).isAfter(clock.instant()) ? Verdict.VALID : Verdict.EXPIRED;
    }

    private String sign(Kind kind, UUID orderId, String fileName, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            String message = kind.pathName() + "\n" + orderId + "\n" + fileName + "\n" + expires;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] key() {
        byte[] current = key;
        if (current == null) {
            byte[] candidate = new byte[32];
            RANDOM.nextBytes(candidate);
            current = repository.signingKey(KEY_NAME, candidate, clock.instant());
            key = current;
        }
        return current;
    }
}
