package dev.kassa.checkout;

import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.QueryParams.Sort;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The merchant's checkout API; {@code /v1/checkouts/custom/...} is Polar's legacy alias of the same routes. */
@RestController
class CheckoutController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "expires_at", "status");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", true));
    private static final List<String> STATUSES = List.of("open", "expired", "confirmed", "succeeded", "failed");

    private final CheckoutService checkouts;
    private final CreateCheckout creates;

    CheckoutController(CheckoutService checkouts, CreateCheckout creates) {
        this.checkouts = checkouts;
        this.creates = creates;
    }

    @GetMapping({"/v1/checkouts", "/v1/checkouts/", "/v1/checkouts/custom", "/v1/checkouts/custom/"})
    @RequireScopes({Scope.CHECKOUTS_READ, Scope.CHECKOUTS_WRITE})
    ListResource<Checkout> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> productIds = query.uuids("product_id");
        List<UUID> customerIds = query.uuids("customer_id");
        List<String> statuses = query.enums("status", STATUSES);
        List<String> externalCustomerIds = params.getOrDefault("external_customer_id", List.of());
        String text = query.string("query");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return checkouts.list(new CheckoutRepository.ListFilter(access.organizationId(), productIds, customerIds, statuses,
                externalCustomerIds, text), page, sorting);
    }

    @PostMapping({"/v1/checkouts", "/v1/checkouts/", "/v1/checkouts/custom", "/v1/checkouts/custom/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.CHECKOUTS_WRITE)
    Checkout create(OrganizationAccess access, @JsonBody JsonNode body) {
        return creates.create(access, CheckoutRequests.create(body), CheckoutRequests.seatFieldsIn(body));
    }

    @GetMapping({"/v1/checkouts/{id}", "/v1/checkouts/custom/{id}"})
    @RequireScopes({Scope.CHECKOUTS_READ, Scope.CHECKOUTS_WRITE})
    Checkout get(OrganizationAccess access, @PathVariable UUID id) {
        return checkouts.get(access, id);
    }

    @PatchMapping({"/v1/checkouts/{id}", "/v1/checkouts/custom/{id}"})
    @RequireScopes(Scope.CHECKOUTS_WRITE)
    Checkout update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return checkouts.update(access, id, CheckoutRequests.update(body, false), CheckoutRequests.seatFieldsIn(body));
    }

    @PostMapping({"/v1/checkouts/{id}/expire", "/v1/checkouts/custom/{id}/expire"})
    @RequireScopes(Scope.CHECKOUTS_WRITE)
    Checkout expire(OrganizationAccess access, @PathVariable UUID id) {
        return checkouts.expire(access, id);
    }
}
