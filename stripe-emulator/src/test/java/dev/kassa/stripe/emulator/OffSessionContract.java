package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.ConfirmationToken;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.ConfirmationTokenCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.SetupIntentCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saved payment methods and off-session PaymentIntents with the real stripe-java client over HTTP, on the store a
 * subclass gives, each test on a fresh emulator whose signed webhooks are received in process.
 */
abstract class OffSessionContract {

    static final String SECRET = "whsec_offSessionContract";
    static final String HOOK = "http://kassa.test/hook";

    abstract EmulatorStore newStore();

    final List<Event> received = new CopyOnWriteArrayList<>();
    StripeEmulator emulator;
    StripeEmulatorServer server;
    StripeClient stripe;

    @BeforeEach
    void start() throws Exception {
        emulator = new StripeEmulator(newStore(), EmulatorSettings.defaults().withWebhookEndpoint(HOOK, SECRET)
                .withWebhookTiming(Duration.ofMillis(10), 3, Duration.ofMillis(50), Duration.ofMillis(100)));
        emulator.receiveInProcess(HOOK, (payload, signature) -> {
            try {
                received.add(Webhook.constructEvent(payload, signature, SECRET));
                return 200;
            } catch (Exception e) {
                return 400;
            }
        });
        server = StripeEmulatorServer.start("127.0.0.1", 0, "", emulator);
        stripe = StripeClient.builder().setApiKey("sk_test_offsession").setApiBase(server.apiBase())
                .setMaxNetworkRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
        emulator.close();
    }

    Customer customer() throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("jane@example.com").build());
    }

    ConfirmationToken token(String paymentMethod) throws StripeException {
        return stripe.v1().testHelpers().confirmationTokens().create(ConfirmationTokenCreateParams.builder()
                .setPaymentMethod(paymentMethod).build());
    }

    /** A checkout that saves the card: on-session, {@code setup_future_usage=off_session}. */
    PaymentIntent checkout(String customer, String paymentMethod) throws StripeException {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2000L)
                .setCurrency("eur").setCustomer(customer).setConfirm(true)
                .setConfirmationToken(token(paymentMethod).getId())
                .setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION).build());
    }

    /** A card saved by a SetupIntent; answers the saved payment method's id. */
    String setUp(String customer, String paymentMethod) throws StripeException {
        SetupIntent si = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder().setCustomer(customer)
                .setConfirm(true).setPaymentMethod(paymentMethod).build());
        assertThat(si.getStatus()).isEqualTo("succeeded");
        return si.getPaymentMethod();
    }

    PaymentIntentCreateParams.Builder offSession(String customer, String paymentMethod, long amount) {
        return PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("eur").setCustomer(customer)
                .setPaymentMethod(paymentMethod).setOffSession(true).setConfirm(true)
                .setDescription("Renewal").putMetadata("kassa_renewal", "sub_1:2");
    }

    List<Event> awaitEvents(Predicate<Event> which, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (received.stream().filter(which).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return received.stream().filter(which).toList();
    }

    static Predicate<Event> about(String type, String objectId) {
        return e -> e.getType().equals(type) && e.getDataObjectDeserializer().getObject()
                .map(o -> o.toJson().contains("\"id\": \"" + objectId + "\"")).orElse(false);
    }

    @Test
    void aCheckoutThatSetsUpFutureUsageSavesTheCardOnTheCustomerWhoseListsShowIt() throws Exception {
        Customer customer = customer();

        PaymentIntent pi = checkout(customer.getId(), "pm_card_visa");

        PaymentMethod pm = stripe.v1().paymentMethods().retrieve(pi.getPaymentMethod());
        assertThat(pm.getCustomer()).isEqualTo(customer.getId());
        assertThat(stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(customer.getId())
                .setType(PaymentMethodListParams.Type.CARD).build()).getData()).extracting(PaymentMethod::getId)
                .containsExactly(pm.getId());
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId(), CustomerPaymentMethodListParams
                .builder().setType(CustomerPaymentMethodListParams.Type.CARD).build()).getData())
                .extracting(PaymentMethod::getId).containsExactly(pm.getId());
        assertThat(stripe.v1().customers().paymentMethods().retrieve(customer.getId(), pm.getId()).getCard()
                .getLast4()).isEqualTo("4242");
        Event attached = awaitEvents(about("payment_method.attached", pm.getId()), 1).getFirst();
        assertThat(((PaymentMethod) attached.getDataObjectDeserializer().getObject().orElseThrow()).getCustomer())
                .isEqualTo(customer.getId());
        InvalidRequestException other = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().customers().paymentMethods().retrieve(customer().getId(), pm.getId()));
        assertThat(other.getStatusCode()).isEqualTo(404);
        assertThat(other.getStripeError().getMessage()).isEqualTo("No such PaymentMethod: '" + pm.getId() + "'");
    }

    @Test
    void anOffSessionChargeOnTheSavedCardSucceedsWithItsEventsAndIsFoundByListAndSearch() throws Exception {
        Customer customer = customer();
        String pm = checkout(customer.getId(), "pm_card_visa").getPaymentMethod();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("renewal-sub_1-2").build();

        PaymentIntent renewal = stripe.v1().paymentIntents().create(offSession(customer.getId(), pm, 1500).build(),
                key);
        PaymentIntent replayed = stripe.v1().paymentIntents().create(offSession(customer.getId(), pm, 1500).build(),
                key);

        assertThat(renewal.getStatus()).isEqualTo("succeeded");
        assertThat(renewal.getAmountReceived()).isEqualTo(1500L);
        assertThat(renewal.getCustomer()).isEqualTo(customer.getId());
        assertThat(renewal.getPaymentMethod()).isEqualTo(pm);
        assertThat(renewal.getDescription()).isEqualTo("Renewal");
        assertThat(replayed.getId()).isEqualTo(renewal.getId());
        assertThat(stripe.v1().charges().retrieve(renewal.getLatestCharge()).getStatus()).isEqualTo("succeeded");
        assertThat(awaitEvents(about("payment_intent.succeeded", renewal.getId()), 1)).hasSize(1);
        assertThat(awaitEvents(about("charge.succeeded", renewal.getLatestCharge()), 1)).hasSize(1);
        assertThat(stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setCustomer(customer.getId())
                .build()).getData()).extracting(PaymentIntent::getId).contains(renewal.getId()).hasSize(2);
        assertThat(stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("metadata['kassa_renewal']:'sub_1:2' AND customer:'" + customer.getId() + "'").build())
                .getData()).extracting(PaymentIntent::getId).containsExactly(renewal.getId());
    }

    @Test
    void aSetupIntentSavesTheCardWhichBecomesTheCustomersDefaultUntilDetached() throws Exception {
        Customer customer = customer();
        String pm = setUp(customer.getId(), "pm_card_visa");

        Customer updated = stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(pm)
                        .build()).build());
        PaymentMethod detached = stripe.v1().paymentMethods().detach(pm);

        assertThat(updated.getInvoiceSettings().getDefaultPaymentMethod()).isEqualTo(pm);
        assertThat(detached.getCustomer()).isNull();
        assertThat(stripe.v1().customers().retrieve(customer.getId()).getInvoiceSettings().getDefaultPaymentMethod())
                .isNull();
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData()).isEmpty();
        assertThat(awaitEvents(about("payment_method.detached", pm), 1)).hasSize(1);
        InvalidRequestException again = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentMethods().detach(pm));
        assertThat(again.getStatusCode()).isEqualTo(400);
        assertThat(again.getStripeError().getMessage()).isEqualTo("The payment method you provided is not attached "
                + "to a customer so detachment is impossible.");
        InvalidRequestException notAttached = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                        .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                                .setDefaultPaymentMethod(pm).build()).build()));
        assertThat(notAttached.getStripeError().getMessage()).isEqualTo("The customer does not have a payment "
                + "method with the ID " + pm + ". The payment method must be attached to the customer.");
        assertThat(notAttached.getParam()).isEqualTo("invoice_settings[default_payment_method]");
    }

    @Test
    void attachingATestPaymentMethodMakesANewOneAndAnAttachedOneCannotBeAttachedAgain() throws Exception {
        Customer customer = customer();

        PaymentMethod attached = stripe.v1().paymentMethods().attach("pm_card_visa", PaymentMethodAttachParams
                .builder().setCustomer(customer.getId()).build());
        InvalidRequestException again = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentMethods().attach(attached.getId(), PaymentMethodAttachParams.builder()
                        .setCustomer(customer().getId()).build()));
        Customer withDefault = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setPaymentMethod("pm_card_mastercard").setInvoiceSettings(CustomerCreateParams.InvoiceSettings
                        .builder().setDefaultPaymentMethod("pm_card_mastercard").build()).build());

        assertThat(attached.getId()).startsWith("pm_").isNotEqualTo("pm_card_visa");
        assertThat(attached.getCustomer()).isEqualTo(customer.getId());
        assertThat(again.getStripeError().getMessage())
                .isEqualTo("The payment method you provided has already been attached to a customer.");
        String defaultPm = withDefault.getInvoiceSettings().getDefaultPaymentMethod();
        assertThat(defaultPm).startsWith("pm_").isNotEqualTo("pm_card_mastercard");
        assertThat(stripe.v1().paymentMethods().retrieve(defaultPm).getCustomer()).isEqualTo(withDefault.getId());
        assertThat(stripe.v1().paymentMethods().retrieve(defaultPm).getCard().getLast4()).isEqualTo("4444");
    }

    @Test
    void anOffSessionChargeOnAPaymentMethodNotAttachedToTheCustomerIs400AndChargesNothing() throws Exception {
        Customer customer = customer();
        String othersPm = checkout(customer().getId(), "pm_card_visa").getPaymentMethod();
        String unattached = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(900L)
                .setCurrency("eur").setConfirm(true).setConfirmationToken(token("pm_card_visa").getId()).build())
                .getPaymentMethod();

        InvalidRequestException others = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().create(offSession(customer.getId(), othersPm, 900).build()));
        InvalidRequestException loose = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().create(offSession(customer.getId(), unattached, 900).build()));

        assertThat(others.getStatusCode()).isEqualTo(400);
        assertThat(others.getParam()).isEqualTo("payment_method");
        assertThat(loose.getStatusCode()).isEqualTo(400);
        assertThat(loose.getParam()).isEqualTo("payment_method");
        assertThat(loose.getStripeError().getMessage()).isEqualTo(PaymentMethods.REUSED_MESSAGE);
        assertThat(stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setCustomer(customer.getId())
                .build()).getData()).isEmpty();
    }

    @Test
    void offSessionWithoutConfirmIsRefused() throws Exception {
        Customer customer = customer();
        String pm = setUp(customer.getId(), "pm_card_visa");

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().create(offSession(customer.getId(), pm, 900).setConfirm(false)
                        .build()));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getParam()).isEqualTo("off_session");
    }

    @Test
    void chargeCustomerFailPaysTheCheckoutThatSavesItThenEveryLaterChargeIsDeclinedWithTheIntentInTheError()
            throws Exception {
        Customer customer = customer();
        assertThat(token("pm_card_chargeCustomerFail").getPaymentMethodPreview().getCard().getLast4())
                .isEqualTo("0341");
        PaymentIntent bought = checkout(customer.getId(), "pm_card_chargeCustomerFail");
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("renewal-sub_9-2").build();

        CardException declined = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentIntents()
                .create(offSession(customer.getId(), bought.getPaymentMethod(), 2000).build(), key));
        CardException replayed = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentIntents()
                .create(offSession(customer.getId(), bought.getPaymentMethod(), 2000).build(), key));
        CardException onSession = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentIntents()
                .create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("eur")
                        .setCustomer(customer.getId()).setPaymentMethod(bought.getPaymentMethod()).setConfirm(true)
                        .build()));

        assertThat(bought.getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().paymentMethods().retrieve(bought.getPaymentMethod()).getCustomer())
                .isEqualTo(customer.getId());
        assertThat(declined.getStatusCode()).isEqualTo(402);
        assertThat(declined.getCode()).isEqualTo("card_declined");
        assertThat(declined.getDeclineCode()).isEqualTo("generic_decline");
        assertThat(declined.getStripeError().getMessage()).isEqualTo("Your card was declined.");
        PaymentIntent failed = declined.getStripeError().getPaymentIntent();
        assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
        assertThat(failed.getCustomer()).isEqualTo(customer.getId());
        assertThat(failed.getMetadata()).containsEntry("kassa_renewal", "sub_1:2");
        assertThat(failed.getLastPaymentError().getCode()).isEqualTo("card_declined");
        assertThat(failed.getLastPaymentError().getPaymentMethod().getId()).isEqualTo(bought.getPaymentMethod());
        assertThat(replayed.getStripeError().getPaymentIntent().getId()).isEqualTo(failed.getId());
        assertThat(onSession.getCode()).isEqualTo("card_declined");
        Charge charge = stripe.v1().charges().retrieve(declined.getCharge());
        assertThat(charge.getStatus()).isEqualTo("failed");
        assertThat(charge.getFailureCode()).isEqualTo("card_declined");
        assertThat(awaitEvents(about("payment_intent.payment_failed", failed.getId()), 1)).hasSize(1);
        assertThat(awaitEvents(about("charge.failed", charge.getId()), 1)).hasSize(1);
    }

    @Test
    void anIntentMadeWithoutConfirmIsConfirmedOffSessionLater() throws Exception {
        Customer customer = customer();
        String pm = setUp(customer.getId(), "pm_card_visa");
        PaymentIntent open = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1100L).setCurrency("eur").setCustomer(customer.getId()).setPaymentMethod(pm).build());

        PaymentIntent confirmed = stripe.v1().paymentIntents().confirm(open.getId(),
                com.stripe.param.PaymentIntentConfirmParams.builder()
                        .setOffSession(com.stripe.param.PaymentIntentConfirmParams.OffSession.RECURRING).build());

        assertThat(open.getStatus()).isEqualTo("requires_confirmation");
        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
        assertThat(confirmed.getPaymentMethod()).isEqualTo(pm);
    }

    @Test
    void chargeCustomerFailSavedByASetupIntentIsDeclinedOffSession() throws Exception {
        Customer customer = customer();
        String pm = setUp(customer.getId(), "pm_card_chargeCustomerFail");

        CardException e = catchThrowableOfType(CardException.class,
                () -> stripe.v1().paymentIntents().create(offSession(customer.getId(), pm, 500).build()));

        assertThat(e.getCode()).isEqualTo("card_declined");
        assertThat(e.getStripeError().getPaymentIntent().getStatus()).isEqualTo("requires_payment_method");
    }

    @Test
    void aCardThatNeedsAuthenticationIsDeclinedOffSessionWithAuthenticationRequired() throws Exception {
        Customer customer = customer();
        SetupIntent si = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer.getId()).setConfirm(true).setPaymentMethod("pm_card_authenticationRequired")
                .build());
        HttpResponse<String> authenticated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        server.apiBase() + "/v1/test_helpers/setup_intents/" + si.getId() + "/authenticate"))
                .header("Authorization", "Bearer sk_test_offsession")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("outcome=succeed")).build(),
                HttpResponse.BodyHandlers.ofString());
        String pm = stripe.v1().setupIntents().retrieve(si.getId()).getPaymentMethod();

        CardException e = catchThrowableOfType(CardException.class,
                () -> stripe.v1().paymentIntents().create(offSession(customer.getId(), pm, 700).build()));

        assertThat(authenticated.statusCode()).as(authenticated.body()).isEqualTo(200);
        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getCode()).isEqualTo("authentication_required");
        assertThat(e.getDeclineCode()).isEqualTo("authentication_required");
        assertThat(e.getStripeError().getMessage())
                .isEqualTo("Your card was declined. This transaction requires authentication.");
        PaymentIntent failed = e.getStripeError().getPaymentIntent();
        assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
        assertThat(failed.getLastPaymentError().getCode()).isEqualTo("authentication_required");
        assertThat(failed.getNextAction()).isNull();
        assertThat(stripe.v1().charges().retrieve(e.getCharge()).getFailureCode())
                .isEqualTo("authentication_required");
        assertThat(awaitEvents(about("payment_intent.payment_failed", failed.getId()), 1)).hasSize(1);
    }
}
