package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.ConfirmationToken;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.ConfirmationTokenCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.RefundRetrieveParams;
import com.stripe.param.RefundUpdateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds with the real stripe-java client over HTTP, on the store a subclass gives: each test gets a fresh
 * emulator whose asynchronous test refunds settle only when a test says so (an hour's delay), with its signed
 * webhooks received in process.
 */
abstract class RefundsContract {

    static final String SECRET = "whsec_refundsContract";
    static final String HOOK = "http://kassa.test/hook";

    /** A fresh store for one test (the same database may be behind several). */
    abstract EmulatorStore newStore();

    final List<Event> received = new CopyOnWriteArrayList<>();
    StripeEmulator emulator;
    StripeEmulatorServer server;
    StripeClient stripe;

    EmulatorSettings settings(Duration refundDelay) {
        return EmulatorSettings.defaults().withWebhookEndpoint(HOOK, SECRET)
                .withWebhookTiming(Duration.ofMillis(10), 3, Duration.ofMillis(50), Duration.ofMillis(100))
                .withRefundSettleDelay(refundDelay);
    }

    StripeEmulator emulator(EmulatorStore store, Duration refundDelay) {
        StripeEmulator started = new StripeEmulator(store, settings(refundDelay));
        started.receiveInProcess(HOOK, (payload, signature) -> {
            try {
                received.add(Webhook.constructEvent(payload, signature, SECRET));
                return 200;
            } catch (Exception e) {
                return 400;
            }
        });
        return started;
    }

    @BeforeEach
    void start() throws Exception {
        emulator = emulator(newStore(), Duration.ofHours(1));
        server = StripeEmulatorServer.start("127.0.0.1", 0, "", emulator);
        stripe = StripeClient.builder().setApiKey("sk_test_refunds").setApiBase(server.apiBase())
                .setMaxNetworkRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
        emulator.close();
    }

    PaymentIntent paid(String paymentMethod, long amount) throws StripeException {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(amount)
                .setCurrency("eur").setConfirm(true).setPaymentMethod(paymentMethod).putMetadata("order", "o_1")
                .build());
    }

    Refund refund(RefundCreateParams params) throws StripeException {
        return stripe.v1().refunds().create(params);
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

    HttpResponse<String> settle(String refundId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.apiBase()
                        + "/v1/test_helpers/refunds/" + refundId + "/settle"))
                .header("Authorization", "Bearer sk_test_refunds")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefundOfAPaymentIntentTakesTheWholeAmountByDefaultAndMarksTheChargeRefunded() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 2500);

        Refund refund = refund(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).putMetadata("kassa_refund", "r_1").build());

        assertThat(refund.getId()).startsWith("re_");
        assertThat(refund.getObject()).isEqualTo("refund");
        assertThat(refund.getAmount()).isEqualTo(2500L);
        assertThat(refund.getCurrency()).isEqualTo("eur");
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(refund.getCharge()).isEqualTo(pi.getLatestCharge());
        assertThat(refund.getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(refund.getReason()).isEqualTo("requested_by_customer");
        assertThat(refund.getMetadata()).containsExactlyEntriesOf(java.util.Map.of("kassa_refund", "r_1"));
        assertThat(refund.getBalanceTransaction()).startsWith("txn_");
        assertThat(refund.getFailureReason()).isNull();
        assertThat(refund.getDestinationDetails().getType()).isEqualTo("card");
        assertThat(refund.getDestinationDetails().getCard().getReferenceStatus()).isEqualTo("available");
        Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(charge.getAmountRefunded()).isEqualTo(2500L);
        assertThat(charge.getRefunded()).isTrue();

        Event created = awaitEvents(about("refund.created", refund.getId()), 1).getFirst();
        assertThat(((Refund) created.getDataObjectDeserializer().getObject().orElseThrow()).getAmount())
                .isEqualTo(2500L);
        Event refunded = awaitEvents(about("charge.refunded", charge.getId()), 1).getFirst();
        Charge inEvent = (Charge) refunded.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(inEvent.getAmountRefunded()).isEqualTo(2500L);
        assertThat(inEvent.getRefunded()).isTrue();
    }

    @Test
    void partialRefundsOfAChargeAddUpTheLastTakesWhatIsLeftThenTheChargeIsAlreadyRefunded() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 1000);
        String charge = pi.getLatestCharge();

        Refund first = refund(RefundCreateParams.builder().setCharge(charge).setAmount(300L).build());
        Charge partly = stripe.v1().charges().retrieve(charge);
        Refund rest = refund(RefundCreateParams.builder().setCharge(charge).build());

        assertThat(first.getAmount()).isEqualTo(300L);
        assertThat(first.getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(partly.getAmountRefunded()).isEqualTo(300L);
        assertThat(partly.getRefunded()).isFalse();
        assertThat(rest.getAmount()).isEqualTo(700L);
        assertThat(stripe.v1().charges().retrieve(charge).getRefunded()).isTrue();
        InvalidRequestException again = catchThrowableOfType(InvalidRequestException.class,
                () -> refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build()));
        assertThat(again.getStatusCode()).isEqualTo(400);
        assertThat(again.getCode()).isEqualTo("charge_already_refunded");
        assertThat(again.getStripeError().getMessage()).isEqualTo("Charge " + charge + " has already been refunded.");
        assertThat(awaitEvents(about("charge.refunded", charge), 2)).hasSize(2);
    }

    @Test
    void aRefundAboveWhatIsLeftIsRefusedAndChangesNothing() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 1000);
        refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(300L).build());

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(1000L).build()));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
        assertThat(e.getParam()).isEqualTo("amount");
        assertThat(e.getStripeError().getMessage())
                .isEqualTo("Refund amount (€10.00) is greater than unrefunded amount on charge (€7.00)");
        assertThat(stripe.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).isEqualTo(300L);
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setPaymentIntent(pi.getId()).build())
                .getData()).hasSize(1);
    }

    @Test
    void anIntentWithoutASucceededChargeHasNothingToRefund() throws Exception {
        PaymentIntent open = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("eur").build());
        String declinedCharge = catchThrowableOfType(com.stripe.exception.CardException.class,
                () -> paid("pm_card_chargeDeclined", 1000)).getCharge();

        InvalidRequestException unpaid = catchThrowableOfType(InvalidRequestException.class,
                () -> refund(RefundCreateParams.builder().setPaymentIntent(open.getId()).build()));
        InvalidRequestException declined = catchThrowableOfType(InvalidRequestException.class,
                () -> refund(RefundCreateParams.builder().setCharge(declinedCharge).build()));

        assertThat(unpaid.getStripeError().getMessage())
                .isEqualTo("This PaymentIntent (" + open.getId() + ") does not have a successful charge to refund.");
        assertThat(unpaid.getParam()).isEqualTo("payment_intent");
        assertThat(declined.getStatusCode()).isEqualTo(400);
        assertThat(declined.getStripeError().getMessage()).endsWith("does not have a successful charge to refund.");
    }

    @Test
    void unknownObjectsAreResourceMissing() {
        InvalidRequestException intent = catchThrowableOfType(InvalidRequestException.class,
                () -> refund(RefundCreateParams.builder().setPaymentIntent("pi_missing").build()));
        InvalidRequestException charge = catchThrowableOfType(InvalidRequestException.class,
                () -> refund(RefundCreateParams.builder().setCharge("ch_missing").build()));
        InvalidRequestException refund = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().refunds().retrieve("re_missing"));

        assertThat(intent.getStatusCode()).isEqualTo(404);
        assertThat(intent.getCode()).isEqualTo("resource_missing");
        assertThat(intent.getStripeError().getMessage()).isEqualTo("No such payment_intent: 'pi_missing'");
        assertThat(intent.getParam()).isEqualTo("payment_intent");
        assertThat(charge.getStripeError().getMessage()).isEqualTo("No such charge: 'ch_missing'");
        assertThat(refund.getStatusCode()).isEqualTo(404);
        assertThat(refund.getStripeError().getMessage()).isEqualTo("No such refund: 're_missing'");
        assertThatThrownBy(() -> refund(RefundCreateParams.builder().build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("parameter_missing"));
    }

    @Test
    void retrieveWithExpansionUpdateMetadataAndTheChargesExpandedRefunds() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 1200);
        Refund refund = refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(200L)
                .putMetadata("a", "1").putMetadata("b", "2").build());

        Refund expanded = stripe.v1().refunds().retrieve(refund.getId(), RefundRetrieveParams.builder()
                .addExpand("charge").addExpand("payment_intent").build());
        Refund updated = stripe.v1().refunds().update(refund.getId(), RefundUpdateParams.builder()
                .putMetadata("a", "").putMetadata("c", "3").build());
        Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge(), ChargeRetrieveParams.builder()
                .addExpand("refunds").build());

        assertThat(expanded.getChargeObject().getAmountRefunded()).isEqualTo(200L);
        assertThat(expanded.getPaymentIntentObject().getId()).isEqualTo(pi.getId());
        assertThat(updated.getMetadata()).containsOnlyKeys("b", "c");
        assertThat(stripe.v1().refunds().retrieve(refund.getId()).getMetadata()).containsOnlyKeys("b", "c");
        assertThat(awaitEvents(about("refund.updated", refund.getId()), 1)).hasSize(1);
        assertThat(charge.getRefunds().getData()).extracting(Refund::getId).containsExactly(refund.getId());
    }

    @Test
    void listFiltersByChargeOrPaymentIntentNewestFirstAndPages() throws Exception {
        PaymentIntent one = paid("pm_card_visa", 1000);
        PaymentIntent two = paid("pm_card_visa", 1000);
        Refund a = refund(RefundCreateParams.builder().setPaymentIntent(one.getId()).setAmount(100L).build());
        Refund b = refund(RefundCreateParams.builder().setPaymentIntent(one.getId()).setAmount(200L).build());
        Refund c = refund(RefundCreateParams.builder().setPaymentIntent(two.getId()).setAmount(300L).build());

        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setPaymentIntent(one.getId()).build())
                .getData()).extracting(Refund::getId).containsExactly(b.getId(), a.getId());
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setCharge(two.getLatestCharge()).build())
                .getData()).extracting(Refund::getId).containsExactly(c.getId());
        StripeCollection<Refund> page = stripe.v1().refunds().list(RefundListParams.builder().setLimit(2L).build());
        assertThat(page.getData()).extracting(Refund::getId).containsExactly(c.getId(), b.getId());
        assertThat(page.getHasMore()).isTrue();
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setLimit(2L)
                .setStartingAfter(b.getId()).build()).getData()).extracting(Refund::getId).containsExactly(a.getId());
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setCreated(RefundListParams.Created
                .builder().setGt(a.getCreated() + 3600).build()).build()).getData()).isEmpty();
    }

    @Test
    void aRefundRetriedWithItsIdempotencyKeyIsReplayedNotMadeTwice() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 1000);
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(400L).build();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("kassa-refund-r_1").build();

        Refund first = stripe.v1().refunds().create(params, key);
        Refund again = stripe.v1().refunds().create(params, key);

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).isEqualTo(400L);
    }

    @Test
    void concurrentRefundsOfOneChargeNeverExceedIt() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 1000);
        List<Callable<Object>> refunds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refunds.add(() -> {
                try {
                    return refund(RefundCreateParams.builder().setCharge(pi.getLatestCharge()).setAmount(300L)
                            .build());
                } catch (InvalidRequestException e) {
                    return e;
                }
            });
        }
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Object> f : pool.invokeAll(refunds)) {
                outcomes.add(f.get());
            }
        }

        assertThat(outcomes).filteredOn(Refund.class::isInstance).hasSize(3);
        assertThat(outcomes).filteredOn(InvalidRequestException.class::isInstance).hasSize(9)
                .allSatisfy(e -> assertThat(((InvalidRequestException) e).getParam()).isEqualTo("amount"));
        assertThat(stripe.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).isEqualTo(900L);
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setCharge(pi.getLatestCharge()).build())
                .getData()).hasSize(3);
    }

    @Test
    void twoConcurrentFullRefundsOneSucceedsTheOtherFindsTheChargeRefunded() throws Exception {
        PaymentIntent pi = paid("pm_card_visa", 5000);
        Callable<Object> full = () -> {
            try {
                return refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(5000L).build());
            } catch (InvalidRequestException e) {
                return e;
            }
        };
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Object> f : pool.invokeAll(List.of(full, full))) {
                outcomes.add(f.get());
            }
        }

        assertThat(outcomes).filteredOn(Refund.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(InvalidRequestException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode())
                        .isEqualTo("charge_already_refunded"));
    }

    @Test
    void aPendingRefundCardsRefundIsPendingUntilSettledThenSucceeded() throws Exception {
        PaymentIntent pi = paid("pm_card_pendingRefund", 1500);

        Refund refund = refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build());
        HttpResponse<String> settled = settle(refund.getId());

        assertThat(refund.getStatus()).isEqualTo("pending");
        assertThat(refund.getPendingReason()).isEqualTo("processing");
        assertThat(refund.getDestinationDetails().getCard().getReferenceStatus()).isEqualTo("pending");
        assertThat(stripe.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).isEqualTo(1500L);
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
        assertThat(settled.body()).contains("\"status\": \"succeeded\"");
        Refund after = stripe.v1().refunds().retrieve(refund.getId());
        assertThat(after.getStatus()).isEqualTo("succeeded");
        assertThat(after.getPendingReason()).isNull();
        Event updated = awaitEvents(about("refund.updated", refund.getId()), 1).getFirst();
        assertThat(((Refund) updated.getDataObjectDeserializer().getObject().orElseThrow()).getStatus())
                .isEqualTo("succeeded");
        assertThat(awaitEvents(about("charge.refund.updated", refund.getId()), 1)).hasSize(1);
        assertThat(settle(refund.getId()).body()).contains("\"status\": \"succeeded\"");
        Thread.sleep(100);
        assertThat(received.stream().filter(about("refund.updated", refund.getId()))).hasSize(1);
    }

    @Test
    void aRefundFailCardsRefundSucceedsThenFailsAndTheAmountGoesBackOntoTheCharge() throws Exception {
        PaymentIntent pi = paid("pm_card_refundFail", 1500);

        Refund refund = refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build());
        Charge before = stripe.v1().charges().retrieve(pi.getLatestCharge());
        settle(refund.getId());

        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(before.getRefunded()).isTrue();
        Refund failed = stripe.v1().refunds().retrieve(refund.getId());
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getFailureReason()).isEqualTo("expired_or_canceled_card");
        assertThat(failed.getFailureBalanceTransaction()).startsWith("txn_");
        Charge after = stripe.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(after.getAmountRefunded()).isZero();
        assertThat(after.getRefunded()).isFalse();
        Event event = awaitEvents(about("refund.failed", refund.getId()), 1).getFirst();
        assertThat(((Refund) event.getDataObjectDeserializer().getObject().orElseThrow()).getFailureReason())
                .isEqualTo("expired_or_canceled_card");
        assertThat(awaitEvents(about("refund.updated", refund.getId()), 1)).hasSize(1);
        assertThat(awaitEvents(about("charge.refund.updated", refund.getId()), 1)).hasSize(1);
        assertThat(refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build()).getAmount())
                .isEqualTo(1500L);
    }

    @Test
    void anAsynchronousRefundChangesStatusByItselfAfterTheConfiguredDelay() throws Exception {
        try (StripeEmulator quick = emulator(newStore(), Duration.ofMillis(300));
                StripeEmulatorServer quickServer = StripeEmulatorServer.start("127.0.0.1", 0, "", quick)) {
            StripeClient client = StripeClient.builder().setApiKey("sk_test_refunds")
                    .setApiBase(quickServer.apiBase()).build();
            PaymentIntent pending = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(900L).setCurrency("eur").setConfirm(true).setPaymentMethod("pm_card_pendingRefund")
                    .build());
            PaymentIntent failing = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(900L).setCurrency("eur").setConfirm(true).setPaymentMethod("pm_card_refundFail")
                    .build());
            Refund a = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pending.getId())
                    .build());
            Refund b = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(failing.getId())
                    .build());

            assertThat(a.getStatus()).isEqualTo("pending");
            assertThat(awaitEvents(about("refund.updated", a.getId()), 1)).singleElement()
                    .satisfies(e -> assertThat(e.getRequest().getId()).isNull());
            assertThat(awaitEvents(about("refund.failed", b.getId()), 1)).hasSize(1);
            assertThat(client.v1().refunds().retrieve(a.getId()).getStatus()).isEqualTo("succeeded");
            assertThat(client.v1().refunds().retrieve(b.getId()).getStatus()).isEqualTo("failed");
        }
    }

    @Test
    void theAsynchronousRefundCardsWorkThroughConfirmationTokens() throws Exception {
        ConfirmationToken pending = stripe.v1().testHelpers().confirmationTokens().create(
                ConfirmationTokenCreateParams.builder().setPaymentMethod("pm_card_pendingRefund").build());
        ConfirmationToken failing = stripe.v1().testHelpers().confirmationTokens().create(
                ConfirmationTokenCreateParams.builder().putExtraParam("payment_method_data",
                        java.util.Map.of("type", "card", "card", java.util.Map.of("token", "tok_refundFail")))
                        .build());
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(700L)
                .setCurrency("eur").setConfirm(true).setConfirmationToken(pending.getId()).build());

        assertThat(pending.getPaymentMethodPreview().getCard().getLast4()).isEqualTo("7726");
        assertThat(failing.getPaymentMethodPreview().getCard().getLast4()).isEqualTo("5126");
        assertThat(refund(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build()).getStatus())
                .isEqualTo("pending");
    }

    @Test
    void aCardRefundCannotBeCanceled() throws Exception {
        Refund refund = refund(RefundCreateParams.builder().setPaymentIntent(paid("pm_card_visa", 800).getId())
                .build());

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().refunds().cancel(refund.getId()));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getStripeError().getMessage()).isEqualTo("You can't cancel a refund with a status of "
                + "succeeded. Only refunds with a status of requires_action can be canceled.");
        assertThat(stripe.v1().refunds().retrieve(refund.getId()).getStatus()).isEqualTo("succeeded");
    }
}
