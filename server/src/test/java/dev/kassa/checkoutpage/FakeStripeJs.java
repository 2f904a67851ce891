package dev.kassa.checkoutpage;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stripe's browser side for a test with no network: Playwright routes that serve the fake Stripe.js
 * ({@code src/test/resources/fake-stripe}) at {@code https://js.stripe.com/v3/} with its frames, and answer
 * {@code https://api.stripe.com} as Stripe's servers answer Stripe.js: a request carries the publishable key, and is
 * answered (with CORS headers) by the Stripe emulator at {@code apiBase}, asked with the secret key.
 */
final class FakeStripeJs {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String apiBase;
    private final String publishableKey;
    private final String secretKey;

    private FakeStripeJs(String apiBase, String publishableKey, String secretKey) {
        this.apiBase = apiBase;
        this.publishableKey = publishableKey;
        this.secretKey = secretKey;
    }

    static void install(BrowserContext context, String apiBase, String publishableKey, String secretKey) {
        FakeStripeJs fake = new FakeStripeJs(apiBase, publishableKey, secretKey);
        context.route("https://js.stripe.com/**", FakeStripeJs::serveStripeJs);
        context.route("https://api.stripe.com/**", fake::serveStripeApi);
    }

    private static void serveStripeJs(Route route) {
        String path = URI.create(route.request().url()).getPath();
        String file = switch (path) {
            case "/v3/", "/v3" -> "v3.js";
            case "/v3/three-ds-challenge.html" -> "three-ds-challenge.html";
            case "/v3/elements-inner-payment.html" -> "elements-inner-payment.html";
            default -> null;
        };
        if (file == null) {
            route.fulfill(new Route.FulfillOptions().setStatus(404).setBody(""));
            return;
        }
        route.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType(file.endsWith(".js") ? "application/javascript" : "text/html; charset=utf-8")
                .setBody(resource(file)));
    }

    /** api.stripe.com as Stripe.js meets it: the publishable key in the parameters, answered with CORS headers. */
    private void serveStripeApi(Route route) {
        com.microsoft.playwright.Request request = route.request();
        URI uri = URI.create(request.url());
        Map<String, String> params = new LinkedHashMap<>(form(uri.getRawQuery()));
        if (request.method().equals("POST")) {
            params.putAll(form(request.postData()));
        }
        Map<String, String> cors = Map.of("Access-Control-Allow-Origin", "*", "Content-Type", "application/json");
        if (!publishableKey.equals(params.remove("key"))) {
            route.fulfill(new Route.FulfillOptions().setStatus(401).setHeaders(cors)
                    .setBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}"));
            return;
        }
        params.remove("client_secret");
        String encoded = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder forward = HttpRequest.newBuilder().header("Authorization", "Bearer " + secretKey);
        if (request.method().equals("POST")) {
            forward.uri(URI.create(apiBase + uri.getRawPath())).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded));
        } else {
            forward.uri(URI.create(apiBase + uri.getRawPath() + (encoded.isEmpty() ? "" : "?" + encoded))).GET();
        }
        try {
            HttpResponse<String> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            route.fulfill(new Route.FulfillOptions().setStatus(answer.statusCode()).setHeaders(cors).setBody(answer.body()));
        } catch (IOException e) {
            route.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            route.abort();
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String resource(String name) {
        try (InputStream in = FakeStripeJs.class.getResourceAsStream("/fake-stripe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
