package dev.kassa.checkoutpage;

import dev.kassa.checkout.CheckoutService;
import dev.kassa.checkout.schemas.CheckoutPublic;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.web.ApiError;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the buyer's page at the checkout's {@code url} and its default {@code success_url}. The page reads the
 * checkout through {@link CheckoutService#clientGet} (the client API's own view), so it shows exactly what the
 * script will later read and update. Answers HTML only; the JSON API is untouched.
 *
 * <p>Every answer carries a Content-Security-Policy: scripts, styles, images and connections from Kassa's own
 * origin only (plus Stripe.js, its frames and api.stripe.com in live mode, and an external Stripe emulator's origin
 * in test mode with {@code STRIPE_API_BASE}); {@code frame-ancestors 'none'}, or exactly the validated embed origin.
 * The mappings declare no {@code produces}: Kassa answers JSON whatever the {@code Accept} header says, so each
 * answer sets its {@code text/html} content type itself.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden
class CheckoutPageController {

    private static final Pattern STREAM_ROUTE = Pattern.compile("^/v1/checkouts/client/\\{[^}]+}/stream$");

    private final CheckoutService checkouts;
    private final KassaSettings settings;
    private final JsonMapper json;
    private final ApplicationContext context;
    private volatile @Nullable Boolean streamAvailable;

    CheckoutPageController(CheckoutService checkouts, KassaSettings settings, JsonMapper json, ApplicationContext context) {
        this.checkouts = checkouts;
        this.settings = settings;
        this.json = json;
        this.context = context;
    }

    @GetMapping("/checkout/{client_secret}")
    ResponseEntity<String> page(@PathVariable("client_secret") String clientSecret,
            @RequestParam(name = "embed", required = false) @Nullable String embed,
            @RequestParam(name = "embed_origin", required = false) @Nullable String embedOrigin,
            @RequestParam(name = "theme", required = false) @Nullable String theme) {
        return render(clientSecret, embed, embedOrigin, theme, false);
    }

    @GetMapping("/checkout/{client_secret}/confirmation")
    ResponseEntity<String> confirmation(@PathVariable("client_secret") String clientSecret,
            @RequestParam(name = "embed", required = false) @Nullable String embed,
            @RequestParam(name = "embed_origin", required = false) @Nullable String embedOrigin,
            @RequestParam(name = "theme", required = false) @Nullable String theme) {
        return render(clientSecret, embed, embedOrigin, theme, true);
    }

    private ResponseEntity<String> render(String clientSecret, @Nullable String embed, @Nullable String embedOrigin,
            @Nullable String theme, boolean confirmationPage) {
        String safeTheme = "dark".equals(theme) ? "dark" : "light".equals(theme) ? "light" : null;
        String origin = null;
        if ("true".equals(embed) || embedOrigin != null) {
            Optional<String> valid = EmbedOrigins.normalize(embedOrigin, settings.stripeTestMode());
            if (valid.isEmpty()) {
                return html(HttpStatus.BAD_REQUEST, CheckoutPageHtml.message("This checkout cannot be embedded here",
                        "The page embedding this checkout did not give a valid origin (https, or a loopback address in test mode).",
                        null), null);
            }
            origin = valid.get();
        }
        CheckoutPublic checkout;
        try {
            checkout = checkouts.clientGet(clientSecret);
        } catch (ApiError error) {
            return switch (error.status().value()) {
                // A clear state, not a failed load: the buyer followed a real link that has run out.
                case 410 -> html(HttpStatus.OK, CheckoutPageHtml.message("This checkout has expired",
                        "The time to complete this purchase has run out. Go back to the merchant's site to start again.", null), origin);
                case 404 -> html(HttpStatus.NOT_FOUND, CheckoutPageHtml.message("Checkout not found",
                        "This link does not lead to a checkout. Check that you copied all of it.", null), null);
                default -> throw error;
            };
        }
        JsonNode tree = json.valueToTree(checkout);
        String status = CheckoutPageHtml.text(tree, "status");
        if (origin != null) {
            String stored = tree.path("embed_origin").isString() ? tree.path("embed_origin").asString() : null;
            if (stored == null && status.equals("open")) {
                stored = rememberEmbedOrigin(clientSecret, origin);
            }
            if (stored != null && !stored.equals(origin)) {
                return html(HttpStatus.BAD_REQUEST, CheckoutPageHtml.message("This checkout cannot be embedded here",
                        "This checkout belongs to another site.", null), null);
            }
        }
        String base = "/checkout/" + clientSecret;
        CheckoutPageHtml.Options options = new CheckoutPageHtml.Options(settings.stripeTestMode(), emulatorBase(),
                streamAvailable(), origin, safeTheme, base + "/confirmation", base);
        // A payment waiting for 3-D Secure is finished on the checkout page (its script shows the step again), so
        // a reload, or a return from the bank's redirect to the confirmation, does not leave the buyer waiting.
        boolean onCheckout = status.equals("open") || awaitsAction(tree);
        if (confirmationPage || !onCheckout) {
            if (confirmationPage && onCheckout) {
                // Nothing paid yet: the buyer belongs on the checkout itself.
                return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(base + embedQuery(origin, safeTheme))).build();
            }
            return html(HttpStatus.OK, CheckoutPageHtml.confirmation(tree, options), origin);
        }
        // The checkout's JSON for the script, safe inside <script type="application/json">.
        String data = json.writeValueAsString(tree).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        return html(HttpStatus.OK, CheckoutPageHtml.checkout(tree, data, options), origin);
    }

    private static boolean awaitsAction(JsonNode checkout) {
        JsonNode metadata = checkout.path("payment_processor_metadata");
        return CheckoutPageHtml.text(checkout, "status").equals("confirmed")
                && CheckoutPageHtml.text(metadata, "intent_status").equals("requires_action")
                && !CheckoutPageHtml.text(metadata, "intent_client_secret").isEmpty();
    }

    private @Nullable String rememberEmbedOrigin(String clientSecret, String origin) {
        try {
            return checkouts.clientRememberEmbedOrigin(clientSecret, origin);
        } catch (ApiError busy) {
            // Locked by an update in flight (409) or just expired: render for the asked origin, store it next time.
            return null;
        }
    }

    private static String embedQuery(@Nullable String origin, @Nullable String theme) {
        if (origin == null) {
            return "";
        }
        return "?embed=true&embed_origin=" + java.net.URLEncoder.encode(origin, java.nio.charset.StandardCharsets.UTF_8)
                + (theme == null ? "" : "&theme=" + theme);
    }

    /** Where the test-mode page makes its confirmation tokens and finishes 3-D Secure: Kassa's /_stripe, or STRIPE_API_BASE. */
    private String emulatorBase() {
        return settings.stripeApiBase().map(uri -> uri.toString().replaceAll("/+$", "")).orElse("/_stripe");
    }

    private ResponseEntity<String> html(HttpStatus status, String body, @Nullable String embedOrigin) {
        return ResponseEntity.status(status)
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", contentSecurityPolicy(embedOrigin))
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    String contentSecurityPolicy(@Nullable String embedOrigin) {
        String script = "'self'";
        String connect = "'self'";
        String frame = "'none'";
        if (!settings.stripeTestMode()) {
            script += " https://js.stripe.com https://*.js.stripe.com";
            connect += " https://api.stripe.com";
            frame = "https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com";
        } else if (settings.stripeApiBase().isPresent()) {
            URI base = settings.stripeApiBase().get();
            connect += " " + base.getScheme() + "://" + base.getAuthority();
        }
        return "default-src 'none'; script-src " + script + "; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + connect + "; frame-src " + frame + "; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors " + (embedOrigin == null ? "'none'" : embedOrigin);
    }

    /**
     * Whether the client API serves Polar's event stream ({@code GET /v1/checkouts/client/{secret}/stream}); the
     * page listens on it when it exists and always polls as a fallback, so it never asks for a route that is not there.
     */
    private boolean streamAvailable() {
        Boolean known = streamAvailable;
        if (known == null) {
            known = context.getBeansOfType(RequestMappingHandlerMapping.class).values().stream()
                    .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                    .map(RequestMappingInfo::getPatternValues)
                    .flatMap(java.util.Set::stream)
                    .anyMatch(pattern -> STREAM_ROUTE.matcher(pattern).matches());
            streamAvailable = known;
        }
        return known;
    }
}
