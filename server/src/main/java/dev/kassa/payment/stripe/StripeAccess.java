package dev.kassa.payment.stripe;

import com.stripe.StripeClient;
import java.util.function.Supplier;

/**
 * Kassa's one Stripe client and the publishable key browsers use. In test mode the client points at the
 * emulator Kassa serves itself, over loopback; it is built on first use because the server's port is only
 * known once it listens.
 */
public final class StripeAccess {

    private final Supplier<StripeClient> client;
    private final String publishableKey;
    private final String webhookSecret;
    private final boolean testMode;

    StripeAccess(Supplier<StripeClient> client, String publishableKey, String webhookSecret, boolean testMode) {
        this.client = client;
        this.publishableKey = publishableKey;
        this.webhookSecret = webhookSecret;
        this.testMode = testMode;
    }

    /** The secret Stripe signs webhooks with ({@code whsec_...}). */
    public String webhookSecret() {
        return webhookSecret;
    }

    public StripeClient client() {
        return client.get();
    }

    public String publishableKey() {
        return publishableKey;
    }

    public boolean testMode() {
        return testMode;
    }
}
