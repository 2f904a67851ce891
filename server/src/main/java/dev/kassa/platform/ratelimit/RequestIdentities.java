package dev.kassa.platform.ratelimit;

import dev.kassa.platform.crypto.ChecksummedTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which zone a {@code /v1} request counts in, and as whom (README "Rate limits"), in this order:
 * <ol>
 * <li>the buyer routes {@code /v1/checkouts/client/{client_secret}/...}: by the client secret, whatever the
 * {@code Authorization} header says (SDK 1.0.1 sends the merchant's token on them too); confirm has its own zone;</li>
 * <li>a bearer token shaped like Kassa's ({@code polar_oat_...}, {@code polar_cst_...}): by the token;</li>
 * <li>anything else (no token, or one Kassa never issues): by the client address.</li>
 * </ol>
 * Stripe's webhook is not limited: it is signed, and holding it back would only delay payments' settlement. The
 * identity's text (a token, a secret) is hashed at once by {@link RateLimiter} and never stored nor logged.
 */
final class RequestIdentities {

    record Identity(Zone zone, String value) {
    }

    private static final Pattern CLIENT_ROUTE = Pattern.compile("/v1/checkouts/(?:custom/)?client/([^/]+)(/.*)?");
    private static final Pattern CONFIRM = Pattern.compile("/confirm/?");
    private static final Pattern TOKEN = Pattern.compile("polar_(?:oat|cst)_[A-Za-z0-9]{16,128}");
    private static final String CLIENT_SECRET_PREFIX = "polar_c_";
    private static final String STRIPE_WEBHOOKS = "/v1/integrations/stripe/";

    private final RateLimitSettings settings;

    RequestIdentities(RateLimitSettings settings) {
        this.settings = settings;
    }

    /** Empty when the request is not rate limited. */
    Optional<Identity> of(HttpServletRequest request) {
        String path = path(request);
        if (!(path.equals("/v1") || path.startsWith("/v1/")) || path.startsWith(STRIPE_WEBHOOKS)) {
            return Optional.empty();
        }
        Matcher client = CLIENT_ROUTE.matcher(path);
        if (client.matches() && ChecksummedTokens.isWellFormed(CLIENT_SECRET_PREFIX, client.group(1))) {
            boolean confirm = client.group(2) != null && CONFIRM.matcher(client.group(2)).matches();
            return Optional.of(new Identity(confirm ? settings.confirm() : settings.clientSecret(), "secret:" + client.group(1)));
        }
        String token = bearerToken(request);
        if (token != null && TOKEN.matcher(token).matches()) {
            return Optional.of(new Identity(settings.token(), "token:" + token));
        }
        return Optional.of(new Identity(settings.ip(), "ip:" + clientAddress(request)));
    }

    /** The decoded, normalized path the routes are matched on (so {@code %63onfirm} is {@code confirm} here too). */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") ? parts[1].trim() : null;
    }

    /**
     * The socket peer; behind a proxy listed in {@code RATE_LIMIT_TRUSTED_PROXIES}, the {@code True-Client-IP} it
     * sets, else the rightmost {@code X-Forwarded-For} address that is not itself a trusted proxy. An IPv6 client is
     * counted by its /64 network (one subscriber's allocation), so that rotating addresses within it does not help.
     */
    String clientAddress(HttpServletRequest request) {
        InetAddress client = literal(request.getRemoteAddr());
        if (client == null) {
            return String.valueOf(request.getRemoteAddr());
        }
        if (trusted(client)) {
            InetAddress trueClient = literal(request.getHeader("True-Client-IP"));
            if (trueClient != null) {
                client = trueClient;
            } else {
                List<String> hops = new ArrayList<>();
                for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
                    for (String hop : header.split(",")) {
                        hops.add(hop.trim());
                    }
                }
                for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
                    InetAddress hop = literal(hops.get(i));
                    if (hop == null) {
                        break;
                    }
                    client = hop;
                }
            }
        }
        if (client instanceof Inet6Address) {
            byte[] bytes = client.getAddress();
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return settings.trustedProxies().stream().anyMatch(range -> range.contains(address));
    }

    private static InetAddress literal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
