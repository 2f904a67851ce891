package dev.kassa.checkoutlink;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.checkout.CreateCheckoutFromLink;
import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.checkoutlink.schemas.CheckoutLink;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.QueryParams.Sort;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** The merchant's checkout link API, and the public redirect a shared link points to. */
@RestController
class CheckoutLinkController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "label", "success_url", "allow_discount_codes");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", false));
    private static final String CUSTOM_FIELD_PREFIX = "custom_field_data.";
    /** Copied into the checkout's metadata (unless the link's metadata has the key), and still forwarded, as Polar does. */
    private static final List<String> METADATA_PARAMETERS = List.of("reference_id", "utm_source", "utm_medium", "utm_campaign",
            "utm_term", "utm_content");
    /** Read by the redirect and not forwarded to the checkout page. */
    private static final Set<String> PREFILL_PARAMETERS = Set.of("embed_origin", "product_id", "amount", "customer_email",
            "customer_name", "discount_code", "locale");

    private final CheckoutLinkService links;

    CheckoutLinkController(CheckoutLinkService links) {
        this.links = links;
    }

    @GetMapping({"/v1/checkout-links", "/v1/checkout-links/"})
    @RequireScopes({Scope.CHECKOUT_LINKS_READ, Scope.CHECKOUT_LINKS_WRITE})
    ListResource<CheckoutLink> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> productIds = query.uuids("product_id");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return links.list(access, productIds, page, sorting);
    }

    @PostMapping({"/v1/checkout-links", "/v1/checkout-links/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.CHECKOUT_LINKS_WRITE)
    CheckoutLink create(OrganizationAccess access, @JsonBody JsonNode body) {
        return links.create(access, CheckoutLinkRequests.create(body));
    }

    @GetMapping("/v1/checkout-links/{id}")
    @RequireScopes({Scope.CHECKOUT_LINKS_READ, Scope.CHECKOUT_LINKS_WRITE})
    CheckoutLink get(OrganizationAccess access, @PathVariable UUID id) {
        return links.get(access, id);
    }

    @PatchMapping("/v1/checkout-links/{id}")
    @RequireScopes(Scope.CHECKOUT_LINKS_WRITE)
    CheckoutLink update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return links.update(access, id, CheckoutLinkRequests.update(body));
    }

    @DeleteMapping("/v1/checkout-links/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.CHECKOUT_LINKS_WRITE)
    void delete(OrganizationAccess access, @PathVariable UUID id) {
        links.delete(access, id);
    }

    /**
     * Opens a new checkout from the link, with the buyer's prefill, and sends the buyer to it (307, as Polar's
     * {@code RedirectResponse}). Parameters the redirect does not read are passed on to the checkout page.
     */
    @Hidden
    @GetMapping("/v1/checkout-links/{client_secret}/redirect")
    ResponseEntity<Void> redirect(@PathVariable("client_secret") String clientSecret,
            @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        QueryParams query = new QueryParams(params);
        List<UUID> productId = query.uuids("product_id");
        query.errors().throwIfAny();
        Map<String, String> customFieldData = new LinkedHashMap<>();
        params.forEach((key, values) -> {
            if (key.startsWith(CUSTOM_FIELD_PREFIX) && !values.isEmpty()) {
                customFieldData.put(key.substring(CUSTOM_FIELD_PREFIX.length()), values.getFirst());
            }
        });
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String name : METADATA_PARAMETERS) {
            String value = nonEmpty(params.getFirst(name));
            if (value != null) {
                metadata.put(name, value);
            }
        }
        String ip = request.getHeader("True-Client-IP") != null ? request.getHeader("True-Client-IP") : request.getRemoteAddr();
        CreateCheckoutFromLink.Prefill prefill = new CreateCheckoutFromLink.Prefill(
                productId.isEmpty() ? null : productId.getFirst(), nonEmpty(params.getFirst("amount")),
                nonEmpty(params.getFirst("customer_email")), nonEmpty(params.getFirst("customer_name")),
                nonEmpty(params.getFirst("discount_code")), customFieldData, metadata, nonEmpty(params.getFirst("embed_origin")), ip);
        Checkout checkout = links.open(clientSecret, prefill);

        UriComponentsBuilder location = UriComponentsBuilder.fromUriString(checkout.base().url());
        Set<String> kept = checkout.base().customFieldData().keySet();
        params.forEach((key, values) -> {
            boolean prefilledField = key.startsWith(CUSTOM_FIELD_PREFIX) && kept.contains(key.substring(CUSTOM_FIELD_PREFIX.length()));
            if (!PREFILL_PARAMETERS.contains(key) && !prefilledField) {
                location.queryParam(key, values.getLast());
            }
        });
        URI target = location.encode().build().toUri();
        return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT).header(HttpHeaders.LOCATION, target.toString()).build();
    }

    /** Polar's {@code EmptyStrToNone}. */
    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
