package dev.kassa.payment.stripe;

import com.stripe.StripeClient;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.stripe.emulator.StripeEmulatorConfiguration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

    static final String TEST_MODE_SECRET_KEY = "sk_test_kassa_emulator";
    static final String TEST_MODE_PUBLISHABLE_KEY = "pk_test_kassa_emulator";
    static final String TEST_MODE_WEBHOOK_SECRET = "whsec_kassa_emulator_test_mode";
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 20_000;

    @Bean
    StripeAccess stripeAccess(KassaSettings settings, Environment environment) {
        if (!settings.stripeTestMode()) {
            StripeClient client = StripeClient.builder()
                    .setApiKey(settings.stripeSecretKey().orElseThrow())
                    .setConnectTimeout(CONNECT_TIMEOUT_MS)
                    .setReadTimeout(READ_TIMEOUT_MS)
                    .setMaxNetworkRetries(2)
                    .build();
            return new StripeAccess(() -> client, settings.stripePublishableKey().orElseThrow(),
                    settings.stripeWebhookSecret().orElseThrow(), false);
        }
        log.info("Stripe test mode: no STRIPE_SECRET_KEY, so payments and tax are emulated by Kassa's Stripe emulator at {}/_stripe",
                settings.publicBaseUrlWithoutTrailingSlash());
        Supplier<StripeClient> client = new Supplier<>() {
            private volatile StripeClient built;

            @Override
            public StripeClient get() {
                StripeClient current = built;
                if (current == null) {
                    synchronized (this) {
                        if (built == null) {
                            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8000"));
                            String basePath = environment.getProperty("kassa.stripe-emulator.base-path", "/_stripe");
                            built = StripeClient.builder()
                                    .setApiKey(TEST_MODE_SECRET_KEY)
                                    .setApiBase("http://127.0.0.1:" + port + basePath)
                                    .setConnectTimeout(CONNECT_TIMEOUT_MS)
                                    .setReadTimeout(READ_TIMEOUT_MS)
                                    .build();
                        }
                        current = built;
                    }
                }
                return current;
            }
        };
        return new StripeAccess(client, TEST_MODE_PUBLISHABLE_KEY, TEST_MODE_WEBHOOK_SECRET, true);
    }

    /** Serves the emulator under {@code /_stripe} only in test mode; with a real key the path does not exist. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${STRIPE_SECRET_KEY:}'.isBlank()")
    @Import(StripeEmulatorConfiguration.class)
    static class StripeTestMode {

        /** Once the server listens, the emulator sends its signed webhooks to Kassa's webhook endpoint, like Stripe. */
        @Bean
        org.springframework.context.ApplicationListener<org.springframework.boot.web.server.context.WebServerInitializedEvent> emulatorWebhooks(
                dev.kassa.stripe.emulator.StripeEmulator emulator) {
            return event -> emulator.addWebhookEndpoint("http://127.0.0.1:" + event.getWebServer().getPort()
                    + "/v1/integrations/stripe/webhook", TEST_MODE_WEBHOOK_SECRET);
        }
    }
}
