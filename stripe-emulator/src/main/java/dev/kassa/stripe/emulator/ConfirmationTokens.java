package dev.kassa.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/**
 * ConfirmationTokens: {@code POST /v1/test_helpers/confirmation_tokens} (what Stripe.js makes in the browser) and
 * {@code GET /v1/confirmation_tokens/{id}}.
 */
final class ConfirmationTokens {

    static final String KIND = "confirmation_token";
    static final long TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

    private final EmulatorStore store;

    ConfirmationTokens(EmulatorStore store) {
        this.store = store;
    }

    Map<String, Object> create(Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("expand", "payment_method", "payment_method_data", "payment_method_options",
                "return_url", "setup_future_usage", "shipping"));
        String pmId = params.text("payment_method");
        Params data = params.hash("payment_method_data");
        TestCards.Card card;
        Map<String, Object> billing = PaymentMethods.billingDetails(data == null ? null : data.hash("billing_details"));
        if (data != null) {
            data.allowOnly(Set.of("type", "card", "billing_details", "allow_redisplay", "metadata"));
            String type = data.required("type");
            if (!type.equals("card")) {
                throw StripeApiException.invalidRequest("The emulator supports only card payment methods, not '"
                        + type + "'.", data.name("type"));
            }
        }
        if (pmId != null) {
            card = PaymentMethods.cardOf(pmId, "payment_method");
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
        token.put("object", ConfirmationTokens.KIND);
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
        store.insert(ConfirmationTokens.KIND, id, token);
        return token;
    }

    Map<String, Object> retrieve(String id) {
        return store.find(ConfirmationTokens.KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("confirmationtoken", id, "confirmation_token"));
    }

    /**
     * A ConfirmationToken confirms one intent only (its {@code payment_intent} or {@code setup_intent} says which);
     * using it for another is {@code 400 invalid_request_error}. Stripe documents no error code for this, so none
     * is sent; {@code param} is {@code confirmation_token}.
     */
    static void requireUnused(Map<String, Object> token, Object intentId) {
        Object usedBy = token.get("payment_intent") != null ? token.get("payment_intent") : token.get("setup_intent");
        if (usedBy != null && !usedBy.equals(intentId)) {
            throw StripeApiException.invalidRequest("This ConfirmationToken (" + token.get("id") + ") has already "
                    + "been used to confirm " + usedBy + ". A ConfirmationToken can be used only once; create a new "
                    + "one.", "confirmation_token");
        }
    }
}
