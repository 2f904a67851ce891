package dev.kassa.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/**
 * PaymentMethods ({@code GET /v1/payment_methods/{id}}): made from test cards when an intent is confirmed, and
 * attached to a customer when set up for future use.
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
                    .orElseThrow(() -> StripeApiException.resourceMissing("PaymentMethod", pmId, "payment_method"));
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
