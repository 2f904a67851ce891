package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.ConfirmationToken;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.ConfirmationTokenCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.SetupIntentCancelParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Payments and webhooks: the real stripe-java client over HTTP against the standalone emulator, which delivers its
 * webhooks to a small JDK HTTP server standing in for Kassa.
 */
class PaymentsAgainstEmulatorTest {

    static final String SECRET = "whsec_kassaTestSecret";
    static final Duration HANG = Duration.ofSeconds(3);

    record Delivery(String path, String payload, String signature) {
    }

    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** How many more deliveries to {@code /flaky} answer 500. */
    static final AtomicInteger flakyFailures = new AtomicInteger();

    static HttpServer receiver;
    static StripeEmulatorServer server;
    static StripeClient stripe;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                deliveries.add(new Delivery(path, payload, exchange.getRequestHeaders().getFirst("Stripe-Signature")));
                boolean fail = path.equals("/flaky") && flakyFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                exchange.sendResponseHeaders(fail ? 500 : 200, -1);
            }
        });
        receiver.start();
        EmulatorSettings settings = EmulatorSettings.defaults()
                .withWebhookEndpoint(receiverUrl("/kassa"), SECRET)
                .withWebhookTiming(Duration.ofMillis(50), 5, Duration.ofMillis(100), Duration.ofMillis(400))
                .withFailAfterChargeHang(HANG);
        server = StripeEmulatorServer.start("127.0.0.1", 0, "", settings);
        stripe = client(80_000);
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.stop(0);
    }

    static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static StripeClient client(int readTimeoutMillis) {
        return StripeClient.builder().setApiKey("sk_test_payments").setApiBase(server.apiBase())
                .setReadTimeout(readTimeoutMillis).setMaxNetworkRetries(0).build();
    }

    static ConfirmationToken token(String paymentMethod) throws Exception {
        return stripe.v1().testHelpers().confirmationTokens().create(ConfirmationTokenCreateParams.builder()
                .setPaymentMethod(paymentMethod)
                .putExtraParam("payment_method_data", Map.of("type", "card", "billing_details",
                        Map.of("name", "Jane Doe", "email", "jane@example.com",
                                "address", Map.of("country", "DE", "postal_code", "10117"))))
                .setReturnUrl("https://shop.example/return")
                .build());
    }

    static PaymentIntentCreateParams.Builder payment(String tokenId, long amount) {
        return PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency("eur")
                .setConfirm(true)
                .setConfirmationToken(tokenId)
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .putMetadata("kassa_checkout", "chk_1");
    }

    /** POSTs a form to an emulator test helper that stripe-java has no method for. */
    static HttpResponse<String> postHelper(String path, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.apiBase() + path))
                        .header("Authorization", "Bearer sk_test_payments")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<Delivery> awaitDeliveries(Predicate<Delivery> which, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> found = deliveries.stream().filter(which).toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    static List<Event> eventsOf(String objectId) throws Exception {
        StripeCollection<Event> events = stripe.v1().events().list(EventListParams.builder().setLimit(100L).build());
        return events.getData().stream()
                .filter(e -> e.getData().getObject().toJson().contains("\"id\": \"" + objectId + "\""))
                .toList();
    }

    @Nested
    class ConfirmationTokens {

        @Test
        void previewTheTestCardWithStableFingerprints() throws Exception {
            ConfirmationToken visa = token("pm_card_visa");
            assertThat(visa.getId()).startsWith("ctoken_");
            assertThat(visa.getLivemode()).isFalse();
            assertThat(visa.getExpiresAt()).isGreaterThan(visa.getCreated());
            ConfirmationToken.PaymentMethodPreview preview = visa.getPaymentMethodPreview();
            assertThat(preview.getType()).isEqualTo("card");
            assertThat(preview.getCard().getBrand()).isEqualTo("visa");
            assertThat(preview.getCard().getLast4()).isEqualTo("4242");
            assertThat(preview.getCard().getCountry()).isEqualTo("US");
            assertThat(preview.getCard().getExpYear()).isGreaterThan(2025L);
            assertThat(preview.getBillingDetails().getName()).isEqualTo("Jane Doe");
            assertThat(preview.getBillingDetails().getAddress().getCountry()).isEqualTo("DE");
            assertThat(visa.getReturnUrl()).isEqualTo("https://shop.example/return");

            assertThat(token("pm_card_visa").getPaymentMethodPreview().getCard().getFingerprint())
                    .isEqualTo(preview.getCard().getFingerprint());
            ConfirmationToken declined = token("pm_card_chargeDeclined");
            assertThat(declined.getPaymentMethodPreview().getCard().getLast4()).isEqualTo("0002");
            assertThat(declined.getPaymentMethodPreview().getCard().getFingerprint())
                    .isNotEqualTo(preview.getCard().getFingerprint());
            assertThat(token("pm_card_chargeDeclinedInsufficientFunds").getPaymentMethodPreview().getCard()
                    .getLast4()).isEqualTo("9995");
            assertThat(token("pm_card_authenticationRequired").getPaymentMethodPreview().getCard().getLast4())
                    .isEqualTo("3155");

            assertThat(stripe.v1().confirmationTokens().retrieve(visa.getId()).getPaymentMethodPreview().getCard()
                    .getFingerprint()).isEqualTo(preview.getCard().getFingerprint());
        }

        @Test
        void unknownTestPaymentMethodIsResourceMissing() {
            assertThatThrownBy(() -> token("pm_card_nonsense"))
                    .isInstanceOf(com.stripe.exception.InvalidRequestException.class)
                    .hasMessageContaining("No such PaymentMethod: 'pm_card_nonsense'");
        }
    }

    @Nested
    class PaymentIntents {

        @Test
        void visaSucceedsWithAChargeCarryingTheFingerprint() throws Exception {
            Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setEmail("jane@example.com").build());
            ConfirmationToken token = token("pm_card_visa");
            PaymentIntent pi = stripe.v1().paymentIntents().create(payment(token.getId(), 1999)
                    .setCustomer(customer.getId())
                    .setDescription("Order 1")
                    .setStatementDescriptorSuffix("ORDER 1")
                    .setReturnUrl("https://shop.example/return")
                    .build());
            assertThat(pi.getId()).startsWith("pi_");
            assertThat(pi.getStatus()).isEqualTo("succeeded");
            assertThat(pi.getAmount()).isEqualTo(1999L);
            assertThat(pi.getAmountReceived()).isEqualTo(1999L);
            assertThat(pi.getCurrency()).isEqualTo("eur");
            assertThat(pi.getCustomer()).isEqualTo(customer.getId());
            assertThat(pi.getMetadata()).containsEntry("kassa_checkout", "chk_1");
            assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");
            assertThat(pi.getPaymentMethod()).startsWith("pm_");
            assertThat(pi.getLatestCharge()).startsWith("ch_");

            Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
            assertThat(charge.getStatus()).isEqualTo("succeeded");
            assertThat(charge.getAmount()).isEqualTo(1999L);
            assertThat(charge.getCurrency()).isEqualTo("eur");
            assertThat(charge.getPaid()).isTrue();
            assertThat(charge.getPaymentIntent()).isEqualTo(pi.getId());
            assertThat(charge.getPaymentMethodDetails().getCard().getFingerprint())
                    .isEqualTo(token.getPaymentMethodPreview().getCard().getFingerprint());
            assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");
            assertThat(charge.getBillingDetails().getEmail()).isEqualTo("jane@example.com");

            PaymentIntent expanded = stripe.v1().paymentIntents().retrieve(pi.getId(),
                    PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
            assertThat(expanded.getLatestChargeObject().getId()).isEqualTo(charge.getId());
            assertThat(stripe.v1().confirmationTokens().retrieve(token.getId()).getPaymentIntent())
                    .isEqualTo(pi.getId());

            assertThat(eventsOf(pi.getId())).extracting(Event::getType)
                    .contains("payment_intent.created", "payment_intent.succeeded");
            assertThat(eventsOf(charge.getId())).extracting(Event::getType).containsExactly("charge.succeeded");
        }

        @Test
        void createThenConfirm() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(500L).setCurrency("usd").build());
            assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
            PaymentIntent confirmed = stripe.v1().paymentIntents().confirm(pi.getId(), PaymentIntentConfirmParams
                    .builder().setConfirmationToken(token("pm_card_visa").getId()).build());
            assertThat(confirmed.getStatus()).isEqualTo("succeeded");
            assertThatThrownBy(() -> stripe.v1().paymentIntents().confirm(pi.getId()))
                    .isInstanceOf(com.stripe.exception.InvalidRequestException.class)
                    .satisfies(e -> assertThat(((com.stripe.exception.InvalidRequestException) e).getCode())
                            .isEqualTo("payment_intent_unexpected_state"));
        }

        @Test
        void declinedCardThrowsCardExceptionAndLeavesTheIntentRequiringAPaymentMethod() throws Exception {
            ConfirmationToken token = token("pm_card_chargeDeclined");
            CardException e = (CardException) org.assertj.core.api.Assertions.catchThrowable(() ->
                    stripe.v1().paymentIntents().create(payment(token.getId(), 1000).build()));
            assertThat(e).isNotNull();
            assertThat(e.getStatusCode()).isEqualTo(402);
            assertThat(e.getCode()).isEqualTo("card_declined");
            assertThat(e.getDeclineCode()).isEqualTo("generic_decline");
            assertThat(e.getStripeError().getMessage()).isEqualTo("Your card was declined.");
            assertThat(e.getStripeError().getType()).isEqualTo("card_error");
            assertThat(e.getCharge()).startsWith("ch_");
            PaymentIntent pi = e.getStripeError().getPaymentIntent();
            assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
            assertThat(pi.getLastPaymentError().getDeclineCode()).isEqualTo("generic_decline");
            assertThat(e.getStripeError().getPaymentMethod().getCard().getLast4()).isEqualTo("0002");

            assertThat(stripe.v1().paymentIntents().retrieve(pi.getId()).getStatus())
                    .isEqualTo("requires_payment_method");
            Charge charge = stripe.v1().charges().retrieve(e.getCharge());
            assertThat(charge.getStatus()).isEqualTo("failed");
            assertThat(charge.getFailureCode()).isEqualTo("card_declined");
            assertThat(eventsOf(pi.getId())).extracting(Event::getType).contains("payment_intent.payment_failed");
            assertThat(eventsOf(charge.getId())).extracting(Event::getType).containsExactly("charge.failed");
        }

        @Test
        void insufficientFunds() throws Exception {
            ConfirmationToken token = token("pm_card_chargeDeclinedInsufficientFunds");
            assertThatThrownBy(() -> stripe.v1().paymentIntents().create(payment(token.getId(), 1000).build()))
                    .isInstanceOfSatisfying(CardException.class, e -> {
                        assertThat(e.getCode()).isEqualTo("card_declined");
                        assertThat(e.getDeclineCode()).isEqualTo("insufficient_funds");
                        assertThat(e.getStripeError().getMessage()).isEqualTo("Your card has insufficient funds.");
                        assertThat(e.getStripeError().getPaymentIntent().getStatus())
                                .isEqualTo("requires_payment_method");
                    });
        }

        @Test
        void threeDSecureRequiresActionThenSucceedsWhenAuthenticated() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(
                    payment(token("pm_card_authenticationRequired").getId(), 2500).build());
            assertThat(pi.getStatus()).isEqualTo("requires_action");
            assertThat(pi.getNextAction().getType()).isEqualTo("use_stripe_sdk");
            assertThat(pi.getClientSecret()).isNotBlank();
            assertThat(pi.getLatestCharge()).isNull();

            HttpResponse<String> response = postHelper("/v1/test_helpers/payment_intents/" + pi.getId()
                    + "/authenticate", "outcome=succeed");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            PaymentIntent done = stripe.v1().paymentIntents().retrieve(pi.getId());
            assertThat(done.getStatus()).isEqualTo("succeeded");
            assertThat(done.getNextAction()).isNull();
            Charge charge = stripe.v1().charges().retrieve(done.getLatestCharge());
            assertThat(charge.getPaymentMethodDetails().getCard().getThreeDSecure().getResult())
                    .isEqualTo("authenticated");
            assertThat(eventsOf(pi.getId())).extracting(Event::getType)
                    .contains("payment_intent.requires_action", "payment_intent.succeeded");

            HttpResponse<String> again = postHelper("/v1/test_helpers/payment_intents/" + pi.getId()
                    + "/authenticate", "outcome=succeed");
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("payment_intent_unexpected_state");
        }

        @Test
        void failedAuthenticationLeavesALastPaymentError() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 700)
                    .setPaymentMethodOptions(PaymentIntentCreateParams.PaymentMethodOptions.builder()
                            .setCard(PaymentIntentCreateParams.PaymentMethodOptions.Card.builder()
                                    .setRequestThreeDSecure(PaymentIntentCreateParams.PaymentMethodOptions.Card
                                            .RequestThreeDSecure.ANY).build()).build())
                    .build());
            assertThat(pi.getStatus()).isEqualTo("requires_action");
            postHelper("/v1/test_helpers/payment_intents/" + pi.getId() + "/authenticate", "outcome=fail");
            PaymentIntent failed = stripe.v1().paymentIntents().retrieve(pi.getId());
            assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
            assertThat(failed.getLastPaymentError().getCode()).isEqualTo("payment_intent_authentication_failure");
            assertThat(failed.getLatestCharge()).isNull();
        }

        @Test
        void cancelARequiresActionIntentThenAuthenticationIsRefused() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(
                    payment(token("pm_card_authenticationRequired").getId(), 1800).build());
            assertThat(pi.getStatus()).isEqualTo("requires_action");

            PaymentIntent canceled = stripe.v1().paymentIntents().cancel(pi.getId(), PaymentIntentCancelParams
                    .builder().setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build());
            assertThat(canceled.getStatus()).isEqualTo("canceled");
            assertThat(canceled.getCancellationReason()).isEqualTo("abandoned");
            assertThat(canceled.getCanceledAt()).isNotNull().isPositive();
            assertThat(canceled.getNextAction()).isNull();
            assertThat(canceled.getLatestCharge()).isNull();
            assertThat(stripe.v1().paymentIntents().retrieve(pi.getId()).getStatus()).isEqualTo("canceled");

            Event event = stripe.v1().events().list(EventListParams.builder().setType("payment_intent.canceled")
                    .setLimit(100L).build()).getData().stream()
                    .filter(e -> e.getData().getObject().toJson().contains(pi.getId())).findFirst().orElseThrow();
            PaymentIntent inEvent = (PaymentIntent) event.getDataObjectDeserializer().getObject().orElseThrow();
            assertThat(inEvent.getStatus()).isEqualTo("canceled");
            assertThat(inEvent.getCancellationReason()).isEqualTo("abandoned");

            HttpResponse<String> authenticate = postHelper("/v1/test_helpers/payment_intents/" + pi.getId()
                    + "/authenticate", "outcome=succeed");
            assertThat(authenticate.statusCode()).isEqualTo(400);
            assertThat(authenticate.body()).contains("payment_intent_unexpected_state")
                    .contains("because it has a status of canceled");
            assertThat(stripe.v1().paymentIntents().retrieve(pi.getId()).getLatestCharge()).isNull();

            assertThatThrownBy(() -> stripe.v1().paymentIntents().cancel(pi.getId()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode())
                            .isEqualTo("payment_intent_unexpected_state"));
            assertThatThrownBy(() -> stripe.v1().paymentIntents().confirm(pi.getId()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode())
                            .isEqualTo("payment_intent_unexpected_state"));
        }

        @Test
        void cancelWithoutAReasonFromRequiresPaymentMethod() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(900L).setCurrency("eur").build());
            PaymentIntent canceled = stripe.v1().paymentIntents().cancel(pi.getId());
            assertThat(canceled.getStatus()).isEqualTo("canceled");
            assertThat(canceled.getCancellationReason()).isNull();
            assertThat(canceled.getCanceledAt()).isNotNull();
        }

        @Test
        void cancelingASucceededIntentIsAnUnexpectedState() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 1100)
                    .build());
            assertThat(pi.getStatus()).isEqualTo("succeeded");
            assertThatThrownBy(() -> stripe.v1().paymentIntents().cancel(pi.getId(), PaymentIntentCancelParams
                    .builder().setCancellationReason(PaymentIntentCancelParams.CancellationReason
                            .REQUESTED_BY_CUSTOMER).build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                        assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state");
                        assertThat(e.getStripeError().getMessage()).isEqualTo("You cannot cancel this PaymentIntent "
                                + "because it has a status of succeeded. Only a PaymentIntent with one of the "
                                + "following statuses may be canceled: requires_payment_method, requires_capture, "
                                + "requires_confirmation, requires_action, processing.");
                    });
            PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
            assertThat(after.getStatus()).isEqualTo("succeeded");
            assertThat(after.getCanceledAt()).isNull();
            assertThat(eventsOf(pi.getId())).extracting(Event::getType).doesNotContain("payment_intent.canceled");
        }

        @Test
        void unknownCancellationReasonAndUnknownIntent() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(900L).setCurrency("eur").build());
            HttpResponse<String> bad = postHelper("/v1/payment_intents/" + pi.getId() + "/cancel",
                    "cancellation_reason=bored");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("cancellation_reason");
            assertThat(stripe.v1().paymentIntents().retrieve(pi.getId()).getStatus())
                    .isEqualTo("requires_payment_method");
            assertThat(postHelper("/v1/payment_intents/pi_missing/cancel", "").statusCode()).isEqualTo(404);
        }

        @Test
        void idempotentCreateReplaysTheSameIntentWithoutASecondCharge() throws Exception {
            ConfirmationToken token = token("pm_card_visa");
            RequestOptions options = RequestOptions.builder().setIdempotencyKey("kassa-confirm-chk_2").build();
            PaymentIntent first = stripe.v1().paymentIntents().create(payment(token.getId(), 4200).build(), options);
            PaymentIntent second = stripe.v1().paymentIntents().create(payment(token.getId(), 4200).build(), options);
            assertThat(second.getId()).isEqualTo(first.getId());
            assertThat(second.getLatestCharge()).isEqualTo(first.getLatestCharge());
            assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(eventsOf(first.getId())).extracting(Event::getType)
                    .containsOnlyOnce("payment_intent.succeeded");
            assertThat(stripe.v1().events().list(EventListParams.builder().setType("charge.succeeded")
                    .setLimit(100L).build()).getData())
                    .filteredOn(e -> e.getData().getObject().toJson().contains(first.getId()))
                    .hasSize(1);
        }

        @Test
        void idempotentDeclineReplaysTheDecline() throws Exception {
            ConfirmationToken token = token("pm_card_chargeDeclined");
            RequestOptions options = RequestOptions.builder().setIdempotencyKey("kassa-confirm-chk_3").build();
            CardException first = (CardException) org.assertj.core.api.Assertions.catchThrowable(() ->
                    stripe.v1().paymentIntents().create(payment(token.getId(), 1000).build(), options));
            CardException second = (CardException) org.assertj.core.api.Assertions.catchThrowable(() ->
                    stripe.v1().paymentIntents().create(payment(token.getId(), 1000).build(), options));
            assertThat(second.getStripeError().getPaymentIntent().getId())
                    .isEqualTo(first.getStripeError().getPaymentIntent().getId());
            assertThat(second.getCharge()).isEqualTo(first.getCharge());
        }
    }

    @Nested
    class SetupIntents {

        @Test
        void succeedsAndAttachesThePaymentMethodToTheCustomer() throws Exception {
            Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setName("J").build());
            SetupIntent si = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setCustomer(customer.getId())
                    .setConfirm(true)
                    .setConfirmationToken(token("pm_card_visa").getId())
                    .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                    .putMetadata("kassa", "setup")
                    .build());
            assertThat(si.getId()).startsWith("seti_");
            assertThat(si.getStatus()).isEqualTo("succeeded");
            assertThat(si.getUsage()).isEqualTo("off_session");
            assertThat(si.getClientSecret()).startsWith(si.getId() + "_secret_");
            PaymentMethod pm = stripe.v1().paymentMethods().retrieve(si.getPaymentMethod());
            assertThat(pm.getCustomer()).isEqualTo(customer.getId());
            assertThat(pm.getCard().getLast4()).isEqualTo("4242");
            assertThat(stripe.v1().setupIntents().retrieve(si.getId()).getStatus()).isEqualTo("succeeded");
            assertThat(eventsOf(si.getId())).extracting(Event::getType)
                    .contains("setup_intent.created", "setup_intent.succeeded");
        }

        @Test
        void declinedCardIsACardErrorWithTheSetupIntent() throws Exception {
            String token = token("pm_card_chargeDeclined").getId();
            assertThatThrownBy(() -> stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setConfirm(true).setConfirmationToken(token).build()))
                    .isInstanceOfSatisfying(CardException.class, e -> {
                        assertThat(e.getCode()).isEqualTo("card_declined");
                        assertThat(e.getDeclineCode()).isEqualTo("generic_decline");
                        assertThat(e.getStripeError().getSetupIntent().getStatus())
                                .isEqualTo("requires_payment_method");
                        assertThat(e.getStripeError().getSetupIntent().getLastSetupError().getCode())
                                .isEqualTo("card_declined");
                    });
        }

        @Test
        void threeDSecureOnSetup() throws Exception {
            SetupIntent si = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setConfirm(true).setConfirmationToken(token("pm_card_authenticationRequired").getId()).build());
            assertThat(si.getStatus()).isEqualTo("requires_action");
            assertThat(si.getNextAction().getType()).isEqualTo("use_stripe_sdk");
            postHelper("/v1/test_helpers/setup_intents/" + si.getId() + "/authenticate", "outcome=succeed");
            assertThat(stripe.v1().setupIntents().retrieve(si.getId()).getStatus()).isEqualTo("succeeded");
        }

        @Test
        void cancelARequiresActionSetupIntentThenAuthenticationIsRefused() throws Exception {
            SetupIntent si = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setConfirm(true).setConfirmationToken(token("pm_card_authenticationRequired").getId()).build());
            assertThat(si.getStatus()).isEqualTo("requires_action");
            SetupIntent canceled = stripe.v1().setupIntents().cancel(si.getId(), SetupIntentCancelParams.builder()
                    .setCancellationReason(SetupIntentCancelParams.CancellationReason.DUPLICATE).build());
            assertThat(canceled.getStatus()).isEqualTo("canceled");
            assertThat(canceled.getCancellationReason()).isEqualTo("duplicate");
            assertThat(eventsOf(si.getId())).extracting(Event::getType).contains("setup_intent.canceled");
            HttpResponse<String> authenticate = postHelper("/v1/test_helpers/setup_intents/" + si.getId()
                    + "/authenticate", "outcome=succeed");
            assertThat(authenticate.statusCode()).isEqualTo(400);
            assertThat(authenticate.body()).contains("setup_intent_unexpected_state");
            assertThat(stripe.v1().setupIntents().retrieve(si.getId()).getStatus()).isEqualTo("canceled");
        }

        @Test
        void cancelingASucceededSetupIntentIsAnUnexpectedState() throws Exception {
            SetupIntent si = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setConfirm(true).setConfirmationToken(token("pm_card_visa").getId()).build());
            assertThat(si.getStatus()).isEqualTo("succeeded");
            assertThatThrownBy(() -> stripe.v1().setupIntents().cancel(si.getId()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getCode()).isEqualTo("setup_intent_unexpected_state");
                        assertThat(e.getStripeError().getMessage()).isEqualTo("You cannot cancel this SetupIntent "
                                + "because it has a status of succeeded. Only a SetupIntent with one of the "
                                + "following statuses may be canceled: requires_payment_method, "
                                + "requires_confirmation, requires_action.");
                    });
            // Stripe's SetupIntent reasons have no "fraudulent".
            SetupIntent open = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder().build());
            HttpResponse<String> bad = postHelper("/v1/setup_intents/" + open.getId() + "/cancel",
                    "cancellation_reason=fraudulent");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(stripe.v1().setupIntents().retrieve(open.getId()).getStatus())
                    .isEqualTo("requires_payment_method");
        }
    }

    @Nested
    class Webhooks {

        @Test
        void eventsAreDeliveredSignedAsStripeJavaVerifies() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 1234)
                    .build());
            List<Delivery> found = awaitDeliveries(d -> d.path().equals("/kassa")
                    && d.payload().contains("\"type\": \"payment_intent.succeeded\"")
                    && d.payload().contains(pi.getId()), 1, Duration.ofSeconds(5));
            assertThat(found).isNotEmpty();
            Delivery delivery = found.getFirst();
            assertThat(delivery.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
            Event event = Webhook.constructEvent(delivery.payload(), delivery.signature(), SECRET);
            assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
            assertThat(event.getLivemode()).isFalse();
            assertThat(event.getRequest().getId()).startsWith("req_");
            PaymentIntent object = (PaymentIntent) event.getDataObjectDeserializer().getObject().orElseThrow();
            assertThat(object.getId()).isEqualTo(pi.getId());
            assertThat(object.getStatus()).isEqualTo("succeeded");
            assertThatThrownBy(() -> Webhook.constructEvent(delivery.payload(), delivery.signature(),
                    "whsec_wrong")).isInstanceOf(SignatureVerificationException.class);

            Event stored = stripe.v1().events().retrieve(event.getId());
            assertThat(stored.getType()).isEqualTo("payment_intent.succeeded");
            long deadline = System.currentTimeMillis() + 5000;
            while (stripe.v1().events().retrieve(event.getId()).getPendingWebhooks() > 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(stripe.v1().events().retrieve(event.getId()).getPendingWebhooks()).isZero();
        }

        @Test
        void createdEndpointGetsItsSecretOnceAndDeliveriesAreRetriedAfterA500() throws Exception {
            WebhookEndpoint endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl(receiverUrl("/flaky"))
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.PAYMENT_INTENT__SUCCEEDED)
                    .build());
            try {
                assertThat(endpoint.getId()).startsWith("we_");
                assertThat(endpoint.getSecret()).startsWith("whsec_");
                assertThat(stripe.v1().webhookEndpoints().retrieve(endpoint.getId()).getSecret()).isNull();
                flakyFailures.set(2);
                PaymentIntent pi = stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 99)
                        .build());
                List<Delivery> attempts = awaitDeliveries(d -> d.path().equals("/flaky")
                        && d.payload().contains(pi.getId()), 3, Duration.ofSeconds(10));
                assertThat(attempts).hasSize(3);
                for (Delivery attempt : attempts) {
                    Event event = Webhook.constructEvent(attempt.payload(), attempt.signature(), endpoint.getSecret());
                    assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
                }
                assertThat(attempts).extracting(Delivery::payload).containsOnly(attempts.getFirst().payload());
                Thread.sleep(600);
                assertThat(deliveries).filteredOn(d -> d.path().equals("/flaky") && d.payload().contains(pi.getId()))
                        .hasSize(3);
            } finally {
                stripe.v1().webhookEndpoints().delete(endpoint.getId());
            }
        }

        @Test
        void resendDeliversTheSameEventAgain() throws Exception {
            PaymentIntent pi = stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 321)
                    .build());
            Event succeeded = eventsOf(pi.getId()).stream()
                    .filter(e -> e.getType().equals("payment_intent.succeeded")).findFirst().orElseThrow();
            Predicate<Delivery> ofEvent = d -> d.path().equals("/kassa") && d.payload().contains(succeeded.getId());
            assertThat(awaitDeliveries(ofEvent, 1, Duration.ofSeconds(5))).hasSize(1);
            HttpResponse<String> response = postHelper("/v1/test_helpers/events/" + succeeded.getId() + "/resend", "");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<Delivery> both = awaitDeliveries(ofEvent, 2, Duration.ofSeconds(5));
            assertThat(both).hasSize(2);
            assertThat(Webhook.constructEvent(both.get(1).payload(), both.get(1).signature(), SECRET).getId())
                    .isEqualTo(succeeded.getId());
        }

        @Test
        void eventsListNewestFirstWithTypeFilterAndPaging() throws Exception {
            stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 100).build());
            stripe.v1().paymentIntents().create(payment(token("pm_card_visa").getId(), 200).build());
            StripeCollection<Event> page = stripe.v1().events().list(EventListParams.builder()
                    .setType("payment_intent.succeeded").setLimit(1L).build());
            assertThat(page.getData()).hasSize(1);
            assertThat(page.getHasMore()).isTrue();
            Event newest = page.getData().getFirst();
            assertThat(((PaymentIntent) newest.getDataObjectDeserializer().getObject().orElseThrow()).getAmount())
                    .isEqualTo(200L);
            StripeCollection<Event> next = stripe.v1().events().list(EventListParams.builder()
                    .setType("payment_intent.succeeded").setLimit(1L).setStartingAfter(newest.getId()).build());
            assertThat(((PaymentIntent) next.getData().getFirst().getDataObjectDeserializer().getObject()
                    .orElseThrow()).getAmount()).isEqualTo(100L);
            assertThat(stripe.v1().events().list(EventListParams.builder().setType("payment_intent.*")
                    .setLimit(100L).build()).getData()).extracting(Event::getType)
                    .allMatch(t -> t.startsWith("payment_intent."));
            assertThat(newest.getApiVersion()).isEqualTo(EmulatorSettings.DEFAULT_API_VERSION);
        }
    }

    @Nested
    class FailureInjection {

        @Test
        void timeoutAfterChargeLeavesTheCallerUnsureButTheChargeHappened() throws Exception {
            ConfirmationToken token = token("pm_card_visa");
            PaymentIntentCreateParams params = payment(token.getId(), 5000)
                    .putMetadata("emulator_fail_after_charge", "timeout").build();
            RequestOptions options = RequestOptions.builder().setIdempotencyKey("kassa-confirm-timeout").build();
            StripeClient impatient = client(1000);
            assertThatThrownBy(() -> impatient.v1().paymentIntents().create(params, options))
                    .isInstanceOf(ApiConnectionException.class);
            // The charge went through: the retry with the same key replays the succeeded intent.
            PaymentIntent replayed = stripe.v1().paymentIntents().create(params, options);
            assertThat(replayed.getStatus()).isEqualTo("succeeded");
            assertThat(replayed.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(awaitDeliveries(d -> d.path().equals("/kassa") && d.payload().contains(replayed.getId())
                    && d.payload().contains("payment_intent.succeeded"), 1, Duration.ofSeconds(5))).hasSize(1);
        }

        @Test
        void error500AfterChargeStillCharges() throws Exception {
            PaymentIntentCreateParams params = payment(token("pm_card_visa").getId(), 6000)
                    .putMetadata("emulator_fail_after_charge", "500").putMetadata("probe", "fail500").build();
            assertThatThrownBy(() -> stripe.v1().paymentIntents().create(params))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
            List<Event> succeeded = stripe.v1().events().list(EventListParams.builder()
                    .setType("payment_intent.succeeded").setLimit(100L).build()).getData().stream()
                    .filter(e -> e.getData().getObject().toJson().contains("fail500")).toList();
            assertThat(succeeded).hasSize(1);
            PaymentIntent charged = (PaymentIntent) succeeded.getFirst().getDataObjectDeserializer().getObject()
                    .orElseThrow();
            assertThat(stripe.v1().paymentIntents().retrieve(charged.getId()).getStatus()).isEqualTo("succeeded");
        }
    }
}
