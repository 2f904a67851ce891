package dev.kassa.checkoutpage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin a merchant page embeds the checkout from ({@code ?embed_origin=}), checked before it goes into
 * {@code frame-ancestors} and becomes the {@code postMessage} target: a bare origin ({@code scheme://host[:port]},
 * no path, query or credentials), {@code https}, or {@code http} on a loopback host in Stripe test mode (a
 * developer's {@code http://localhost:3000}).
 */
final class EmbedOrigins {

    private EmbedOrigins() {
    }

    /** The normalized origin ({@code scheme://host[:non-default-port]}, lower case), or empty when refused. */
    static Optional<String> normalize(String raw, boolean testMode) {
        if (raw == null || raw.isBlank() || raw.length() > 1000) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (host.isEmpty() || !bare) {
            return Optional.empty();
        }
        boolean allowed = scheme.equals("https") || scheme.equals("http") && testMode && isLoopback(host);
        if (!allowed) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
