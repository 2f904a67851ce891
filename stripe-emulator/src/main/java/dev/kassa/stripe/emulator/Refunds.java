package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kassa.stripe.emulator.IntentSupport.*;

/**
 * Refunds ({@code /v1/refunds}) of succeeded charges, given as {@code charge} or {@code payment_intent}. The
 * charge's {@code amount_refunded} is raised in the same atomic update that checks what is left, so concurrent
 * refunds never exceed the charge. Refunds of Stripe's asynchronous-refund test cards change status later
 * ({@link Transitions}): {@code pm_card_pendingRefund} is {@code pending}, then {@code succeeded};
 * {@code pm_card_refundFail} is {@code succeeded}, then {@code failed} (the amount goes back onto the charge).
 */
final class Refunds {

    static final String KIND = "refund";
    /** Transition: a {@code pending} refund succeeds. */
    static final String SUCCEED = "refund.succeed";
    /** Transition: a {@code succeeded} refund of {@code pm_card_refundFail} fails. */
    static final String FAIL = "refund.fail";
    private static final Set<String> REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");
    private static final Set<String> EXPANDABLE = Set.of("charge", "payment_intent");

    private final EmulatorStore store;
    private final Events events;
    private final Transitions transitions;
    private final EmulatorSettings settings;

    Refunds(EmulatorStore store, Events events, Transitions transitions, EmulatorSettings settings) {
        this.store = store;
        this.events = events;
        this.transitions = transitions;
        this.settings = settings;
        transitions.register(SUCCEED, this::succeedPending);
        transitions.register(FAIL, this::fail);
    }

    Map<String, Object> create(Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("amount", "charge", "payment_intent", "reason", "metadata", "expand", "currency",
                "customer", "origin", "instructions_email", "refund_application_fee", "reverse_transfer"));
        List<String> expand = params.expand();
        checkExpand(expand, EXPANDABLE);
        for (String balanceOnly : List.of("origin", "customer", "currency")) {
            if (params.has(balanceOnly)) {
                throw StripeApiException.invalidRequest("The emulator does not support customer balance refunds ("
                        + balanceOnly + ").", balanceOnly);
            }
        }
        Long amount = params.integer("amount");
        if (amount != null && amount < 1) {
            throw StripeApiException.invalidRequest("This value must be greater than or equal to 1.", "amount");
        }
        String reason = params.oneOf("reason", REASONS);
        Map<String, Object> metadata = Events.metadata(params);
        Map<String, Object> target = refundableCharge(params.text("charge"), params.text("payment_intent"));
        String chargeId = (String) target.get("id");
        long[] refunded = new long[1];
        Map<String, Object> charge = store.update(Charges.KIND, chargeId, c -> {
            long captured = (Long) c.get("amount_captured");
            long already = (Long) c.get("amount_refunded");
            long left = captured - already;
            if (left <= 0) {
                throw StripeApiException.invalidRequest("charge_already_refunded", "Charge " + chargeId
                        + " has already been refunded.", null);
            }
            long refund = amount == null ? left : amount;
            if (refund > left) {
                String currency = (String) c.get("currency");
                throw StripeApiException.invalidRequest("Refund amount (" + Currencies.format(refund, currency)
                        + ") is greater than unrefunded amount on charge (" + Currencies.format(left, currency)
                        + ")", "amount");
            }
            c.put("amount_refunded", already + refund);
            c.put("refunded", already + refund == captured);
            refunded[0] = refund;
            return c;
        }).orElseThrow();
        TestCards.RefundBehaviour behaviour = cardOf(charge).refund();
        boolean pending = behaviour == TestCards.RefundBehaviour.PENDING_THEN_SUCCEEDED;
        Map<String, Object> refund = new LinkedHashMap<>();
        String id = Ids.next("re_");
        refund.put("id", id);
        refund.put("object", KIND);
        refund.put("amount", refunded[0]);
        refund.put("balance_transaction", Ids.next("txn_"));
        refund.put("charge", chargeId);
        refund.put("created", call.now());
        refund.put("currency", charge.get("currency"));
        refund.put("destination_details", destinationDetails(pending ? "pending" : "available"));
        refund.put("metadata", metadata);
        refund.put("payment_intent", charge.get("payment_intent"));
        if (pending) {
            refund.put("pending_reason", "processing");
        }
        refund.put("reason", reason);
        refund.put("receipt_number", null);
        refund.put("source_transfer_reversal", null);
        refund.put("status", pending ? "pending" : "succeeded");
        refund.put("transfer_reversal", null);
        store.insert(KIND, id, refund);
        events.emit("refund.created", refund, call);
        events.emit("charge.refunded", charge, call);
        switch (behaviour) {
            case PENDING_THEN_SUCCEEDED -> transitions.schedule(KIND, id, SUCCEED, settings.refundSettleDelay());
            case SUCCEEDED_THEN_FAILED -> transitions.schedule(KIND, id, FAIL, settings.refundSettleDelay());
            case IMMEDIATE -> {
            }
        }
        return render(refund, expand);
    }

    /** The succeeded charge to refund: {@code charge}, or {@code payment_intent}'s latest charge (both must agree). */
    private Map<String, Object> refundableCharge(String chargeId, String intentId) {
        if (chargeId == null && intentId == null) {
            throw StripeApiException.invalidRequest("parameter_missing", "One of charge or payment_intent is "
                    + "required.", "charge");
        }
        Map<String, Object> charge = null;
        if (chargeId != null) {
            charge = store.find(Charges.KIND, chargeId)
                    .orElseThrow(() -> StripeApiException.resourceMissing("charge", chargeId, "charge"));
        }
        String intent = intentId;
        if (intentId != null) {
            Map<String, Object> pi = store.find(PaymentIntents.KIND, intentId)
                    .orElseThrow(() -> StripeApiException.resourceMissing("payment_intent", intentId, "payment_intent"));
            Object latest = pi.get("latest_charge");
            if (charge != null && !charge.get("id").equals(latest)) {
                throw StripeApiException.invalidRequest("Charge " + chargeId + " does not belong to PaymentIntent "
                        + intentId + ".", "charge");
            }
            if (charge == null && latest instanceof String latestId) {
                charge = store.find(Charges.KIND, latestId).orElse(null);
            }
        } else {
            intent = (String) charge.get("payment_intent");
        }
        if (charge == null || !"succeeded".equals(charge.get("status"))) {
            throw StripeApiException.invalidRequest("This PaymentIntent (" + intent + ") does not have a successful "
                    + "charge to refund.", intentId != null ? "payment_intent" : "charge");
        }
        return charge;
    }

    Map<String, Object> retrieve(String id, Params params) {
        params.allowOnly(Set.of("expand"));
        List<String> expand = params.expand();
        checkExpand(expand, EXPANDABLE);
        return render(find(id), expand);
    }

    /** {@code POST /v1/refunds/{id}}: only {@code metadata} may change ({@code key=} removes a key). */
    Map<String, Object> update(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("metadata", "expand"));
        List<String> expand = params.expand();
        checkExpand(expand, EXPANDABLE);
        find(id);
        Map<String, Object> updated = store.update(KIND, id, r -> {
            if (params.has("metadata")) {
                Map<String, Object> metadata = castMap(r.get("metadata"));
                Params changes = params.hash("metadata");
                if (changes == null) {
                    metadata.clear();
                } else {
                    for (String key : changes.raw().keySet()) {
                        String value = changes.string(key);
                        if (value == null || value.isEmpty()) {
                            metadata.remove(key);
                        } else {
                            metadata.put(key, value);
                        }
                    }
                }
            }
            return r;
        }).orElseThrow();
        events.emit("refund.updated", updated, call);
        return render(updated, expand);
    }

    /** {@code GET /v1/refunds}: newest first; {@code charge}, {@code payment_intent}, {@code created[…]}, paging. */
    Map<String, Object> list(Params params) {
        params.allowOnly(Set.of("charge", "payment_intent", "created", "limit", "starting_after", "ending_before",
                "expand"));
        List<Map<String, Object>> items = new ArrayList<>(store.list(KIND));
        Collections.reverse(items);
        String charge = params.text("charge");
        String intent = params.text("payment_intent");
        if (charge != null) {
            items.removeIf(r -> !charge.equals(r.get("charge")));
        }
        if (intent != null) {
            items.removeIf(r -> !intent.equals(r.get("payment_intent")));
        }
        items.removeIf(IntentQueries.createdFilter(params).negate());
        return Events.page(items, params, "/v1/refunds", "refund");
    }

    /**
     * {@code POST /v1/refunds/{id}/cancel}: Stripe cancels only refunds in {@code requires_action}, which card
     * refunds never are (a card refund can be canceled in the Dashboard only), so this always refuses.
     */
    Map<String, Object> cancel(String id, Params params) {
        params.allowOnly(Set.of("expand"));
        Map<String, Object> refund = find(id);
        throw StripeApiException.invalidRequest("You can't cancel a refund with a status of " + refund.get("status")
                + ". Only refunds with a status of requires_action can be canceled.", null);
    }

    /** Emulator test helper: makes the refund's pending status change now instead of after the delay. */
    Map<String, Object> settle(String id, Params params, StripeEmulator.Call call) {
        params.allowOnly(Set.of("expand"));
        List<String> expand = params.expand();
        checkExpand(expand, EXPANDABLE);
        find(id);
        transitions.runNow(KIND, id, call);
        return render(find(id), expand);
    }

    private void succeedPending(String id, StripeEmulator.Call call) {
        boolean[] changed = new boolean[1];
        Map<String, Object> refund = store.update(KIND, id, r -> {
            if ("pending".equals(r.get("status"))) {
                r.put("status", "succeeded");
                r.remove("pending_reason");
                r.put("destination_details", destinationDetails("available"));
                changed[0] = true;
            }
            return r;
        }).orElse(null);
        if (changed[0]) {
            events.emit("refund.updated", refund, call);
            events.emit("charge.refund.updated", refund, call);
        }
    }

    private void fail(String id, StripeEmulator.Call call) {
        boolean[] changed = new boolean[1];
        Map<String, Object> refund = store.update(KIND, id, r -> {
            if ("succeeded".equals(r.get("status"))) {
                Map<String, Object> failed = new LinkedHashMap<>();
                r.forEach((key, value) -> {
                    failed.put(key, value);
                    if (key.equals("destination_details")) {
                        failed.put("failure_balance_transaction", Ids.next("txn_"));
                        failed.put("failure_reason", "expired_or_canceled_card");
                    }
                });
                failed.put("status", "failed");
                changed[0] = true;
                return failed;
            }
            return r;
        }).orElse(null);
        if (!changed[0]) {
            return;
        }
        long amount = (Long) refund.get("amount");
        store.update(Charges.KIND, (String) refund.get("charge"), c -> {
            c.put("amount_refunded", Math.max(0L, (Long) c.get("amount_refunded") - amount));
            c.put("refunded", false);
            return c;
        });
        events.emit("refund.updated", refund, call);
        events.emit("refund.failed", refund, call);
        events.emit("charge.refund.updated", refund, call);
    }

    private Map<String, Object> find(String id) {
        return store.find(KIND, id).orElseThrow(() -> StripeApiException.resourceMissing("refund", id, "id"));
    }

    private static TestCards.Card cardOf(Map<String, Object> charge) {
        Map<String, Object> card = castMap(castMap(charge.get("payment_method_details")).get("card"));
        return PaymentMethods.cardByFingerprint((String) card.get("fingerprint"));
    }

    /** A card refund's {@code destination_details}; the acquirer reference exists once the refund is available. */
    private static Map<String, Object> destinationDetails(String referenceStatus) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("reference", referenceStatus.equals("available") ? Ids.randomDigits(23) : null);
        card.put("reference_status", referenceStatus);
        card.put("reference_type", "acquirer_reference_number");
        card.put("type", "refund");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("card", card);
        details.put("type", "card");
        return details;
    }

    private Map<String, Object> render(Map<String, Object> refund, List<String> expand) {
        Map<String, Object> out = InMemoryEmulatorStore.copy(refund);
        if (expand.contains("charge") && out.get("charge") instanceof String charge) {
            out.put("charge", store.find(Charges.KIND, charge).orElse(null));
        }
        if (expand.contains("payment_intent") && out.get("payment_intent") instanceof String pi) {
            out.put("payment_intent", store.find(PaymentIntents.KIND, pi).orElse(null));
        }
        return out;
    }

    /** The refunds of one charge, newest first, as the list a charge's {@code expand[]=refunds} shows. */
    static Map<String, Object> ofCharge(EmulatorStore store, String chargeId) {
        List<Map<String, Object>> refunds = new ArrayList<>(store.list(KIND));
        Collections.reverse(refunds);
        refunds.removeIf(r -> !chargeId.equals(r.get("charge")));
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", refunds);
        list.put("has_more", false);
        list.put("total_count", (long) refunds.size());
        list.put("url", "/v1/charges/" + chargeId + "/refunds");
        return list;
    }
}
