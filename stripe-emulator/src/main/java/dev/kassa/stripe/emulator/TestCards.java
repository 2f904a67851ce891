package dev.kassa.stripe.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's test payment methods ({@code pm_card_visa}) and tokens ({@code tok_visa}) the emulator knows, each with
 * the card it stands for and what happens when it pays. Fingerprints are derived from the card number, so they are
 * the same for every use of one test card, in every emulator run.
 */
final class TestCards {

    /**
     * What happens when the card is used: paid, declined, or 3-D Secure first; {@code CHARGE_CUSTOMER_FAIL}: paid
     * while the payment method is not yet attached to a customer (a checkout that saves it), declined once it is.
     */
    enum Behaviour { SUCCEEDS, DECLINED, AUTHENTICATION_REQUIRED, CHARGE_CUSTOMER_FAIL }

    /**
     * What happens to a refund of the card's charge (Stripe's "Simulate an asynchronous refund"): it succeeds at
     * once and stays so; it is {@code pending} and later {@code succeeded}; or it is {@code succeeded} and later
     * {@code failed}.
     */
    enum RefundBehaviour { IMMEDIATE, PENDING_THEN_SUCCEEDED, SUCCEEDED_THEN_FAILED }

    record Card(String name, String number, String brand, String country, String funding, Behaviour behaviour,
            String declineCode, String declineMessage, RefundBehaviour refund) {

        Card(String name, String number, String brand, String country, String funding, Behaviour behaviour,
                String declineCode, String declineMessage) {
            this(name, number, brand, country, funding, behaviour, declineCode, declineMessage,
                    RefundBehaviour.IMMEDIATE);
        }

        String last4() {
            return number.substring(number.length() - 4);
        }

        String fingerprint() {
            return fingerprintOf(number);
        }
    }

    static final String DECLINED_MESSAGE = "Your card was declined.";
    static final String INSUFFICIENT_FUNDS_MESSAGE = "Your card has insufficient funds.";

    static final List<Card> CARDS = List.of(
            new Card("visa", "4242424242424242", "visa", "US", "credit", Behaviour.SUCCEEDS, null, null),
            new Card("visa_debit", "4000056655665556", "visa", "US", "debit", Behaviour.SUCCEEDS, null, null),
            new Card("mastercard", "5555555555554444", "mastercard", "US", "credit", Behaviour.SUCCEEDS, null, null),
            new Card("chargeDeclined", "4000000000000002", "visa", "US", "credit", Behaviour.DECLINED,
                    "generic_decline", DECLINED_MESSAGE),
            new Card("chargeDeclinedInsufficientFunds", "4000000000009995", "visa", "US", "credit",
                    Behaviour.DECLINED, "insufficient_funds", INSUFFICIENT_FUNDS_MESSAGE),
            new Card("authenticationRequired", "4000002500003155", "visa", "IE", "credit",
                    Behaviour.AUTHENTICATION_REQUIRED, null, null),
            new Card("threeDSecure2Required", "4000000000003220", "visa", "US", "credit",
                    Behaviour.AUTHENTICATION_REQUIRED, null, null),
            new Card("chargeCustomerFail", "4000000000000341", "visa", "US", "credit",
                    Behaviour.CHARGE_CUSTOMER_FAIL, "generic_decline", DECLINED_MESSAGE),
            new Card("pendingRefund", "4000000000007726", "visa", "US", "credit", Behaviour.SUCCEEDS, null, null,
                    RefundBehaviour.PENDING_THEN_SUCCEEDED),
            new Card("refundFail", "4000000000005126", "visa", "US", "credit", Behaviour.SUCCEEDS, null, null,
                    RefundBehaviour.SUCCEEDED_THEN_FAILED));

    private TestCards() {
    }

    /** {@code pm_card_NAME} → the card; anything else is empty. */
    static Optional<Card> byPaymentMethod(String id) {
        return byName(id, "pm_card_");
    }

    /** {@code tok_NAME} → the card. */
    static Optional<Card> byToken(String id) {
        return byName(id, "tok_");
    }

    private static Optional<Card> byName(String id, String prefix) {
        if (id == null || !id.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = id.substring(prefix.length());
        return CARDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The card facts as in a PaymentMethod's (or a ConfirmationToken preview's) {@code card} hash. */
    static Map<String, Object> cardHash(Card card, int expYear) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brand", card.brand());
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("address_line1_check", null);
        checks.put("address_postal_code_check", null);
        checks.put("cvc_check", "pass");
        out.put("checks", checks);
        out.put("country", card.country());
        out.put("display_brand", card.brand());
        out.put("exp_month", 12L);
        out.put("exp_year", (long) expYear);
        out.put("fingerprint", card.fingerprint());
        out.put("funding", card.funding());
        out.put("generated_from", null);
        out.put("last4", card.last4());
        Map<String, Object> networks = new LinkedHashMap<>();
        networks.put("available", new java.util.ArrayList<Object>(List.of(card.brand())));
        networks.put("preferred", null);
        out.put("networks", networks);
        Map<String, Object> threeDSecure = new LinkedHashMap<>();
        threeDSecure.put("supported", true);
        out.put("three_d_secure_usage", threeDSecure);
        out.put("wallet", null);
        return out;
    }

    /** 16 base-62 characters from SHA-256 of the card number: stable, and unlike any other card's. */
    static String fingerprintOf(String number) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("kassa-stripe-emulator:" + number).getBytes(StandardCharsets.UTF_8));
            String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            StringBuilder out = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                out.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
