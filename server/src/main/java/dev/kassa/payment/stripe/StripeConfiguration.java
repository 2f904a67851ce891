package dev.kassa.payment.stripe;

import com.stripe.StripeClient;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.stripe.emulator.EmulatorStore;
import dev.kassa.stripe.emulator.InMemoryEmulatorStore;
import dev.kassa.stripe.emulator.JdbcEmulatorStore;
import dev.kassa.stripe.emulator.StripeEmulator;
import dev.kassa.stripe.emulator.StripeEmulatorConfiguration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Kassa's Stripe client. With {@code STRIPE_SECRET_KEY}: Stripe itself (or {@code STRIPE_API_BASE}). Without it,
 * test mode: Kassa's own emulator, served under {@code /_stripe} and kept in Kassa's database (schema
 * {@code stripe_emulator}), so that test-mode payments survive a restart and several nodes share one emulated
 * Stripe; or, with {@code STRIPE_API_BASE}, an emulator running on its own ({@code ./kassa stripe-emulator}).
 */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

    static final String TEST_MODE_SECRET_KEY = "sk_test_kassa_emulator";
    static final String TEST_MODE_PUBLISHABLE_KEY = "pk_test_kassa_emulator";
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 20_000;

    @Bean
    StripeAccess stripeAccess(KassaSettings settings, Environment environment, ObjectProvider<StripeEmulator> emulator) {
        if (!settings.stripeTestMode()) {
            StripeClient client = clientBuilder(settings.stripeSecretKey().orElseThrow(), settings)
                    .setMaxNetworkRetries(2)
                    .build();
            return new StripeAccess(() -> client, settings.stripePublishableKey().orElseThrow(),
                    settings.stripeWebhookSecret().orElseThrow(), false);
        }
        if (settings.stripeApiBase().isPresent()) {
            log.info("Stripe test mode: payments and tax go to the Stripe emulator at {}", settings.stripeApiBase().get());
            StripeClient client = clientBuilder(TEST_MODE_SECRET_KEY, settings).build();
            return new StripeAccess(() -> client, TEST_MODE_PUBLISHABLE_KEY, settings.stripeWebhookSecret().orElseThrow(),
                    true);
        }
        log.info("Stripe test mode: no STRIPE_SECRET_KEY, so payments and tax are emulated by Kassa's Stripe emulator at {}/_stripe",
                settings.publicBaseUrlWithoutTrailingSlash());
        // In-process: the same emulator as /_stripe, without a loopback HTTP round trip per call (see the client).
        String basePath = environment.getProperty("kassa.stripe-emulator.base-path", "/_stripe");
        StripeClient built = StripeClient.builder()
                .setApiKey(TEST_MODE_SECRET_KEY)
                .setApiBase("http://127.0.0.1" + basePath)
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS)
                .setHttpClient(new InProcessEmulatorClient(emulator.getObject(), basePath, java.time.Duration.ofMillis(READ_TIMEOUT_MS)))
                .build();
        Supplier<StripeClient> client = () -> built;
        return new StripeAccess(client, TEST_MODE_PUBLISHABLE_KEY, testModeWebhookSecret(settings, emulator.getObject()),
                true);
    }

    /**
     * {@code STRIPE_WEBHOOK_SECRET} if set (tests pin it), else the installation's own random secret, made once and
     * kept with the emulator's data.
     */
    static String testModeWebhookSecret(KassaSettings settings, StripeEmulator emulator) {
        return settings.stripeWebhookSecret().orElseGet(emulator::installationWebhookSecret);
    }

    private static StripeClient.StripeClientBuilder clientBuilder(String key, KassaSettings settings) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(key)
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS);
        settings.stripeApiBase().ifPresent(base -> builder.setApiBase(base.toString()));
        return builder;
    }

    /**
     * Serves the emulator under {@code /_stripe} only in test mode without {@code STRIPE_API_BASE}; with a real key
     * or an emulator elsewhere the path does not exist.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${STRIPE_SECRET_KEY:}'.isBlank() and '${STRIPE_API_BASE:}'.isBlank()")
    @Import(StripeEmulatorConfiguration.class)
    static class StripeTestMode {

        /** The emulator's state in Kassa's database (schema {@code stripe_emulator}), or in memory without one. */
        @Bean
        EmulatorStore stripeEmulatorStore(ObjectProvider<DataSource> dataSource) {
            DataSource db = dataSource.getIfAvailable();
            return db == null ? new InMemoryEmulatorStore() : new JdbcEmulatorStore(db);
        }

        /**
         * Once the server listens, the emulator sends its signed webhooks to Kassa's webhook endpoint, like Stripe.
         * This node's own deliveries go to the endpoint's code in process (signature checked as over HTTP), without
         * a loopback request; another node sharing the store still POSTs them to this node's URL.
         */
        @Bean
        ApplicationListener<WebServerInitializedEvent> emulatorWebhooks(StripeEmulator emulator, KassaSettings settings,
                ObjectProvider<StripeWebhookController> webhooks) {
            return event -> {
                String url = "http://127.0.0.1:" + event.getWebServer().getPort() + "/v1/integrations/stripe/webhook";
                emulator.addWebhookEndpoint(url, testModeWebhookSecret(settings, emulator), StripeWebhookEvents.ENABLED);
                emulator.receiveInProcess(url, (payload, signature) -> {
                    try {
                        webhooks.getObject().receive(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), signature);
                        return 200;
                    } catch (dev.kassa.platform.web.ApiError e) {
                        return e.status().value();
                    }
                });
            };
        }
    }
}
