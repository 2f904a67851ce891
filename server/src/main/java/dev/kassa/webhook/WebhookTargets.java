package dev.kassa.webhook;

import dev.kassa.platform.config.KassaSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where Kassa may send webhooks. Outside test mode only {@code https} URLs to public addresses (no SSRF into the
 * operator's network): a literal private or loopback address is refused when the endpoint is saved, and every
 * delivery resolves the host again and refuses it when any address is not public (a name can change its address
 * after it was saved). In test mode (no Stripe key) {@code http} is allowed too, to loopback only, so a merchant's
 * local receiver works; any address is allowed there.
 */
@Component
class WebhookTargets {

    static final int MAX_LENGTH = 2083;
    static final String PRIVATE_HOST = "Webhook URLs cannot point to localhost or private IP addresses.";
    static final String HTTP_ONLY_LOOPBACK = "Webhook URLs can use http only to a loopback address, and only in test mode.";
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1");

    private final boolean testMode;

    @org.springframework.beans.factory.annotation.Autowired
    WebhookTargets(KassaSettings settings) {
        this(settings.stripeTestMode());
    }

    WebhookTargets(boolean testMode) {
        this.testMode = testMode;
    }

    boolean testMode() {
        return testMode;
    }

    /** A problem with a URL the merchant sent, in pydantic's terms: its type and message. */
    record Problem(String type, String msg) {
    }

    /** Why {@code url} cannot be an endpoint's URL, if it cannot. */
    Optional<Problem> check(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of(new Problem("url_too_long", "URL should have at most " + MAX_LENGTH + " characters"));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(new Problem("url_parsing", "Input should be a valid URL, " + e.getReason()));
        }
        if (uri.getScheme() == null) {
            return Optional.of(new Problem("url_parsing", "Input should be a valid URL, relative URL without a base"));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of(new Problem("url_scheme", "URL scheme should be 'https'"));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of(new Problem("url_parsing", "Input should be a valid URL, empty host"));
        }
        if (scheme.equals("http")) {
            if (!testMode) {
                return Optional.of(new Problem("url_scheme", "URL scheme should be 'https'"));
            }
            if (!isLoopbackName(host)) {
                return Optional.of(new Problem("value_error", "Value error, " + HTTP_ONLY_LOOPBACK));
            }
            return Optional.empty();
        }
        if (!testMode && isBlockedLiteral(host)) {
            return Optional.of(new Problem("value_error", "Value error, " + PRIVATE_HOST));
        }
        return Optional.empty();
    }

    /**
     * Before a delivery: the reason the URL's host may not be contacted now, if any (outside test mode, a host
     * resolving to any non-public address).
     */
    Optional<String> refusal(URI uri) {
        if (testMode) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("refused: only https URLs are allowed outside test mode");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(address)) {
                    return Optional.of("refused: " + uri.getHost() + " resolves to the non-public address "
                            + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + uri.getHost());
        }
        return Optional.empty();
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        Optional<InetAddress> literal = literal(h);
        return literal.isPresent() && literal.get().isLoopbackAddress();
    }

    private static boolean isBlockedLiteral(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (LOCALHOST.contains(h) || h.endsWith(".localhost")) {
            return true;
        }
        return literal(h).map(address -> !isPublic(address)).orElse(false);
    }

    /** The address an IP literal names (never a DNS lookup); empty for a host name. */
    private static Optional<InetAddress> literal(String host) {
        String clean = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = clean.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = clean.contains(":") && clean.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(clean));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Python's {@code ip_address(...).is_global}, near enough: no loopback, private, link-local, CGNAT or reserved range. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19))
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 2) || (first == 198 && second == 51)
                    || (first == 203 && second == 0 && (b[2] & 0xff) == 113));
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // documentation 2001:db8::/32
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
