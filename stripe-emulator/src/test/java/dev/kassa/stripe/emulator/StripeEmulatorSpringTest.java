package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.tax.Calculation;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.tax.CalculationCreateParams;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.OncePerRequestFilter;

/** The emulator mounted in a Spring MVC application the way Kassa mounts it: imported only without a Stripe key. */
class StripeEmulatorSpringTest {

    /** What the server does: import the emulator only when no Stripe secret key is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${STRIPE_SECRET_KEY:}'.isBlank()")
    @Import(StripeEmulatorConfiguration.class)
    static class StripeTestMode {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(StripeTestMode.class)
    static class App {

        /** A filter that reads parameters before the route does, as some filters do, consuming a form body. */
        @Bean
        OncePerRequestFilter parameterReadingFilter() {
            return new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws ServletException, IOException {
                    if (request.getHeader("X-Read-Parameters") != null) {
                        request.getParameterMap();
                    }
                    chain.doFilter(request, response);
                }
            };
        }
    }

    @Nested
    @SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class MountedUnderTheDefaultBasePath {

        @LocalServerPort
        int port;

        @Test
        void stripeJavaWorksWithApiBaseEndingInTheBasePath() throws Exception {
            StripeClient stripe = StripeClient.builder().setApiKey("sk_test_kassa")
                    .setApiBase("http://127.0.0.1:" + port + "/_stripe").build();
            Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setEmail("a@example.com")
                    .setAddress(CustomerCreateParams.Address.builder().setCountry("NL").build()).build());
            assertThat(stripe.v1().customers().retrieve(customer.getId(),
                    CustomerRetrieveParams.builder().addExpand("tax_ids").build()).getTaxIds().getData()).isEmpty();
            Calculation calculation = stripe.v1().tax().calculations().create(CalculationCreateParams.builder()
                    .setCurrency("eur").setCustomer(customer.getId())
                    .addLineItem(CalculationCreateParams.LineItem.builder().setAmount(1000L)
                            .setTaxBehavior(CalculationCreateParams.LineItem.TaxBehavior.INCLUSIVE).build())
                    .build());
            // NL 21 % inclusive: net round(1000 / 1.21) = 826
            assertThat(calculation.getTaxAmountInclusive()).isEqualTo(174L);
        }

        @Test
        void aFormBodyConsumedByAFilterIsRebuiltFromParameters() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_stripe/v1/customers?expand[]=tax_ids"))
                            .header("Authorization", "Bearer sk_test_kassa")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Read-Parameters", "yes")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "name=Filtered&tax_id_data[0][type]=eu_vat&tax_id_data[0][value]=NL123456789B01"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"name\": \"Filtered\"", "\"value\": \"NL123456789B01\"");
        }

        @Test
        void otherPathsAreLeftToTheApplication() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/customers"))
                            .header("Authorization", "Bearer sk_test_kassa").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Unrecognized request URL");
        }
    }

    @Test
    void notActiveJustByBeingOnTheClasspath() {
        new WebApplicationContextRunner()
                .withUserConfiguration(AutoConfigured.class)
                .run(context -> assertThat(context).doesNotHaveBean(StripeEmulator.class));
    }

    @Test
    void notActiveWhenAStripeKeyIsConfigured() {
        new WebApplicationContextRunner()
                .withUserConfiguration(StripeTestMode.class)
                .withPropertyValues("STRIPE_SECRET_KEY=sk_live_real")
                .run(context -> assertThat(context).doesNotHaveBean(StripeEmulator.class));
        new WebApplicationContextRunner()
                .withUserConfiguration(StripeTestMode.class)
                .run(context -> assertThat(context).hasSingleBean(StripeEmulator.class));
    }

    @Test
    void basePathIsConfigurableAndAStoreBeanIsUsed() {
        InMemoryEmulatorStore store = new InMemoryEmulatorStore();
        new WebApplicationContextRunner()
                .withUserConfiguration(StripeTestMode.class)
                .withBean(EmulatorStore.class, () -> store)
                .withPropertyValues("kassa.stripe-emulator.base-path=stripe-test/")
                .run(context -> {
                    assertThat(context.getBean(StripeEmulatorProperties.class).basePath()).isEqualTo("/stripe-test");
                    StripeEmulator emulator = context.getBean(StripeEmulator.class);
                    StripeEmulator.Response response = emulator.handle(new StripeEmulator.Request("POST",
                            "/v1/customers", null, "name=Stored", name -> name.equals("Authorization")
                                    ? "Bearer sk_test_x" : null));
                    assertThat(response.status()).isEqualTo(200);
                    String id = response.body().replaceAll("(?s).*\"id\": \"(cus_[A-Za-z0-9]+)\".*", "$1");
                    assertThat(store.find("customer", id)).isPresent();
                });
    }

    @Test
    void webhookPropertiesConfigureTheEmulator() {
        new WebApplicationContextRunner()
                .withUserConfiguration(StripeTestMode.class)
                .withPropertyValues("kassa.stripe-emulator.webhook-url=http://127.0.0.1:9/stripe/webhook",
                        "kassa.stripe-emulator.webhook-secret=whsec_fromProperties",
                        "kassa.stripe-emulator.webhook-max-attempts=3",
                        "kassa.stripe-emulator.webhook-retry-delay=50ms",
                        "kassa.stripe-emulator.fail-after-charge-hang=2s",
                        "kassa.stripe-emulator.refund-settle-delay=250ms")
                .run(context -> {
                    EmulatorSettings settings = context.getBean(StripeEmulator.class).settings();
                    assertThat(settings.webhookEndpoints()).containsExactly(new EmulatorSettings.WebhookTarget(
                            "http://127.0.0.1:9/stripe/webhook", "whsec_fromProperties"));
                    assertThat(settings.webhookMaxAttempts()).isEqualTo(3);
                    assertThat(settings.webhookRetryDelay()).hasMillis(50);
                    assertThat(settings.failAfterChargeHang()).hasSeconds(2);
                    assertThat(settings.refundSettleDelay()).hasMillis(250);
                });
        new WebApplicationContextRunner()
                .withUserConfiguration(StripeTestMode.class)
                .withPropertyValues("kassa.stripe-emulator.webhook-url=http://127.0.0.1:9/stripe/webhook")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AutoConfigured {
    }
}
