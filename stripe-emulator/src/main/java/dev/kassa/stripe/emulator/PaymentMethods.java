package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/**
 * PaymentMethods ({@code /v1/payment_methods}, {@code /v1/customers/{id}/payment_methods}): made from test cards
 * when an intent is confirmed (or a test one is attached), attached to a customer when set up for future use or
 * attached explicitly, listed per customer, detached.
 */
final class PaymentMethods {

    static final String KIND = "payment_method";
    static final Set<String> ADDRESS = Set.of("city", "country", "line1", "line2", "postal_code", "state");

    private final EmulatorStore store;
    private final Events events;

    PaymentMethods(EmulatorStore store, Events events) {
        this.store = store;
        this.events = events;
    }

    Map<String, Object> retrieve(String id) {
        return store.find(PaymentMethods.KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("PaymentMethod", id, "payment_method"));
    }

    /**
     * The payment method named by {@code confirmation_token} or {@code payment_method} (a stored {@code pm_…}, or
     * a test one such as {@code pm_card_visa}, which creates a new payment method each time, as Stripe does).
     * Null when neither is given. Writes the token's {@code return_url} and {@code setup_future_usage} into
     * {@code intent} when it has none, and marks the token as used by the intent.
     */
    Map<String, Object> source(Params params, Map<String, Object> intent, StripeEmulator.Call call) {
        String tokenId = params.text("confirmation_token");
        String pmId = params.text("payment_method");
        if (tokenId != null && pmId != null) {
            throw StripeApiException.invalidRequest("You cannot provide both confirmation_token and payment_method.",
                    "confirmation_token");
        }
        if (tokenId != null) {
            Map<String, Object> token = store.find(ConfirmationTokens.KIND, tokenId).orElseThrow(
                    () -> StripeApiException.missingParameterObject("confirmationtoken", tokenId, "confirmation_token"));
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
            store.update(ConfirmationTokens.KIND, tokenId, t -> {
                ConfirmationTokens.requireUnused(t, intent.get("id"));
                t.put(kind.equals(SetupIntents.KIND) ? "setup_intent" : "payment_intent", intent.get("id"));
                return t;
            });
            return newPaymentMethod(card, castMap(preview.get("billing_details")), call);
        }
        if (pmId != null) {
            if (TestCards.byPaymentMethod(pmId).isPresent()) {
                return newPaymentMethod(TestCards.byPaymentMethod(pmId).get(), billingDetails(null), call);
            }
            return store.find(PaymentMethods.KIND, pmId)
                    .orElseThrow(() -> StripeApiException.missingParameterObject("PaymentMethod", pmId, "payment_method"));
        }
        return null;
    }

    Map<String, Object> newPaymentMethod(TestCards.Card card, Map<String, Object> billing,
            StripeEmulator.Call call) {
        String id = Ids.next("pm_");
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("id", id);
        pm.put("object", PaymentMethods.KIND);
        pm.put("allow_redisplay", "unspecified");
        pm.put("billing_details", billing);
        pm.put("card", TestCards.cardHash(card, expYear(call)));
        pm.put("created", call.now());
        pm.put("customer", null);
        pm.put("livemode", false);
        pm.put("metadata", new LinkedHashMap<String, Object>());
        pm.put("type", "card");
        store.insert(PaymentMethods.KIND, id, pm);
        return pm;
    }

    static final String REUSED_MESSAGE = "The provided PaymentMethod was previously used with a PaymentIntent "
            + "without Customer attachment, shared with a connected account without Customer attachment, or was "
            + "detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must "
            + "attach it to a Customer first.";

    /**
     * Refuses a stored payment method ({@code pmId}, not a test {@code pm_card_…}) that {@code customer} may not
     * charge: one attached to another customer (or to one while no customer is given), or, off-session, one not
     * attached at all.
     */
    void checkUsableBy(String pmId, String customer, boolean offSession) {
        if (pmId == null || TestCards.byPaymentMethod(pmId).isPresent()) {
            return;
        }
        Map<String, Object> pm = retrieve(pmId);
        Object owner = pm.get("customer");
        if (owner != null && !owner.equals(customer)) {
            throw StripeApiException.invalidRequest(customer == null
                    ? "The provided PaymentMethod is attached to a Customer. To use it in a PaymentIntent, you must "
                            + "provide that Customer's ID (customer)."
                    : "The provided PaymentMethod belongs to another Customer than " + customer + ".",
                    "payment_method");
        }
        if (owner == null && offSession) {
            throw StripeApiException.invalidRequest(REUSED_MESSAGE, "payment_method");
        }
    }

    /** {@code POST /v1/payment_methods/{id}/attach}. */
    Map<String, Object> attach(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("customer", "expand"));
        String customer = params.required("customer");
        Customers.live(store, customer, "customer");
        return attachTo(id, customer, call);
    }

    /**
     * Attaches payment method {@code id} to {@code customer}; a test {@code pm_card_…} makes a new payment method
     * first. One attached to a customer already is refused.
     */
    Map<String, Object> attachTo(String id, String customer, StripeEmulator.Call call) {
        Map<String, Object> pm = TestCards.byPaymentMethod(id)
                .map(card -> newPaymentMethod(card, billingDetails(null), call))
                .orElseGet(() -> retrieve(id));
        if (pm.get("customer") != null) {
            throw StripeApiException.invalidRequest("The payment method you provided has already been attached to "
                    + "a customer.", null);
        }
        attach(pm, customer, call);
        return retrieve((String) pm.get("id"));
    }

    /**
     * {@code POST /v1/payment_methods/{id}/detach}: {@code customer} null, {@code payment_method.detached}; a
     * customer whose {@code invoice_settings[default_payment_method]} it was loses that default.
     */
    Map<String, Object> detach(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("expand"));
        Map<String, Object> current = retrieve(id);
        Object customer = current.get("customer");
        if (customer == null) {
            throw StripeApiException.invalidRequest("The payment method you provided is not attached to a customer "
                    + "so detachment is impossible.", null);
        }
        Map<String, Object> detached = store.update(PaymentMethods.KIND, id, pm -> {
            pm.put("customer", null);
            return pm;
        }).orElseThrow();
        store.update(Customers.KIND, (String) customer, c -> {
            Map<String, Object> settings = castMap(c.get("invoice_settings"));
            if (settings != null && id.equals(settings.get("default_payment_method"))) {
                settings.put("default_payment_method", null);
            }
            return c;
        });
        events.emit("payment_method.detached", detached, call);
        return detached;
    }

    /** {@code GET /v1/payment_methods}: with {@code customer}, its payment methods; without, none (Stripe lists Treasury ones). */
    Map<String, Object> list(Params params) {
        params.allowOnly(Set.of("customer", "type", "limit", "starting_after", "ending_before", "expand",
                "allow_redisplay", "customer_account"));
        String customer = params.text("customer");
        List<Map<String, Object>> items = customer == null ? new ArrayList<>() : ofCustomer(customer, params);
        return Events.page(items, params, "/v1/payment_methods", "PaymentMethod");
    }

    /** {@code GET /v1/customers/{id}/payment_methods}. */
    Map<String, Object> listOfCustomer(String customer, Params params) {
        params.allowOnly(Set.of("type", "limit", "starting_after", "ending_before", "expand", "allow_redisplay"));
        Customers.live(store, customer, "id");
        return Events.page(ofCustomer(customer, params), params, "/v1/customers/" + customer + "/payment_methods",
                "PaymentMethod");
    }

    /** {@code GET /v1/customers/{id}/payment_methods/{pm}}: 404 unless the payment method is the customer's. */
    Map<String, Object> retrieveOfCustomer(String customer, String id, Params params) {
        params.allowOnly(Set.of("expand"));
        Customers.live(store, customer, "id");
        Map<String, Object> pm = retrieve(id);
        if (!customer.equals(pm.get("customer"))) {
            throw StripeApiException.resourceMissing("PaymentMethod", id, "payment_method");
        }
        return pm;
    }

    /** A customer's payment methods, newest first, of {@code type} when given. */
    private List<Map<String, Object>> ofCustomer(String customer, Params params) {
        String type = params.text("type");
        List<Map<String, Object>> items = new ArrayList<>(store.list(PaymentMethods.KIND));
        Collections.reverse(items);
        items.removeIf(pm -> !customer.equals(pm.get("customer")) || type != null && !type.equals(pm.get("type")));
        return items;
    }

    void attach(Map<String, Object> pm, String customer, StripeEmulator.Call call) {
        if (customer.equals(pm.get("customer"))) {
            return;
        }
        Map<String, Object> attached = store.update(PaymentMethods.KIND, (String) pm.get("id"), p -> {
            p.put("customer", customer);
            return p;
        }).orElseThrow();
        events.emit("payment_method.attached", attached, call);
    }

    static Map<String, Object> billingDetails(Params billing) {
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

    static TestCards.Card cardOf(String pmId, String param) {
        return TestCards.byPaymentMethod(pmId).orElseThrow(() -> StripeApiException.resourceMissing(
                "PaymentMethod", pmId, param));
    }

    static TestCards.Card cardOfPaymentMethod(Map<String, Object> pm) {
        return cardByFingerprint((String) castMap(pm.get("card")).get("fingerprint"));
    }

    static TestCards.Card cardByFingerprint(String fingerprint) {
        return TestCards.CARDS.stream().filter(c -> c.fingerprint().equals(fingerprint)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test card with fingerprint " + fingerprint));
    }
}
