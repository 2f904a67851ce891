package dev.kassa.stripe.emulator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/**
 * PaymentIntents ({@code /v1/payment_intents}) with their charges, and the emulator's 3-D Secure test helper for
 * them. Which card the payment method stands for decides the outcome ({@link TestCards}); every state change is
 * recorded as an event ({@link Events}).
 *
 * <p>Simplifications: capture is always automatic (no {@code manual} capture; refunds are {@link Refunds}); a card that needs 3-D
 * Secure needs it on every confirmation, even after it was set up.
 */
final class PaymentIntents {

    static final String KIND = "payment_intent";
    /**
     * Test trigger: {@code metadata[emulator_fail_after_charge]} = {@code timeout} or {@code 500} makes a
     * PaymentIntent create or confirm that charges the card succeed in full (stored, charged, events sent) and
     * then answer no response at all, or a 500 {@code api_error}.
     */
    static final String FAIL_AFTER_CHARGE = "emulator_fail_after_charge";
    static final String AUTHENTICATION_FAILED_MESSAGE = "The provided PaymentMethod has failed authentication. You "
            + "can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";
    static final String AUTHENTICATION_REQUIRED_MESSAGE = "Your card was declined. This transaction requires "
            + "authentication.";
    /** Documented PaymentIntent parameters the emulator accepts and does not model. */
    private static final Set<String> PI_IGNORED = Set.of("amount_details", "application_fee_amount",
            "error_on_requires_action", "excluded_payment_method_types", "hooks", "mandate", "mandate_data",
            "on_behalf_of", "payment_details", "payment_method_configuration", "radar_options", "shipping",
            "transfer_data", "transfer_group", "confirmation_method", "statement_descriptor");
    /** The statuses from which Stripe lets a PaymentIntent be canceled, in the order its error message names them. */
    static final List<String> PI_CANCELABLE = List.of("requires_payment_method", "requires_capture",
            "requires_confirmation", "requires_action", "processing");
    private static final Set<String> PI_CANCELLATION_REASONS = Set.of("duplicate", "fraudulent",
            "requested_by_customer", "abandoned");

    private final EmulatorStore store;
    private final Customers customers;
    private final Events events;
    private final PaymentMethods paymentMethods;

    PaymentIntents(EmulatorStore store, Customers customers, Events events, PaymentMethods paymentMethods) {
        this.store = store;
        this.customers = customers;
        this.events = events;
        this.paymentMethods = paymentMethods;
    }

    Map<String, Object> create(Params params, StripeEmulator.Call call) {
        Set<String> allowed = new HashSet<>(Set.of("amount", "currency", "customer", "confirm", "confirmation_token",
                "payment_method", "automatic_payment_methods", "payment_method_types", "setup_future_usage",
                "metadata", "description", "statement_descriptor_suffix", "return_url", "payment_method_options",
                "expand", "receipt_email", "capture_method", "off_session", "use_stripe_sdk"));
        allowed.addAll(PI_IGNORED);
        params.allowOnly(allowed);
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        Long amount = params.integer("amount");
        if (amount == null) {
            throw StripeApiException.missingParam("amount");
        }
        if (amount < 1) {
            throw StripeApiException.invalidRequest("This value must be greater than or equal to 1.", "amount");
        }
        String currency = currency(params);
        Currencies.checkChargeAmount(amount, currency);
        String customer = params.text("customer");
        if (customer != null) {
            customers.retrieveLive(customer, "customer");
        }
        String capture = params.oneOf("capture_method", Set.of("automatic", "automatic_async", "manual"));
        if ("manual".equals(capture)) {
            throw StripeApiException.invalidRequest("The emulator does not support capture_method=manual.",
                    "capture_method");
        }
        boolean confirm = bool(params, "confirm");
        boolean offSession = offSession(params);
        if (offSession && !confirm) {
            throw StripeApiException.invalidRequest("off_session can only be used when confirm is true.",
                    "off_session");
        }
        paymentMethods.checkUsableBy(params.text("payment_method"), customer, offSession);
        String id = Ids.next("pi_");
        Map<String, Object> pi = new LinkedHashMap<>();
        pi.put("id", id);
        pi.put("object", PaymentIntents.KIND);
        pi.put("amount", amount);
        pi.put("amount_capturable", 0L);
        pi.put("amount_received", 0L);
        pi.put("application", null);
        pi.put("application_fee_amount", null);
        pi.put("automatic_payment_methods", automaticPaymentMethods(params));
        pi.put("canceled_at", null);
        pi.put("cancellation_reason", null);
        pi.put("capture_method", capture == null ? "automatic_async" : capture);
        pi.put("client_secret", id + "_secret_" + Ids.random(25));
        pi.put("confirmation_method", "automatic");
        pi.put("created", call.now());
        pi.put("currency", currency);
        pi.put("customer", customer);
        pi.put("description", params.text("description"));
        pi.put("last_payment_error", null);
        pi.put("latest_charge", null);
        pi.put("livemode", false);
        pi.put("metadata", Events.metadata(params));
        pi.put("next_action", null);
        pi.put("on_behalf_of", null);
        pi.put("payment_method", null);
        pi.put("payment_method_options", paymentMethodOptions(params, null));
        pi.put("payment_method_types", paymentMethodTypes(params));
        pi.put("processing", null);
        pi.put("receipt_email", params.text("receipt_email"));
        pi.put("return_url", null);
        pi.put("setup_future_usage", params.oneOf("setup_future_usage", FUTURE_USAGE));
        pi.put("shipping", null);
        pi.put("statement_descriptor", null);
        pi.put("statement_descriptor_suffix", params.text("statement_descriptor_suffix"));
        pi.put("status", "requires_payment_method");
        pi.put("transfer_data", null);
        pi.put("transfer_group", null);
        // Resolve the payment method before storing anything, so a bad reference leaves no intent behind.
        Map<String, Object> source = paymentMethods.source(params, pi, call);
        if (source != null) {
            applySource(pi, source, params);
            pi.put("status", "requires_confirmation");
        } else if (confirm) {
            throw missingPaymentMethod();
        }
        pi.remove("return_url");
        store.insert(PaymentIntents.KIND, id, pi);
        events.emit("payment_intent.created", pi, call);
        if (!confirm) {
            return renderIntent(pi, expand);
        }
        return renderIntent(attemptPayment(id, false, offSession, call), expand);
    }

    /** {@code off_session}: {@code true} (or Stripe's {@code one_off}, {@code recurring}) or {@code false}. */
    private static boolean offSession(Params params) {
        String value = params.oneOf("off_session", Set.of("true", "false", "one_off", "recurring"));
        return value != null && !value.equals("false");
    }

    Map<String, Object> retrieve(String id, Params params) {
        params.allowOnly(Set.of("expand", "client_secret"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        Map<String, Object> pi = IntentType.PAYMENT.find(store, id);
        return renderIntent(pi, expand);
    }

    Map<String, Object> confirm(String id, Params params, StripeEmulator.Call call) {
        Set<String> allowed = new HashSet<>(Set.of("confirmation_token", "payment_method", "return_url",
                "setup_future_usage", "payment_method_options", "expand", "off_session", "use_stripe_sdk",
                "receipt_email", "capture_method", "payment_method_types", "client_secret"));
        allowed.addAll(PI_IGNORED);
        params.allowOnly(allowed);
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        Map<String, Object> current = IntentType.PAYMENT.find(store, id);
        requireStatus(current, "confirm", "payment_intent_unexpected_state", "PaymentIntent",
                Set.of("requires_payment_method", "requires_confirmation"));
        boolean offSession = offSession(params);
        String customer = (String) current.get("customer");
        paymentMethods.checkUsableBy(params.has("payment_method") || params.has("confirmation_token")
                ? params.text("payment_method") : (String) current.get("payment_method"), customer, offSession);
        Map<String, Object> source = paymentMethods.source(params, current, call);
        if (source == null && current.get("payment_method") == null) {
            throw missingPaymentMethod();
        }
        store.update(PaymentIntents.KIND, id, pi -> {
            requireStatus(pi, "confirm", "payment_intent_unexpected_state", "PaymentIntent",
                    Set.of("requires_payment_method", "requires_confirmation"));
            if (source != null) {
                applySource(pi, source, params);
            }
            if (params.has("setup_future_usage")) {
                pi.put("setup_future_usage", params.oneOf("setup_future_usage", FUTURE_USAGE));
            }
            if (params.has("payment_method_options")) {
                pi.put("payment_method_options", paymentMethodOptions(params, pi.get("payment_method_options")));
            }
            pi.put("status", "requires_confirmation");
            pi.remove("return_url");
            return pi;
        });
        return renderIntent(attemptPayment(id, false, offSession, call), expand);
    }

    /**
     * {@code POST /v1/payment_intents/{id}/cancel}: from {@link #PI_CANCELABLE} only; the intent becomes
     * {@code canceled} with {@code canceled_at} and {@code cancellation_reason}, and no further operation on it
     * (confirm, the 3-D Secure helper) succeeds. The emulator never holds funds, so there is nothing to release.
     */
    Map<String, Object> cancel(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("cancellation_reason", "expand"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        String reason = params.oneOf("cancellation_reason", PI_CANCELLATION_REASONS);
        Map<String, Object> canceled = IntentType.PAYMENT.cancel(store, events, id, PI_CANCELABLE, reason, pi -> {
            pi.put("canceled_at", call.now());
            return pi;
        }, call);
        return renderIntent(canceled, expand);
    }

    /**
     * Test helper: completes the 3-D Secure step of an intent in {@code requires_action} as the customer would in
     * the browser, {@code outcome=succeed} (then the card is charged, or declined) or {@code fail}. Answers the
     * intent; a decline after authentication is not an HTTP error here, it shows in the intent.
     */
    Map<String, Object> authenticate(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("outcome", "expand"));
        String outcome = outcome(params);
        Map<String, Object> current = IntentType.PAYMENT.find(store, id);
        requireStatus(current, "authenticate", "payment_intent_unexpected_state", "PaymentIntent",
                Set.of("requires_action"));
        if (outcome.equals("succeed")) {
            try {
                return renderIntent(attemptPayment(id, true, false, call), params.expand());
            } catch (StripeApiException declined) {
                return renderIntent(store.find(PaymentIntents.KIND, id).orElseThrow(), params.expand());
            }
        }
        Map<String, Object> failed = IntentType.PAYMENT.failAuthentication(store, events, id,
                paymentMethods.retrieve((String) current.get("payment_method")), "payment_intent_authentication_failure",
                AUTHENTICATION_FAILED_MESSAGE, call);
        return renderIntent(failed, params.expand());
    }

    /**
     * Confirms a stored intent in {@code requires_confirmation} (or, {@code authenticated}, in
     * {@code requires_action}) with its payment method: requires_action, a decline (stored, then thrown as a 402),
     * or a succeeded charge. Off-session, a card that needs authentication cannot ask for it: it is declined with
     * {@code authentication_required}, as Stripe does.
     */
    private Map<String, Object> attemptPayment(String id, boolean authenticated, boolean offSession,
            StripeEmulator.Call call) {
        Map<String, Object> current = store.find(PaymentIntents.KIND, id).orElseThrow();
        Map<String, Object> pm = paymentMethods.retrieve((String) current.get("payment_method"));
        TestCards.Card card = PaymentMethods.cardOfPaymentMethod(pm);
        Charges.Failure failure = switch (card.behaviour()) {
            case DECLINED -> new Charges.Failure("card_declined", card.declineCode(), card.declineMessage());
            // Issue 11's rule for pm_card_chargeCustomerFail: the checkout that saves it pays; charging it saved fails.
            case CHARGE_CUSTOMER_FAIL -> pm.get("customer") == null ? null
                    : new Charges.Failure("card_declined", card.declineCode(), card.declineMessage());
            default -> null;
        };
        boolean authenticate = !authenticated && needsAuthentication(card, current);
        if (authenticate && offSession) {
            failure = new Charges.Failure("authentication_required", "authentication_required",
                    AUTHENTICATION_REQUIRED_MESSAGE);
        } else if (authenticate) {
            Map<String, Object> waiting = store.update(PaymentIntents.KIND, id, pi -> {
                pi.put("status", "requires_action");
                pi.put("next_action", nextAction());
                return pi;
            }).orElseThrow();
            events.emit("payment_intent.requires_action", waiting, call);
            return waiting;
        }
        Map<String, Object> charge = Charges.build(current, pm, card, failure, authenticated, call);
        store.insert(Charges.KIND, (String) charge.get("id"), charge);
        if (failure != null) {
            StripeApiException error = StripeApiException.cardError(failure.code(), failure.declineCode(),
                    failure.message())
                    .with("charge", charge.get("id"))
                    .with("payment_method", pm);
            Map<String, Object> failed = store.update(PaymentIntents.KIND, id, pi -> {
                pi.put("status", "requires_payment_method");
                pi.put("next_action", null);
                pi.put("payment_method", null);
                pi.put("latest_charge", charge.get("id"));
                pi.put("last_payment_error", error.errorObject());
                return pi;
            }).orElseThrow();
            events.emit("charge.failed", charge, call);
            events.emit("payment_intent.payment_failed", failed, call);
            throw error.with("payment_intent", renderIntent(failed, List.of()))
                    .with("request_log_url", "https://dashboard.stripe.com/test/logs/" + call.requestId());
        }
        Map<String, Object> succeeded = store.update(PaymentIntents.KIND, id, pi -> {
            pi.put("status", "succeeded");
            pi.put("amount_received", pi.get("amount"));
            pi.put("next_action", null);
            pi.put("last_payment_error", null);
            pi.put("latest_charge", charge.get("id"));
            return pi;
        }).orElseThrow();
        events.emit("charge.succeeded", charge, call);
        events.emit("payment_intent.succeeded", succeeded, call);
        if (succeeded.get("setup_future_usage") != null && succeeded.get("customer") != null) {
            paymentMethods.attach(pm, (String) succeeded.get("customer"), call);
        }
        return succeeded;
    }

    private static void applySource(Map<String, Object> pi, Map<String, Object> pm, Params params) {
        pi.put("payment_method", pm.get("id"));
        if (params.text("return_url") != null) {
            pi.put("return_url", params.text("return_url"));
        }
    }

    private Map<String, Object> renderIntent(Map<String, Object> pi, List<String> expand) {
        Map<String, Object> out = InMemoryEmulatorStore.copy(pi);
        if (expand.contains("latest_charge") && out.get("latest_charge") instanceof String charge) {
            out.put("latest_charge", store.find(Charges.KIND, charge).orElse(null));
        }
        if (expand.contains("payment_method") && out.get("payment_method") instanceof String pm) {
            out.put("payment_method", store.find(PaymentMethods.KIND, pm).orElse(null));
        }
        IntentSupport.expandCustomer(store, out, expand);
        return out;
    }
}
