package dev.kassa.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/**
 * Charges ({@code GET /v1/charges/{id}}): one per payment attempt that reached the card network. As in current API
 * versions, a charge shows its {@code refunds} only when expanded.
 */
final class Charges {

    static final String KIND = "charge";

    private final EmulatorStore store;

    Charges(EmulatorStore store) {
        this.store = store;
    }

    Map<String, Object> retrieve(String id, List<String> expand) {
        Map<String, Object> charge = store.find(Charges.KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("charge", id, "id"));
        checkExpand(expand, Set.of("payment_intent", "customer", "refunds"));
        if (expand.contains("payment_intent") && charge.get("payment_intent") instanceof String pi) {
            charge.put("payment_intent", store.find(PaymentIntents.KIND, pi).orElse(null));
        }
        if (expand.contains("refunds")) {
            charge.put("refunds", Refunds.ofCharge(store, id));
        }
        IntentSupport.expandCustomer(store, charge, expand);
        return charge;
    }

    /** Why a charge failed: the error {@code code} ({@code card_declined}, {@code authentication_required}), its decline code and message. */
    record Failure(String code, String declineCode, String message) {
    }

    /** A charge of {@code pi} on {@code pm}: succeeded when {@code failure} is null, else failed with it. */
    static Map<String, Object> build(Map<String, Object> pi, Map<String, Object> pm, TestCards.Card card,
            Failure failure, boolean authenticated, StripeEmulator.Call call) {
        boolean declined = failure != null;
        Map<String, Object> charge = new LinkedHashMap<>();
        long amount = (Long) pi.get("amount");
        charge.put("id", Ids.next("ch_"));
        charge.put("object", Charges.KIND);
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
        charge.put("failure_code", declined ? failure.code() : null);
        charge.put("failure_message", declined ? failure.message() : null);
        charge.put("fraud_details", new LinkedHashMap<String, Object>());
        charge.put("livemode", false);
        charge.put("metadata", InMemoryEmulatorStore.copy(castMap(pi.get("metadata"))));
        charge.put("on_behalf_of", null);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("advice_code", null);
        outcome.put("network_advice_code", null);
        outcome.put("network_decline_code", null);
        outcome.put("network_status", declined ? "declined_by_network" : "approved_by_network");
        outcome.put("reason", declined ? failure.declineCode() : null);
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
}
