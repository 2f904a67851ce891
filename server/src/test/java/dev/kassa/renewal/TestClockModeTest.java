package dev.kassa.renewal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.web.ResourceNotFound;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The test clock exists only in Stripe test mode: with a real Stripe key, advancing is "not found" before anything else. */
class TestClockModeTest {

    @Test
    void withARealStripeKeyAdvanceIsNotFound() {
        KassaSettings live = KassaSettings.fromEnvironment(Map.of("STRIPE_SECRET_KEY", "sk_live_abc", "STRIPE_PUBLISHABLE_KEY",
                "pk_live_abc", "STRIPE_WEBHOOK_SECRET", "whsec_abc"));
        TestClock clock = new TestClock(live, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> clock.advance(UUID.randomUUID(), UUID.randomUUID())).isInstanceOf(ResourceNotFound.class);
    }
}
