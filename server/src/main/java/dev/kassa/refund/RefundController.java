package dev.kassa.refund;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.refund.RefundRepository.ListFilter;
import dev.kassa.refund.schemas.Refund;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class RefundController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "amount");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", true));

    private final RefundService refunds;
    private final CreateRefund createRefund;

    RefundController(RefundService refunds, CreateRefund createRefund) {
        this.refunds = refunds;
        this.createRefund = createRefund;
    }

    @GetMapping({"/v1/refunds", "/v1/refunds/"})
    @RequireScopes({Scope.REFUNDS_READ, Scope.REFUNDS_WRITE})
    ListResource<Refund> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> ids = query.uuids("id");
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> orderIds = query.uuids("order_id");
        List<UUID> subscriptionIds = query.uuids("subscription_id");
        List<UUID> customerIds = query.uuids("customer_id");
        List<String> externalCustomerIds = params.getOrDefault("external_customer_id", List.of());
        Boolean succeeded = query.bool("succeeded");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return refunds.list(new ListFilter(access.organizationId(), ids, orderIds, subscriptionIds, customerIds,
                externalCustomerIds, succeeded), page, sorting);
    }

    @PostMapping({"/v1/refunds", "/v1/refunds/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.REFUNDS_WRITE)
    Refund create(OrganizationAccess access, @JsonBody JsonNode body) {
        return createRefund.create(access.organizationId(), RefundRequests.create(body));
    }
}
