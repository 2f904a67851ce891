package dev.kassa.stripe.emulator;

import java.security.SecureRandom;

/** Stripe-like object ids: a prefix such as {@code cus_} or {@code taxcalc_} followed by random letters and digits. */
public final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code prefix} + 24 random base-62 characters, e.g. {@code cus_} → {@code cus_4fQe...}. */
    public static String next(String prefix) {
        return prefix + random(24);
    }

    /** {@code length} random decimal digits (e.g. a refund's acquirer reference number). */
    static String randomDigits(int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return digits.toString();
    }

    static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
