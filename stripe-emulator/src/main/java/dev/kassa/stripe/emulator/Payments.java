package dev.kassa.stripe.emulator;

import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Card payments in Stripe's shapes: confirmation tokens (test helper), payment methods, PaymentIntents with their
 * charges, SetupIntents, and the emulator's 3-D Secure test helper. Which card a payment method stands for
 * decides the outcome ({@link TestCards}); every state change is recorded as an event ({@link Events}).
 *
 * <p>Simplifications: capture is always automatic (no {@code manual} capture, no refunds); a card that needs 3-D
 * Secure needs it on every confirmation, even after it was set up; minimum charge amounts are not enforced.
 */
final class Payments {

    static final String TOKEN_KIND = "confirmation_token";
    static final String PAYMENT_METHOD_KIND = "payment_method";
    static final String PAYMENT_INTENT_KIND = "payment_intent";
    static final String SETUP_INTENT_KIND = "setup_intent";
    static final String CHARGE_KIND = "charge";

    /**
     * Test trigger: {@code metadata[emulator_fail_after_charge]} = {@code timeout} or {@code 500} makes a
     * PaymentIntent create or confirm that charges the card succeed in full (stored, charged, events sent) and
     * then answer no response at all, or a 500 {@code api_error}.
     */
    static final String FAIL_AFTER_CHARGE = "emulator_fail_after_charge";

    static final long TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
    static final String AUTHENTICATION_FAILED_MESSAGE = "The provided PaymentMethod has failed authentication. You "
            + "can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";
    static final String SETUP_AUTHENTICATION_FAILED_MESSAGE = "The latest attempt to set up the payment method has "
            + "failed because authentication failed.";

    private static final Pattern CURRENCY = Pattern.compile("[a-zA-Z]{3}");
    private static final Set<String> FUTURE_USAGE = Set.of("on_session", "off_session");
    private static final Set<String> THREE_D_SECURE = Set.of("automatic", "any", "challenge");
    private static final Set<String> ADDRESS = Set.of("city", "country", "line1", "line2", "postal_code", "state");
    /** Documented PaymentIntent parameters the emulator accepts and does not model. */
    private static final Set<String> PI_IGNORED = Set.of("amount_details", "application_fee_amount",
            "error_on_requires_action", "excluded_payment_method_types", "hooks", "mandate", "mandate_data",
            "on_behalf_of", "payment_details", "payment_method_configuration", "radar_options", "shipping",
            "transfer_data", "transfer_group", "confirmation_method", "statement_descriptor");
    /** The statuses from which Stripe lets a PaymentIntent be canceled, in the order its error message names them. */
    static final List<String> PI_CANCELABLE = List.of("requires_payment_method", "requires_capture",
            "requires_confirmation", "requires_action", "processing");
    /** The statuses from which Stripe lets a SetupIntent be canceled. */
    static final List<String> SI_CANCELABLE = List.of("requires_payment_method", "requires_confirmation",
            "requires_action");
    private static final Set<String> PI_CANCELLATION_REASONS = Set.of("duplicate", "fraudulent",
            "requested_by_customer", "abandoned");
    private static final Set<String> SI_CANCELLATION_REASONS = Set.of("duplicate", "requested_by_customer",
            "abandoned");
    private static final Set<String> SI_IGNORED = Set.of("attach_to_self", "excluded_payment_method_types",
            "flow_directions", "mandate_data", "on_behalf_of", "payment_method_configuration", "single_use");

    private final EmulatorStore store;
    private final Customers customers;
    private final Events events;

    Payments(EmulatorStore store, Customers customers, Events events) {
        this.store = store;
        this.customers = customers;
        this.events = events;
    }

    // ------------------------------------------------------------------ confirmation tokens

    Map<String, Object> createConfirmationToken(Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("expand", "payment_method", "payment_method_data", "payment_method_options",
                "return_url", "setup_future_usage", "shipping"));
        String pmId = params.text("payment_method");
        Params data = params.hash("payment_method_data");
        TestCards.Card card;
        Map<String, Object> billing = billingDetails(data == null ? null : data.hash("billing_details"));
        if (data != null) {
            data.allowOnly(Set.of("type", "card", "billing_details", "allow_redisplay", "metadata"));
            String type = data.required("type");
            if (!type.equals("card")) {
                throw StripeApiException.invalidRequest("The emulator supports only card payment methods, not '"
                        + type + "'.", data.name("type"));
            }
        }
        if (pmId != null) {
            card = cardOf(pmId, "payment_method");
        } else if (data != null) {
            Params cardData = data.hash("card");
            if (cardData == null) {
                throw StripeApiException.missingParam(data.name("card") + "[token]");
            }
            cardData.allowOnly(Set.of("token"));
            String token = cardData.required("token");
            card = TestCards.byToken(token).orElseThrow(() -> StripeApiException.resourceMissing("token", token,
                    cardData.name("token")));
        } else {
            throw StripeApiException.missingParam("payment_method");
        }
        String futureUsage = params.oneOf("setup_future_usage", FUTURE_USAGE);
        String id = Ids.next("ctoken_");
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("object", TOKEN_KIND);
        token.put("created", call.now());
        token.put("expires_at", call.now() + TOKEN_LIFETIME_SECONDS);
        token.put("livemode", false);
        token.put("mandate_data", null);
        token.put("payment_intent", null);
        token.put("payment_method_options", null);
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("allow_redisplay", "unspecified");
        preview.put("billing_details", billing);
        preview.put("card", TestCards.cardHash(card, expYear(call)));
        preview.put("customer", null);
        preview.put("type", "card");
        token.put("payment_method_preview", preview);
        token.put("return_url", params.text("return_url"));
        token.put("setup_future_usage", futureUsage);
        token.put("setup_intent", null);
        token.put("shipping", null);
        token.put("use_stripe_sdk", true);
        store.insert(TOKEN_KIND, id, token);
        return token;
    }

    Map<String, Object> retrieveConfirmationToken(String id) {
        return store.find(TOKEN_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("confirmationtoken", id, "confirmation_token"));
    }

    Map<String, Object> retrievePaymentMethod(String id) {
        return store.find(PAYMENT_METHOD_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("PaymentMethod", id, "payment_method"));
    }

    Map<String, Object> retrieveCharge(String id, List<String> expand) {
        Map<String, Object> charge = store.find(CHARGE_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("charge", id, "id"));
        checkExpand(expand, Set.of("payment_intent", "customer"));
        if (expand.contains("payment_intent") && charge.get("payment_intent") instanceof String pi) {
            charge.put("payment_intent", store.find(PAYMENT_INTENT_KIND, pi).orElse(null));
        }
        expandCustomer(charge, expand);
        return charge;
    }

    // ------------------------------------------------------------------ payment intents

    Map<String, Object> createPaymentIntent(Params params, StripeEmulator.Call call) {
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
        String id = Ids.next("pi_");
        Map<String, Object> pi = new LinkedHashMap<>();
        pi.put("id", id);
        pi.put("object", PAYMENT_INTENT_KIND);
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
        Map<String, Object> source = paymentSource(params, pi, call);
        if (source != null) {
            applySource(pi, source, params);
            pi.put("status", "requires_confirmation");
        } else if (confirm) {
            throw missingPaymentMethod();
        }
        pi.remove("return_url");
        store.insert(PAYMENT_INTENT_KIND, id, pi);
        events.emit("payment_intent.created", pi, call);
        if (!confirm) {
            return renderIntent(pi, expand);
        }
        return renderIntent(attemptPayment(id, false, call), expand);
    }

    Map<String, Object> retrievePaymentIntent(String id, Params params) {
        params.allowOnly(Set.of("expand", "client_secret"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        Map<String, Object> pi = store.find(PAYMENT_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("payment_intent", id, "intent"));
        return renderIntent(pi, expand);
    }

    Map<String, Object> confirmPaymentIntent(String id, Params params, StripeEmulator.Call call) {
        Set<String> allowed = new HashSet<>(Set.of("confirmation_token", "payment_method", "return_url",
                "setup_future_usage", "payment_method_options", "expand", "off_session", "use_stripe_sdk",
                "receipt_email", "capture_method", "payment_method_types", "client_secret"));
        allowed.addAll(PI_IGNORED);
        params.allowOnly(allowed);
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        Map<String, Object> current = store.find(PAYMENT_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("payment_intent", id, "intent"));
        requireStatus(current, "confirm", "payment_intent_unexpected_state", "PaymentIntent",
                Set.of("requires_payment_method", "requires_confirmation"));
        Map<String, Object> source = paymentSource(params, current, call);
        if (source == null && current.get("payment_method") == null) {
            throw missingPaymentMethod();
        }
        store.update(PAYMENT_INTENT_KIND, id, pi -> {
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
        return renderIntent(attemptPayment(id, false, call), expand);
    }

    /**
     * {@code POST /v1/payment_intents/{id}/cancel}: from {@link #PI_CANCELABLE} only; the intent becomes
     * {@code canceled} with {@code canceled_at} and {@code cancellation_reason}, and no further operation on it
     * (confirm, the 3-D Secure helper) succeeds. The emulator never holds funds, so there is nothing to release.
     */
    Map<String, Object> cancelPaymentIntent(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("cancellation_reason", "expand"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("latest_charge", "payment_method", "customer"));
        String reason = params.oneOf("cancellation_reason", PI_CANCELLATION_REASONS);
        store.find(PAYMENT_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("payment_intent", id, "intent"));
        Map<String, Object> canceled = store.update(PAYMENT_INTENT_KIND, id, pi -> {
            requireStatus(pi, "cancel", "payment_intent_unexpected_state", "PaymentIntent", PI_CANCELABLE);
            pi.put("status", "canceled");
            pi.put("canceled_at", call.now());
            pi.put("cancellation_reason", reason);
            pi.put("next_action", null);
            return pi;
        }).orElseThrow();
        events.emit("payment_intent.canceled", canceled, call);
        return renderIntent(canceled, expand);
    }

    /**
     * Test helper: completes the 3-D Secure step of an intent in {@code requires_action} as the customer would in
     * the browser, {@code outcome=succeed} (then the card is charged, or declined) or {@code fail}. Answers the
     * intent; a decline after authentication is not an HTTP error here, it shows in the intent.
     */
    Map<String, Object> authenticatePaymentIntent(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("outcome", "expand"));
        String outcome = outcome(params);
        Map<String, Object> current = store.find(PAYMENT_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("payment_intent", id, "intent"));
        requireStatus(current, "authenticate", "payment_intent_unexpected_state", "PaymentIntent",
                Set.of("requires_action"));
        if (outcome.equals("succeed")) {
            try {
                return renderIntent(attemptPayment(id, true, call), params.expand());
            } catch (StripeApiException declined) {
                return renderIntent(store.find(PAYMENT_INTENT_KIND, id).orElseThrow(), params.expand());
            }
        }
        Map<String, Object> pm = retrievePaymentMethod((String) current.get("payment_method"));
        StripeApiException error = new StripeApiException(400, "invalid_request_error",
                "payment_intent_authentication_failure", AUTHENTICATION_FAILED_MESSAGE, null)
                .with("payment_method", pm);
        Map<String, Object> failed = store.update(PAYMENT_INTENT_KIND, id, pi -> {
            requireStatus(pi, "authenticate", "payment_intent_unexpected_state", "PaymentIntent",
                    Set.of("requires_action"));
            pi.put("status", "requires_payment_method");
            pi.put("next_action", null);
            pi.put("payment_method", null);
            pi.put("last_payment_error", error.errorObject());
            return pi;
        }).orElseThrow();
        events.emit("payment_intent.payment_failed", failed, call);
        return renderIntent(failed, params.expand());
    }

    /**
     * Confirms a stored intent in {@code requires_confirmation} (or, {@code authenticated}, in
     * {@code requires_action}) with its payment method: requires_action, a decline (stored, then thrown as a 402),
     * or a succeeded charge.
     */
    private Map<String, Object> attemptPayment(String id, boolean authenticated, StripeEmulator.Call call) {
        Map<String, Object> current = store.find(PAYMENT_INTENT_KIND, id).orElseThrow();
        Map<String, Object> pm = retrievePaymentMethod((String) current.get("payment_method"));
        TestCards.Card card = cardOfPaymentMethod(pm);
        if (!authenticated && needsAuthentication(card, current)) {
            Map<String, Object> waiting = store.update(PAYMENT_INTENT_KIND, id, pi -> {
                pi.put("status", "requires_action");
                pi.put("next_action", nextAction());
                return pi;
            }).orElseThrow();
            events.emit("payment_intent.requires_action", waiting, call);
            return waiting;
        }
        boolean declined = card.behaviour() == TestCards.Behaviour.DECLINED;
        Map<String, Object> charge = charge(current, pm, card, declined, authenticated, call);
        store.insert(CHARGE_KIND, (String) charge.get("id"), charge);
        if (declined) {
            StripeApiException error = StripeApiException.cardError("card_declined", card.declineCode(),
                    card.declineMessage())
                    .with("charge", charge.get("id"))
                    .with("payment_method", pm);
            Map<String, Object> failed = store.update(PAYMENT_INTENT_KIND, id, pi -> {
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
        Map<String, Object> succeeded = store.update(PAYMENT_INTENT_KIND, id, pi -> {
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
            attach(pm, (String) succeeded.get("customer"), call);
        }
        return succeeded;
    }

    private Map<String, Object> charge(Map<String, Object> pi, Map<String, Object> pm, TestCards.Card card,
            boolean declined, boolean authenticated, StripeEmulator.Call call) {
        Map<String, Object> charge = new LinkedHashMap<>();
        long amount = (Long) pi.get("amount");
        charge.put("id", Ids.next("ch_"));
        charge.put("object", CHARGE_KIND);
        charge.put("amount", amount);
        charge.put("amount_captured", declined ? 0L : amount);
        charge.put("amount_refunded", 0L);
        charge.put("application", null);
        charge.put("application_fee", null);
        charge.put("application_fee_amount", null);
        charge.put("balance_transaction", declined ? null : Ids.next("txn_"));
        charge.put("billing_details", pm.get("billing_details"));
        String suffix = (String) pi.get("statement_descriptor_suffix");
        String descriptor = suffix == null ? "KASSA TEST" : "KASSA* " + suffix.toUpperCase(Locale.ROOT);
        charge.put("calculated_statement_descriptor", descriptor.length() > 22 ? descriptor.substring(0, 22) : descriptor);
        charge.put("captured", !declined);
        charge.put("created", call.now());
        charge.put("currency", pi.get("currency"));
        charge.put("customer", pi.get("customer"));
        charge.put("description", pi.get("description"));
        charge.put("disputed", false);
        charge.put("failure_balance_transaction", null);
        charge.put("failure_code", declined ? "card_declined" : null);
        charge.put("failure_message", declined ? card.declineMessage() : null);
        charge.put("fraud_details", new LinkedHashMap<String, Object>());
        charge.put("livemode", false);
        charge.put("metadata", InMemoryEmulatorStore.copy(castMap(pi.get("metadata"))));
        charge.put("on_behalf_of", null);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("advice_code", null);
        outcome.put("network_advice_code", null);
        outcome.put("network_decline_code", null);
        outcome.put("network_status", declined ? "declined_by_network" : "approved_by_network");
        outcome.put("reason", declined ? card.declineCode() : null);
        outcome.put("risk_level", "normal");
        outcome.put("risk_score", 20L);
        outcome.put("seller_message", declined ? "The bank did not return any further details with this decline."
                : "Payment complete.");
        outcome.put("type", declined ? "issuer_declined" : "authorized");
        charge.put("outcome", outcome);
        charge.put("paid", !declined);
        charge.put("payment_intent", pi.get("id"));
        charge.put("payment_method", pm.get("id"));
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Object> cardDetails = new LinkedHashMap<>();
        Map<String, Object> pmCard = castMap(pm.get("card"));
        for (String key : List.of("brand", "checks", "country", "exp_month", "exp_year", "fingerprint", "funding",
                "last4")) {
            cardDetails.put(key, pmCard.get(key));
        }
        cardDetails.put("network", card.brand());
        if (authenticated) {
            Map<String, Object> threeDSecure = new LinkedHashMap<>();
            threeDSecure.put("authentication_flow", "challenge");
            threeDSecure.put("result", "authenticated");
            threeDSecure.put("result_reason", null);
            threeDSecure.put("version", "2.2.0");
            cardDetails.put("three_d_secure", threeDSecure);
        } else {
            cardDetails.put("three_d_secure", null);
        }
        details.put("card", cardDetails);
        details.put("type", "card");
        charge.put("payment_method_details", details);
        charge.put("receipt_email", pi.get("receipt_email"));
        charge.put("receipt_number", null);
        charge.put("receipt_url", null);
        charge.put("refunded", false);
        charge.put("review", null);
        charge.put("shipping", null);
        charge.put("statement_descriptor", null);
        charge.put("statement_descriptor_suffix", suffix);
        charge.put("status", declined ? "failed" : "succeeded");
        charge.put("transfer_data", null);
        charge.put("transfer_group", null);
        return charge;
    }

    // ------------------------------------------------------------------ setup intents

    Map<String, Object> createSetupIntent(Params params, StripeEmulator.Call call) {
        Set<String> allowed = new HashSet<>(Set.of("customer", "confirm", "confirmation_token", "payment_method",
                "usage", "metadata", "automatic_payment_methods", "payment_method_types", "return_url",
                "description", "payment_method_options", "expand", "use_stripe_sdk"));
        allowed.addAll(SI_IGNORED);
        params.allowOnly(allowed);
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        String customer = params.text("customer");
        if (customer != null) {
            customers.retrieveLive(customer, "customer");
        }
        boolean confirm = bool(params, "confirm");
        String id = Ids.next("seti_");
        Map<String, Object> si = new LinkedHashMap<>();
        si.put("id", id);
        si.put("object", SETUP_INTENT_KIND);
        si.put("application", null);
        si.put("automatic_payment_methods", automaticPaymentMethods(params));
        si.put("cancellation_reason", null);
        si.put("client_secret", id + "_secret_" + Ids.random(25));
        si.put("created", call.now());
        si.put("customer", customer);
        si.put("description", params.text("description"));
        si.put("flow_directions", null);
        si.put("last_setup_error", null);
        si.put("latest_attempt", null);
        si.put("livemode", false);
        si.put("mandate", null);
        si.put("metadata", Events.metadata(params));
        si.put("next_action", null);
        si.put("on_behalf_of", null);
        si.put("payment_method", null);
        si.put("payment_method_options", paymentMethodOptions(params, null));
        si.put("payment_method_types", paymentMethodTypes(params));
        si.put("single_use_mandate", null);
        si.put("status", "requires_payment_method");
        String usage = params.oneOf("usage", FUTURE_USAGE);
        si.put("usage", usage == null ? "off_session" : usage);
        Map<String, Object> source = paymentSource(params, si, call);
        if (source != null) {
            si.put("payment_method", source.get("id"));
            si.put("status", "requires_confirmation");
        } else if (confirm) {
            throw missingPaymentMethod();
        }
        store.insert(SETUP_INTENT_KIND, id, si);
        events.emit("setup_intent.created", si, call);
        if (!confirm) {
            return renderSetupIntent(si, expand);
        }
        return renderSetupIntent(attemptSetup(id, false, call), expand);
    }

    Map<String, Object> retrieveSetupIntent(String id, Params params) {
        params.allowOnly(Set.of("expand", "client_secret"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        return renderSetupIntent(store.find(SETUP_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("setupintent", id, "intent")), expand);
    }

    Map<String, Object> confirmSetupIntent(String id, Params params, StripeEmulator.Call call) {
        Set<String> allowed = new HashSet<>(Set.of("confirmation_token", "payment_method", "return_url",
                "payment_method_options", "expand", "use_stripe_sdk", "client_secret"));
        allowed.addAll(SI_IGNORED);
        params.allowOnly(allowed);
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        Map<String, Object> current = store.find(SETUP_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("setupintent", id, "intent"));
        requireStatus(current, "confirm", "setup_intent_unexpected_state", "SetupIntent",
                Set.of("requires_payment_method", "requires_confirmation"));
        Map<String, Object> source = paymentSource(params, current, call);
        if (source == null && current.get("payment_method") == null) {
            throw missingPaymentMethod();
        }
        store.update(SETUP_INTENT_KIND, id, si -> {
            requireStatus(si, "confirm", "setup_intent_unexpected_state", "SetupIntent",
                    Set.of("requires_payment_method", "requires_confirmation"));
            if (source != null) {
                si.put("payment_method", source.get("id"));
            }
            if (params.has("payment_method_options")) {
                si.put("payment_method_options", paymentMethodOptions(params, si.get("payment_method_options")));
            }
            si.put("status", "requires_confirmation");
            return si;
        });
        return renderSetupIntent(attemptSetup(id, false, call), expand);
    }

    /**
     * {@code POST /v1/setup_intents/{id}/cancel}: from {@link #SI_CANCELABLE} only; the intent becomes
     * {@code canceled} with {@code cancellation_reason} (a SetupIntent has no {@code canceled_at}).
     */
    Map<String, Object> cancelSetupIntent(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("cancellation_reason", "expand"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        String reason = params.oneOf("cancellation_reason", SI_CANCELLATION_REASONS);
        store.find(SETUP_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("setupintent", id, "intent"));
        Map<String, Object> canceled = store.update(SETUP_INTENT_KIND, id, si -> {
            requireStatus(si, "cancel", "setup_intent_unexpected_state", "SetupIntent", SI_CANCELABLE);
            si.put("status", "canceled");
            si.put("cancellation_reason", reason);
            si.put("next_action", null);
            return si;
        }).orElseThrow();
        events.emit("setup_intent.canceled", canceled, call);
        return renderSetupIntent(canceled, expand);
    }

    /** Test helper: the 3-D Secure step of a SetupIntent in {@code requires_action}, like the PaymentIntent one. */
    Map<String, Object> authenticateSetupIntent(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("outcome", "expand"));
        String outcome = outcome(params);
        Map<String, Object> current = store.find(SETUP_INTENT_KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("setupintent", id, "intent"));
        requireStatus(current, "authenticate", "setup_intent_unexpected_state", "SetupIntent",
                Set.of("requires_action"));
        if (outcome.equals("succeed")) {
            try {
                return renderSetupIntent(attemptSetup(id, true, call), params.expand());
            } catch (StripeApiException declined) {
                return renderSetupIntent(store.find(SETUP_INTENT_KIND, id).orElseThrow(), params.expand());
            }
        }
        Map<String, Object> pm = retrievePaymentMethod((String) current.get("payment_method"));
        StripeApiException error = new StripeApiException(400, "invalid_request_error",
                "setup_intent_authentication_failure", SETUP_AUTHENTICATION_FAILED_MESSAGE, null)
                .with("payment_method", pm);
        Map<String, Object> failed = store.update(SETUP_INTENT_KIND, id, si -> {
            requireStatus(si, "authenticate", "setup_intent_unexpected_state", "SetupIntent",
                    Set.of("requires_action"));
            si.put("status", "requires_payment_method");
            si.put("next_action", null);
            si.put("payment_method", null);
            si.put("last_setup_error", error.errorObject());
            return si;
        }).orElseThrow();
        events.emit("setup_intent.setup_failed", failed, call);
        return renderSetupIntent(failed, params.expand());
    }

    private Map<String, Object> attemptSetup(String id, boolean authenticated, StripeEmulator.Call call) {
        Map<String, Object> current = store.find(SETUP_INTENT_KIND, id).orElseThrow();
        Map<String, Object> pm = retrievePaymentMethod((String) current.get("payment_method"));
        TestCards.Card card = cardOfPaymentMethod(pm);
        String attempt = Ids.next("setatt_");
        if (!authenticated && needsAuthentication(card, current)) {
            Map<String, Object> waiting = store.update(SETUP_INTENT_KIND, id, si -> {
                si.put("status", "requires_action");
                si.put("next_action", nextAction());
                si.put("latest_attempt", attempt);
                return si;
            }).orElseThrow();
            events.emit("setup_intent.requires_action", waiting, call);
            return waiting;
        }
        if (card.behaviour() == TestCards.Behaviour.DECLINED) {
            StripeApiException error = StripeApiException.cardError("card_declined", card.declineCode(),
                    card.declineMessage()).with("payment_method", pm);
            Map<String, Object> failed = store.update(SETUP_INTENT_KIND, id, si -> {
                si.put("status", "requires_payment_method");
                si.put("next_action", null);
                si.put("payment_method", null);
                si.put("latest_attempt", attempt);
                si.put("last_setup_error", error.errorObject());
                return si;
            }).orElseThrow();
            events.emit("setup_intent.setup_failed", failed, call);
            throw error.with("setup_intent", renderSetupIntent(failed, List.of()))
                    .with("request_log_url", "https://dashboard.stripe.com/test/logs/" + call.requestId());
        }
        Map<String, Object> succeeded = store.update(SETUP_INTENT_KIND, id, si -> {
            si.put("status", "succeeded");
            si.put("next_action", null);
            si.put("last_setup_error", null);
            si.put("latest_attempt", attempt);
            return si;
        }).orElseThrow();
        if (succeeded.get("customer") != null) {
            attach(pm, (String) succeeded.get("customer"), call);
        }
        events.emit("setup_intent.succeeded", succeeded, call);
        return succeeded;
    }

    // ------------------------------------------------------------------ shared

    /**
     * The payment method named by {@code confirmation_token} or {@code payment_method} (a stored {@code pm_…}, or
     * a test one such as {@code pm_card_visa}, which creates a new payment method each time, as Stripe does).
     * Null when neither is given. Writes the token's {@code return_url} and {@code setup_future_usage} into
     * {@code intent} when it has none, and marks the token as used by the intent.
     */
    private Map<String, Object> paymentSource(Params params, Map<String, Object> intent, StripeEmulator.Call call) {
        String tokenId = params.text("confirmation_token");
        String pmId = params.text("payment_method");
        if (tokenId != null && pmId != null) {
            throw StripeApiException.invalidRequest("You cannot provide both confirmation_token and payment_method.",
                    "confirmation_token");
        }
        if (tokenId != null) {
            Map<String, Object> token = store.find(TOKEN_KIND, tokenId).orElseThrow(
                    () -> StripeApiException.resourceMissing("confirmationtoken", tokenId, "confirmation_token"));
            if ((Long) token.get("expires_at") < call.now()) {
                throw StripeApiException.invalidRequest("confirmation_token_expired",
                        "This ConfirmationToken has expired.", "confirmation_token");
            }
            Map<String, Object> preview = castMap(token.get("payment_method_preview"));
            TestCards.Card card = cardByFingerprint((String) castMap(preview.get("card")).get("fingerprint"));
            if (intent.get("return_url") == null && token.get("return_url") != null) {
                intent.put("return_url", token.get("return_url"));
            }
            if (intent.containsKey("setup_future_usage") && intent.get("setup_future_usage") == null) {
                intent.put("setup_future_usage", token.get("setup_future_usage"));
            }
            String kind = (String) intent.get("object");
            store.update(TOKEN_KIND, tokenId, t -> {
                t.put(kind.equals(SETUP_INTENT_KIND) ? "setup_intent" : "payment_intent", intent.get("id"));
                return t;
            });
            return newPaymentMethod(card, castMap(preview.get("billing_details")), call);
        }
        if (pmId != null) {
            if (TestCards.byPaymentMethod(pmId).isPresent()) {
                return newPaymentMethod(TestCards.byPaymentMethod(pmId).get(), billingDetails(null), call);
            }
            return store.find(PAYMENT_METHOD_KIND, pmId)
                    .orElseThrow(() -> StripeApiException.resourceMissing("PaymentMethod", pmId, "payment_method"));
        }
        return null;
    }

    private static void applySource(Map<String, Object> pi, Map<String, Object> pm, Params params) {
        pi.put("payment_method", pm.get("id"));
        if (params.text("return_url") != null) {
            pi.put("return_url", params.text("return_url"));
        }
    }

    private Map<String, Object> newPaymentMethod(TestCards.Card card, Map<String, Object> billing,
            StripeEmulator.Call call) {
        String id = Ids.next("pm_");
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("id", id);
        pm.put("object", PAYMENT_METHOD_KIND);
        pm.put("allow_redisplay", "unspecified");
        pm.put("billing_details", billing);
        pm.put("card", TestCards.cardHash(card, expYear(call)));
        pm.put("created", call.now());
        pm.put("customer", null);
        pm.put("livemode", false);
        pm.put("metadata", new LinkedHashMap<String, Object>());
        pm.put("type", "card");
        store.insert(PAYMENT_METHOD_KIND, id, pm);
        return pm;
    }

    private void attach(Map<String, Object> pm, String customer, StripeEmulator.Call call) {
        if (customer.equals(pm.get("customer"))) {
            return;
        }
        Map<String, Object> attached = store.update(PAYMENT_METHOD_KIND, (String) pm.get("id"), p -> {
            p.put("customer", customer);
            return p;
        }).orElseThrow();
        events.emit("payment_method.attached", attached, call);
    }

    private static boolean needsAuthentication(TestCards.Card card, Map<String, Object> intent) {
        if (card.behaviour() == TestCards.Behaviour.AUTHENTICATION_REQUIRED) {
            return true;
        }
        Map<String, Object> options = castMap(intent.get("payment_method_options"));
        Object cardOptions = options == null ? null : options.get("card");
        Object request = cardOptions instanceof Map<?, ?> m ? m.get("request_three_d_secure") : null;
        return "any".equals(request) || "challenge".equals(request);
    }

    private static Map<String, Object> nextAction() {
        Map<String, Object> sdk = new LinkedHashMap<>();
        sdk.put("type", "three_d_secure_redirect");
        sdk.put("stripe_js", "https://hooks.stripe.com/redirect/authenticate/" + Ids.next("src_"));
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "use_stripe_sdk");
        action.put("use_stripe_sdk", sdk);
        return action;
    }

    private static String outcome(Params params) {
        String outcome = params.oneOf("outcome", Set.of("succeed", "fail"));
        if (outcome == null) {
            throw StripeApiException.missingParam("outcome");
        }
        return outcome;
    }

    private static void requireStatus(Map<String, Object> intent, String verb, String code, String noun,
            Set<String> allowed) {
        requireStatus(intent, verb, code, noun, allowed.stream().sorted().toList());
    }

    /** Like the {@code Set} form, but names the allowed statuses in the order given (as Stripe's messages do). */
    private static void requireStatus(Map<String, Object> intent, String verb, String code, String noun,
            List<String> allowed) {
        String status = (String) intent.get("status");
        if (!allowed.contains(status)) {
            String done = switch (verb) {
                case "confirm" -> "confirmed";
                case "cancel" -> "canceled";
                default -> "authenticated";
            };
            throw StripeApiException.invalidRequest(code, "You cannot " + verb + " this " + noun
                    + " because it has a status of " + status + ". Only a " + noun + " with one of the following "
                    + "statuses may be " + done + ": " + String.join(", ", allowed) + ".", null);
        }
    }

    private static StripeApiException missingPaymentMethod() {
        return StripeApiException.invalidRequest("parameter_missing", "You cannot confirm this intent because it's "
                + "missing a payment method. Provide a confirmation_token or a payment_method.", "payment_method");
    }

    private static String currency(Params params) {
        String currency = params.required("currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw StripeApiException.invalidRequest("Invalid currency: " + currency.toLowerCase(Locale.ROOT)
                    + ". Stripe currently supports these currencies: ...", "currency");
        }
        return currency.toLowerCase(Locale.ROOT);
    }

    private static boolean bool(Params params, String key) {
        String value = params.oneOf(key, Set.of("true", "false"));
        return "true".equals(value);
    }

    private static Map<String, Object> automaticPaymentMethods(Params params) {
        Params apm = params.hash("automatic_payment_methods");
        if (apm == null) {
            return null;
        }
        apm.allowOnly(Set.of("enabled", "allow_redirects"));
        Map<String, Object> out = new LinkedHashMap<>();
        String redirects = apm.oneOf("allow_redirects", Set.of("always", "never"));
        out.put("allow_redirects", redirects == null ? "always" : redirects);
        out.put("enabled", "true".equals(apm.oneOf("enabled", Set.of("true", "false"))));
        return out;
    }

    private static List<Object> paymentMethodTypes(Params params) {
        List<?> types = params.list("payment_method_types");
        if (types == null) {
            return new ArrayList<>(List.of("card"));
        }
        for (Object type : types) {
            if (!"card".equals(type)) {
                throw StripeApiException.invalidRequest("The emulator supports only the card payment method type, "
                        + "not '" + type + "'.", "payment_method_types");
            }
        }
        return new ArrayList<>(types);
    }

    private static Map<String, Object> paymentMethodOptions(Params params, Object current) {
        Map<String, Object> out = current instanceof Map<?, ?> ? castMap(current) : null;
        if (out == null) {
            out = new LinkedHashMap<>();
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("installments", null);
            card.put("mandate_options", null);
            card.put("network", null);
            card.put("request_three_d_secure", "automatic");
            out.put("card", card);
        }
        Params options = params.hash("payment_method_options");
        if (options != null) {
            options.allowOnly(Set.of("card"));
            Params card = options.hash("card");
            if (card != null) {
                card.allowOnly(Set.of("request_three_d_secure", "setup_future_usage", "capture_method",
                        "statement_descriptor_suffix_kana", "statement_descriptor_suffix_kanji", "network",
                        "mandate_options", "installments", "cvc_token", "moto"));
                String request = card.oneOf("request_three_d_secure", THREE_D_SECURE);
                if (request != null) {
                    castMap(out.get("card")).put("request_three_d_secure", request);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> billingDetails(Params billing) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> address = new LinkedHashMap<>();
        Params addressParams = null;
        if (billing != null) {
            billing.allowOnly(Set.of("address", "email", "name", "phone", "tax_id"));
            addressParams = billing.hash("address");
            if (addressParams != null) {
                addressParams.allowOnly(ADDRESS);
            }
        }
        for (String key : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
            address.put(key, addressParams == null ? null : addressParams.text(key));
        }
        out.put("address", address);
        for (String key : List.of("email", "name", "phone", "tax_id")) {
            out.put(key, billing == null ? null : billing.text(key));
        }
        return out;
    }

    private static TestCards.Card cardOf(String pmId, String param) {
        return TestCards.byPaymentMethod(pmId).orElseThrow(() -> StripeApiException.resourceMissing(
                "PaymentMethod", pmId, param));
    }

    private static TestCards.Card cardOfPaymentMethod(Map<String, Object> pm) {
        return cardByFingerprint((String) castMap(pm.get("card")).get("fingerprint"));
    }

    private static TestCards.Card cardByFingerprint(String fingerprint) {
        return TestCards.CARDS.stream().filter(c -> c.fingerprint().equals(fingerprint)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test card with fingerprint " + fingerprint));
    }

    private static int expYear(StripeEmulator.Call call) {
        return Instant.ofEpochSecond(call.now()).atZone(ZoneOffset.UTC).getYear() + 3;
    }

    private static void checkExpand(List<String> expand, Set<String> expandable) {
        for (String field : expand) {
            if (!expandable.contains(field)) {
                throw StripeApiException.invalidRequest("This property cannot be expanded (" + field + ").", "expand");
            }
        }
    }

    private Map<String, Object> renderIntent(Map<String, Object> pi, List<String> expand) {
        Map<String, Object> out = InMemoryEmulatorStore.copy(pi);
        if (expand.contains("latest_charge") && out.get("latest_charge") instanceof String charge) {
            out.put("latest_charge", store.find(CHARGE_KIND, charge).orElse(null));
        }
        if (expand.contains("payment_method") && out.get("payment_method") instanceof String pm) {
            out.put("payment_method", store.find(PAYMENT_METHOD_KIND, pm).orElse(null));
        }
        expandCustomer(out, expand);
        return out;
    }

    private Map<String, Object> renderSetupIntent(Map<String, Object> si, List<String> expand) {
        Map<String, Object> out = InMemoryEmulatorStore.copy(si);
        if (expand.contains("payment_method") && out.get("payment_method") instanceof String pm) {
            out.put("payment_method", store.find(PAYMENT_METHOD_KIND, pm).orElse(null));
        }
        expandCustomer(out, expand);
        return out;
    }

    private void expandCustomer(Map<String, Object> object, List<String> expand) {
        if (expand.contains("customer") && object.get("customer") instanceof String customer) {
            object.put("customer", store.find(Customers.KIND, customer).orElse(null));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
