package dev.kassa.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.config.KassaSettings;
import dev.kassa.stripe.emulator.StripeEmulator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Test mode is decided by the Stripe secret key alone. */
class StripeTestModeTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(StripeConfiguration.class);

    @Test
    void withoutAKeyTheEmulatorIsServedAndUsed() {
        runner.withBean(KassaSettings.class, () -> KassaSettings.fromEnvironment(Map.of()))
                .run(context -> {
                    assertThat(context).hasSingleBean(StripeEmulator.class);
                    assertThat(context.getBean(StripeAccess.class).testMode()).isTrue();
                    assertThat(context.getBean(StripeAccess.class).publishableKey()).isEqualTo("pk_test_kassa_emulator");
                });
    }

    @Test
    void withAKeyNothingIsEmulated() {
        Map<String, String> env = Map.of("STRIPE_SECRET_KEY", "sk_live_123", "STRIPE_PUBLISHABLE_KEY", "pk_live_123",
                "STRIPE_WEBHOOK_SECRET", "whsec_123");
        runner.withPropertyValues("STRIPE_SECRET_KEY=sk_live_123")
                .withBean(KassaSettings.class, () -> KassaSettings.fromEnvironment(env))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(StripeEmulator.class);
                    assertThat(context.getBean(StripeAccess.class).testMode()).isFalse();
                    assertThat(context.getBean(StripeAccess.class).publishableKey()).isEqualTo("pk_live_123");
                    assertThat(context.getBean(StripeAccess.class).webhookSecret()).isEqualTo("whsec_123");
                });
    }
}
