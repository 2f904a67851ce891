package dev.kassa.stripe.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** What PaymentIntents and SetupIntents share: parameter parsing, status checks, 3-D Secure, expansion. */
final class IntentSupport {

    static final Pattern CURRENCY = Pattern.compile("[a-zA-Z]{3}");
    static final Set<String> FUTURE_USAGE = Set.of("on_session", "off_session");
    static final Set<String> THREE_D_SECURE = Set.of("automatic", "any", "challenge");

    private IntentSupport() {
    }

    static boolean needsAuthentication(TestCards.Card card, Map<String, Object> intent) {
        if (card.behaviour() == TestCards.Behaviour.AUTHENTICATION_REQUIRED) {
            return true;
        }
        Map<String, Object> options = castMap(intent.get("payment_method_options"));
        Object cardOptions = options == null ? null : options.get("card");
        Object request = cardOptions instanceof Map<?, ?> m ? m.get("request_three_d_secure") : null;
        return "any".equals(request) || "challenge".equals(request);
    }

    static Map<String, Object> nextAction() {
        Map<String, Object> sdk = new LinkedHashMap<>();
        sdk.put("type", "three_d_secure_redirect");
        sdk.put("stripe_js", "https://hooks.stripe.com/redirect/authenticate/" + Ids.next("src_"));
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "use_stripe_sdk");
        action.put("use_stripe_sdk", sdk);
        return action;
    }

    static String outcome(Params params) {
        String outcome = params.oneOf("outcome", Set.of("succeed", "fail"));
        if (outcome == null) {
            throw StripeApiException.missingParam("outcome");
        }
        return outcome;
    }

    static void requireStatus(Map<String, Object> intent, String verb, String code, String noun,
            Set<String> allowed) {
        requireStatus(intent, verb, code, noun, allowed.stream().sorted().toList());
    }

    /** Like the {@code Set} form, but names the allowed statuses in the order given (as Stripe's messages do). */
    static void requireStatus(Map<String, Object> intent, String verb, String code, String noun,
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

    static StripeApiException missingPaymentMethod() {
        return StripeApiException.invalidRequest("parameter_missing", "You cannot confirm this intent because it's "
                + "missing a payment method. Provide a confirmation_token or a payment_method.", "payment_method");
    }

    static String currency(Params params) {
        String currency = params.required("currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw StripeApiException.invalidRequest("Invalid currency: " + currency.toLowerCase(Locale.ROOT)
                    + ". Stripe currently supports these currencies: ...", "currency");
        }
        return currency.toLowerCase(Locale.ROOT);
    }

    static boolean bool(Params params, String key) {
        String value = params.oneOf(key, Set.of("true", "false"));
        return "true".equals(value);
    }

    static Map<String, Object> automaticPaymentMethods(Params params) {
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

    static List<Object> paymentMethodTypes(Params params) {
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

    static Map<String, Object> paymentMethodOptions(Params params, Object current) {
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

    static int expYear(StripeEmulator.Call call) {
        return Instant.ofEpochSecond(call.now()).atZone(ZoneOffset.UTC).getYear() + 3;
    }

    static void checkExpand(List<String> expand, Set<String> expandable) {
        for (String field : expand) {
            if (!expandable.contains(field)) {
                throw StripeApiException.invalidRequest("This property cannot be expanded (" + field + ").", "expand");
            }
        }
    }

    static void expandCustomer(EmulatorStore store, Map<String, Object> object, List<String> expand) {
        if (expand.contains("customer") && object.get("customer") instanceof String customer) {
            object.put("customer", store.find(Customers.KIND, customer).orElse(null));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * What differs between PaymentIntents and SetupIntents in the steps they share: the store kind, the name in
     * "No such …" and in status errors, the status error's code, the field holding the last error, and the event
     * of a failed attempt.
     */
    record IntentType(String kind, String missingName, String noun, String stateCode, String errorField,
            String failedEvent) {

        static final IntentType PAYMENT = new IntentType(PaymentIntents.KIND, "payment_intent", "PaymentIntent",
                "payment_intent_unexpected_state", "last_payment_error", "payment_intent.payment_failed");
        static final IntentType SETUP = new IntentType(SetupIntents.KIND, "setupintent", "SetupIntent",
                "setup_intent_unexpected_state", "last_setup_error", "setup_intent.setup_failed");

        Map<String, Object> find(EmulatorStore store, String id) {
            return store.find(kind, id).orElseThrow(() -> StripeApiException.resourceMissing(missingName, id, "intent"));
        }

        void requireStatus(Map<String, Object> intent, String verb, List<String> allowed) {
            IntentSupport.requireStatus(intent, verb, stateCode, noun, allowed);
        }

        /**
         * Cancels intent {@code id} (from the {@code cancelable} statuses only): {@code canceled} with
         * {@code cancellation_reason} and whatever {@code also} adds; records {@code <kind>.canceled}.
         */
        Map<String, Object> cancel(EmulatorStore store, Events events, String id, List<String> cancelable,
                String reason, UnaryOperator<Map<String, Object>> also, StripeEmulator.Call call) {
            find(store, id);
            Map<String, Object> canceled = store.update(kind, id, intent -> {
                requireStatus(intent, "cancel", cancelable);
                intent.put("status", "canceled");
                intent.put("cancellation_reason", reason);
                intent.put("next_action", null);
                return also.apply(intent);
            }).orElseThrow();
            events.emit(kind + ".canceled", canceled, call);
            return canceled;
        }

        /**
         * The 3-D Secure test helper's {@code fail}: back to {@code requires_payment_method} without the payment
         * method, the error {@code code} in the last-error field; records the failed-attempt event.
         */
        Map<String, Object> failAuthentication(EmulatorStore store, Events events, String id, Map<String, Object> pm,
                String code, String message, StripeEmulator.Call call) {
            StripeApiException error = new StripeApiException(400, "invalid_request_error", code, message, null)
                    .with("payment_method", pm);
            Map<String, Object> failed = store.update(kind, id, intent -> {
                requireStatus(intent, "authenticate", List.of("requires_action"));
                intent.put("status", "requires_payment_method");
                intent.put("next_action", null);
                intent.put("payment_method", null);
                intent.put(errorField, error.errorObject());
                return intent;
            }).orElseThrow();
            events.emit(failedEvent, failed, call);
            return failed;
        }
    }
}
