package dev.kassa.subscription;

import dev.kassa.subscription.schemas.CustomerSubscription;
import dev.kassa.subscription.schemas.Subscription;
import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.subscription.SubscriptionRepository.ListFilter;
import java.util.List;
import java.util.UUID;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SubscriptionController {

    private static final List<String> SORT_PROPERTIES = List.of("customer", "status", "started_at", "current_period_end",
            "amount", "product", "discount");
    private static final List<String> PORTAL_SORT_PROPERTIES = List.of("started_at", "amount", "status", "organization", "product");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("started_at", true));

    private final SubscriptionService subscriptions;

    SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping({"/v1/subscriptions", "/v1/subscriptions/"})
    @RequireScopes({Scope.SUBSCRIPTIONS_READ, Scope.SUBSCRIPTIONS_WRITE})
    ListResource<Subscription> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> productIds = query.uuids("product_id");
        List<UUID> customerIds = query.uuids("customer_id");
        List<UUID> discountIds = query.uuids("discount_id");
        Boolean active = query.bool("active");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return subscriptions.list(new ListFilter(access.organizationId(), productIds, customerIds, discountIds, active), page, sorting);
    }

    @GetMapping("/v1/subscriptions/{id}")
    @RequireScopes({Scope.SUBSCRIPTIONS_READ, Scope.SUBSCRIPTIONS_WRITE})
    Subscription get(OrganizationAccess access, @PathVariable UUID id) {
        return subscriptions.get(access.organizationId(), id);
    }

    @GetMapping({"/v1/customer-portal/subscriptions", "/v1/customer-portal/subscriptions/"})
    @RequireCustomerSession
    ListResource<CustomerSubscription> portalList(CustomerAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> productIds = query.uuids("product_id");
        Boolean active = query.bool("active");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(PORTAL_SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        if (organizationIds.stream().anyMatch(id -> !id.equals(access.organizationId()))) {
            return ListResource.of(List.of(), 0, page);
        }
        return subscriptions.portalList(new ListFilter(access.organizationId(), productIds, List.of(access.customerId()),
                List.of(), active), page, sorting);
    }

    @GetMapping("/v1/customer-portal/subscriptions/{id}")
    @RequireCustomerSession
    CustomerSubscription portalGet(CustomerAccess access, @PathVariable UUID id) {
        return subscriptions.portalGet(access.organizationId(), access.customerId(), id);
    }
}
