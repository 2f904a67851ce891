package dev.kassa.stripe.emulator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/** SetupIntents ({@code /v1/setup_intents}) and the emulator's 3-D Secure test helper for them. */
final class SetupIntents {

    static final String KIND = "setup_intent";
    static final String SETUP_AUTHENTICATION_FAILED_MESSAGE = "The latest attempt to set up the payment method has "
            + "failed because authentication failed.";
    /** The statuses from which Stripe lets a SetupIntent be canceled. */
    static final List<String> SI_CANCELABLE = List.of("requires_payment_method", "requires_confirmation",
            "requires_action");
    private static final Set<String> SI_CANCELLATION_REASONS = Set.of("duplicate", "requested_by_customer",
            "abandoned");
    private static final Set<String> SI_IGNORED = Set.of("attach_to_self", "excluded_payment_method_types",
            "flow_directions", "mandate_data", "on_behalf_of", "payment_method_configuration", "single_use");

    private final EmulatorStore store;
    private final Customers customers;
    private final Events events;
    private final PaymentMethods paymentMethods;

    SetupIntents(EmulatorStore store, Customers customers, Events events, PaymentMethods paymentMethods) {
        this.store = store;
        this.customers = customers;
        this.events = events;
        this.paymentMethods = paymentMethods;
    }

    Map<String, Object> create(Params params, StripeEmulator.Call call) {
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
        si.put("object", SetupIntents.KIND);
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
        Map<String, Object> source = paymentMethods.source(params, si, call);
        if (source != null) {
            si.put("payment_method", source.get("id"));
            si.put("status", "requires_confirmation");
        } else if (confirm) {
            throw missingPaymentMethod();
        }
        store.insert(SetupIntents.KIND, id, si);
        events.emit("setup_intent.created", si, call);
        if (!confirm) {
            return renderSetupIntent(si, expand);
        }
        return renderSetupIntent(attemptSetup(id, false, call), expand);
    }

    Map<String, Object> retrieve(String id, Params params) {
        params.allowOnly(Set.of("expand", "client_secret"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        return renderSetupIntent(IntentType.SETUP.find(store, id), expand);
    }

    Map<String, Object> confirm(String id, Params params, StripeEmulator.Call call) {
        Set<String> allowed = new HashSet<>(Set.of("confirmation_token", "payment_method", "return_url",
                "payment_method_options", "expand", "use_stripe_sdk", "client_secret"));
        allowed.addAll(SI_IGNORED);
        params.allowOnly(allowed);
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        Map<String, Object> current = IntentType.SETUP.find(store, id);
        requireStatus(current, "confirm", "setup_intent_unexpected_state", "SetupIntent",
                Set.of("requires_payment_method", "requires_confirmation"));
        Map<String, Object> source = paymentMethods.source(params, current, call);
        if (source == null && current.get("payment_method") == null) {
            throw missingPaymentMethod();
        }
        store.update(SetupIntents.KIND, id, si -> {
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
    Map<String, Object> cancel(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("cancellation_reason", "expand"));
        List<String> expand = params.expand();
        checkExpand(expand, Set.of("payment_method", "customer"));
        String reason = params.oneOf("cancellation_reason", SI_CANCELLATION_REASONS);
        Map<String, Object> canceled = IntentType.SETUP.cancel(store, events, id, SI_CANCELABLE, reason, si -> si,
                call);
        return renderSetupIntent(canceled, expand);
    }

    /** Test helper: the 3-D Secure step of a SetupIntent in {@code requires_action}, like the PaymentIntent one. */
    Map<String, Object> authenticate(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("outcome", "expand"));
        String outcome = outcome(params);
        Map<String, Object> current = IntentType.SETUP.find(store, id);
        requireStatus(current, "authenticate", "setup_intent_unexpected_state", "SetupIntent",
                Set.of("requires_action"));
        if (outcome.equals("succeed")) {
            try {
                return renderSetupIntent(attemptSetup(id, true, call), params.expand());
            } catch (StripeApiException declined) {
                return renderSetupIntent(store.find(SetupIntents.KIND, id).orElseThrow(), params.expand());
            }
        }
        Map<String, Object> failed = IntentType.SETUP.failAuthentication(store, events, id,
                paymentMethods.retrieve((String) current.get("payment_method")), "setup_intent_authentication_failure",
                SETUP_AUTHENTICATION_FAILED_MESSAGE, call);
        return renderSetupIntent(failed, params.expand());
    }

    private Map<String, Object> attemptSetup(String id, boolean authenticated, StripeEmulator.Call call) {
        Map<String, Object> current = store.find(SetupIntents.KIND, id).orElseThrow();
        Map<String, Object> pm = paymentMethods.retrieve((String) current.get("payment_method"));
        TestCards.Card card = PaymentMethods.cardOfPaymentMethod(pm);
        String attempt = Ids.next("setatt_");
        if (!authenticated && needsAuthentication(card, current)) {
            Map<String, Object> waiting = store.update(SetupIntents.KIND, id, si -> {
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
            Map<String, Object> failed = store.update(SetupIntents.KIND, id, si -> {
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
        Map<String, Object> succeeded = store.update(SetupIntents.KIND, id, si -> {
            si.put("status", "succeeded");
            si.put("next_action", null);
            si.put("last_setup_error", null);
            si.put("latest_attempt", attempt);
            return si;
        }).orElseThrow();
        if (succeeded.get("customer") != null) {
            paymentMethods.attach(pm, (String) succeeded.get("customer"), call);
        }
        events.emit("setup_intent.succeeded", succeeded, call);
        return succeeded;
    }

    private Map<String, Object> renderSetupIntent(Map<String, Object> si, List<String> expand) {
        Map<String, Object> out = InMemoryEmulatorStore.copy(si);
        if (expand.contains("payment_method") && out.get("payment_method") instanceof String pm) {
            out.put("payment_method", store.find(PaymentMethods.KIND, pm).orElse(null));
        }
        IntentSupport.expandCustomer(store, out, expand);
        return out;
    }
}
