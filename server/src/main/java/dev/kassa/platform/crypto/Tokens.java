package dev.kassa.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random secrets and their stored form: a token is shown once and only its SHA-256 hash is kept. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Tokens() {
    }

    /** {@code prefix} followed by {@code length} characters drawn uniformly from [A-Za-z0-9]. */
    public static String generate(String prefix, int length) {
        StringBuilder token = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            token.append(ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)]);
        }
        return token.toString();
    }

    /**
     * Hex SHA-256 of the token. Tokens carry 238+ bits of entropy, so an unsalted fast hash is safe, and it
     * lets a lookup go through a unique index on the hash rather than comparing secrets.
     */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Constant-time comparison of two hashes. */
    public static boolean hashesEqual(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
