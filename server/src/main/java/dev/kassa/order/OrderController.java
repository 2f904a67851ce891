package dev.kassa.order;

import dev.kassa.order.schemas.CustomerOrder;
import dev.kassa.order.schemas.Order;
import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.order.OrderRepository.ListFilter;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.JsonBody;
import java.util.List;
import java.util.UUID;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class OrderController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "amount", "net_amount", "customer", "product",
            "discount", "subscription");
    private static final List<String> PORTAL_SORT_PROPERTIES = List.of("created_at", "amount", "net_amount", "product",
            "subscription");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", true));

    private final OrderService orders;
    private final OrderBillingUpdates billing;

    OrderController(OrderService orders, OrderBillingUpdates billing) {
        this.orders = orders;
        this.billing = billing;
    }

    @GetMapping({"/v1/orders", "/v1/orders/"})
    @RequireScopes(Scope.ORDERS_READ)
    ListResource<Order> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> productIds = query.uuids("product_id");
        List<UUID> discountIds = query.uuids("discount_id");
        List<UUID> customerIds = query.uuids("customer_id");
        List<UUID> checkoutIds = query.uuids("checkout_id");
        List<UUID> subscriptionIds = query.uuids("subscription_id");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return orders.list(new ListFilter(access.organizationId(), productIds, customerIds, discountIds, checkoutIds,
                subscriptionIds), page, sorting);
    }

    @GetMapping("/v1/orders/{id}")
    @RequireScopes(Scope.ORDERS_READ)
    Order get(OrganizationAccess access, @PathVariable UUID id) {
        return orders.get(access.organizationId(), id);
    }

    @PatchMapping("/v1/orders/{id}")
    @RequireScopes(Scope.ORDERS_WRITE)
    Order update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        billing.update(access.organizationId(), null, id, OrderBillingUpdates.BillingUpdate.read(body));
        return orders.get(access.organizationId(), id);
    }

    @GetMapping({"/v1/customer-portal/orders", "/v1/customer-portal/orders/"})
    @RequireCustomerSession
    ListResource<CustomerOrder> portalList(CustomerAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> productIds = query.uuids("product_id");
        List<UUID> subscriptionIds = query.uuids("subscription_id");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(PORTAL_SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        if (organizationIds.stream().anyMatch(id -> !id.equals(access.organizationId()))) {
            return ListResource.of(List.of(), 0, page);
        }
        return orders.portalList(new ListFilter(access.organizationId(), productIds, List.of(access.customerId()), List.of(),
                List.of(), subscriptionIds), page, sorting);
    }

    @GetMapping("/v1/customer-portal/orders/{id}")
    @RequireCustomerSession
    CustomerOrder portalGet(CustomerAccess access, @PathVariable UUID id) {
        return orders.portalGet(access.organizationId(), access.customerId(), id);
    }

    @PatchMapping("/v1/customer-portal/orders/{id}")
    @RequireCustomerSession
    CustomerOrder portalUpdate(CustomerAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        billing.update(access.organizationId(), access.customerId(), id, OrderBillingUpdates.BillingUpdate.read(body));
        return orders.portalGet(access.organizationId(), access.customerId(), id);
    }
}
