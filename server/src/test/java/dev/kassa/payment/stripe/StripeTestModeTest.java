package dev.kassa.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.config.KassaSettings;
import dev.kassa.stripe.emulator.EmulatorStore;
import dev.kassa.stripe.emulator.JdbcEmulatorStore;
import dev.kassa.stripe.emulator.StripeEmulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
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

    @Test
    void inTestModeTheWebhookSecretIsTheInstallationsRandomOne() {
        runner.withBean(KassaSettings.class, () -> KassaSettings.fromEnvironment(Map.of()))
                .run(context -> {
                    String secret = context.getBean(StripeAccess.class).webhookSecret();
                    assertThat(secret).matches("whsec_[A-Za-z0-9]{32}")
                            .isEqualTo(context.getBean(StripeEmulator.class).installationWebhookSecret());
                });
    }

    @Test
    void inTestModeAPinnedWebhookSecretIsUsed() {
        runner.withBean(KassaSettings.class, () -> KassaSettings.fromEnvironment(Map.of("STRIPE_WEBHOOK_SECRET", "whsec_pinned")))
                .run(context -> assertThat(context.getBean(StripeAccess.class).webhookSecret()).isEqualTo("whsec_pinned"));
    }

    @Test
    void withADatabaseTheEmulatorKeepsItsStateAndSecretThereAcrossRestarts() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource db = postgres.getPostgresDatabase();
            AtomicReference<String> firstSecret = new AtomicReference<>();
            var withDb = runner.withBean(DataSource.class, () -> db)
                    .withBean(KassaSettings.class, () -> KassaSettings.fromEnvironment(Map.of()));
            withDb.run(context -> {
                assertThat(context.getBean(EmulatorStore.class)).isInstanceOf(JdbcEmulatorStore.class);
                firstSecret.set(context.getBean(StripeAccess.class).webhookSecret());
            });
            withDb.run(context -> assertThat(context.getBean(StripeAccess.class).webhookSecret())
                    .isEqualTo(firstSecret.get()));
        }
    }

    @Test
    void withStripeApiBaseTheEmulatorThereIsUsedAndNoneIsServed() {
        Map<String, String> env = Map.of("STRIPE_API_BASE", "http://127.0.0.1:12111/", "STRIPE_WEBHOOK_SECRET", "whsec_standalone");
        runner.withPropertyValues("STRIPE_API_BASE=http://127.0.0.1:12111/")
                .withBean(KassaSettings.class, () -> KassaSettings.fromEnvironment(env))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(StripeEmulator.class);
                    StripeAccess access = context.getBean(StripeAccess.class);
                    assertThat(access.testMode()).isTrue();
                    assertThat(access.webhookSecret()).isEqualTo("whsec_standalone");
                    assertThat(context.getBean(KassaSettings.class).stripeApiBase()).hasValueSatisfying(
                            base -> assertThat(base.toString()).isEqualTo("http://127.0.0.1:12111"));
                });
    }
}
