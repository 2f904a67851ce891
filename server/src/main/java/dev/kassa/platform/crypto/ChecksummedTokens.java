package dev.kassa.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Polar's token format with a checksum ({@code kit/crypto.py}): prefix, 37 random alphanumerics, then the CRC32
 * of those 37 characters in base 62 (alphabet 0-9A-Za-z), left-padded with "0" to 6 characters. The checksum
 * lets a client or a secret scanner tell a mistyped token from an unknown one without a lookup.
 */
public final class ChecksummedTokens {

    public static final int RANDOM_LENGTH = 37;
    public static final int CHECKSUM_LENGTH = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ChecksummedTokens() {
    }

    public static String generate(String prefix) {
        String random = Tokens.generate("", RANDOM_LENGTH);
        return prefix + random + checksum(random);
    }

    /** True when the token has the prefix, the right length, and a matching checksum. */
    public static boolean isWellFormed(String prefix, String token) {
        if (token == null || !token.startsWith(prefix) || token.length() != prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return false;
        }
        String random = token.substring(prefix.length(), prefix.length() + RANDOM_LENGTH);
        for (int i = 0; i < random.length(); i++) {
            if (BASE62.indexOf(random.charAt(i)) < 0) {
                return false;
            }
        }
        return checksum(random).equals(token.substring(prefix.length() + RANDOM_LENGTH));
    }

    static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        StringBuilder encoded = new StringBuilder();
        do {
            encoded.append(BASE62.charAt((int) (value % 62)));
            value /= 62;
        } while (value > 0);
        while (encoded.length() < CHECKSUM_LENGTH) {
            encoded.append('0');
        }
        return encoded.reverse().toString();
    }
}
