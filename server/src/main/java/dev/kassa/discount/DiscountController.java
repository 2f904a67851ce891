package dev.kassa.discount;

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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class DiscountController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "name", "code", "redemptions_count");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", true));

    private final DiscountService discounts;

    DiscountController(DiscountService discounts) {
        this.discounts = discounts;
    }

    @GetMapping({"/v1/discounts", "/v1/discounts/"})
    @RequireScopes({Scope.DISCOUNTS_READ, Scope.DISCOUNTS_WRITE})
    ListResource<DiscountView> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        String text = query.string("query");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return discounts.list(access, text, page, sorting);
    }

    @PostMapping({"/v1/discounts", "/v1/discounts/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.DISCOUNTS_WRITE)
    DiscountView create(OrganizationAccess access, @JsonBody JsonNode body) {
        return discounts.create(access, DiscountRequests.create(body));
    }

    @GetMapping("/v1/discounts/{id}")
    @RequireScopes({Scope.DISCOUNTS_READ, Scope.DISCOUNTS_WRITE})
    DiscountView get(OrganizationAccess access, @PathVariable UUID id) {
        return discounts.get(access, id);
    }

    @PatchMapping("/v1/discounts/{id}")
    @RequireScopes(Scope.DISCOUNTS_WRITE)
    DiscountView update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return discounts.update(access, id, DiscountRequests.update(body));
    }

    @DeleteMapping("/v1/discounts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.DISCOUNTS_WRITE)
    void delete(OrganizationAccess access, @PathVariable UUID id) {
        discounts.delete(access, id);
    }
}
