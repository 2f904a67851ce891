package dev.kassa.platform.ratelimit;

import java.net.InetAddress;

/** An IP address or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}), for {@code RATE_LIMIT_TRUSTED_PROXIES}. */
record AddressRange(byte[] network, int prefixLength) {

    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash));
        byte[] bytes = address.getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: " + text);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + text);
            }
        }
        return new AddressRange(bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
