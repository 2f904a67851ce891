package dev.kassa.customer;

import dev.kassa.customer.schemas.CustomerSession;
import dev.kassa.customer.schemas.CustomerState;
import dev.kassa.customer.schemas.CustomerPortalCustomer;
import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.customer.CustomerRepository.ListFilter;
import dev.kassa.paymentmethod.PaymentMethodService;
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
class CustomerController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "email", "name");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", true));

    private final CustomerService customers;
    private final CustomerSessionService sessions;
    private final CustomerStateService states;
    private final PaymentMethodService paymentMethods;

    CustomerController(CustomerService customers, CustomerSessionService sessions, CustomerStateService states,
            PaymentMethodService paymentMethods) {
        this.paymentMethods = paymentMethods;
        this.customers = customers;
        this.sessions = sessions;
        this.states = states;
    }

    @GetMapping({"/v1/customers", "/v1/customers/"})
    @RequireScopes({Scope.CUSTOMERS_READ, Scope.CUSTOMERS_WRITE})
    ListResource<dev.kassa.customer.schemas.Customer> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        String email = query.string("email");
        String text = query.string("query");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return customers.list(new ListFilter(access.organizationId(), email, text), page, sorting);
    }

    @PostMapping({"/v1/customers", "/v1/customers/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.CUSTOMERS_WRITE)
    dev.kassa.customer.schemas.Customer create(OrganizationAccess access, @JsonBody JsonNode body) {
        return customers.create(access, CustomerRequests.create(body));
    }

    @GetMapping("/v1/customers/{id}")
    @RequireScopes({Scope.CUSTOMERS_READ, Scope.CUSTOMERS_WRITE})
    dev.kassa.customer.schemas.Customer get(OrganizationAccess access, @PathVariable UUID id) {
        return customers.get(access, id);
    }

    @GetMapping("/v1/customers/{id}/state")
    @RequireScopes({Scope.CUSTOMERS_READ, Scope.CUSTOMERS_WRITE})
    CustomerState getState(OrganizationAccess access, @PathVariable UUID id) {
        return states.get(access, id);
    }

    @GetMapping("/v1/customers/external/{external_id}/state")
    @RequireScopes({Scope.CUSTOMERS_READ, Scope.CUSTOMERS_WRITE})
    CustomerState getStateExternal(OrganizationAccess access, @PathVariable("external_id") String externalId) {
        return states.getExternal(access, externalId);
    }

    @PatchMapping("/v1/customers/{id}")
    @RequireScopes(Scope.CUSTOMERS_WRITE)
    dev.kassa.customer.schemas.Customer update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return customers.update(access, id, CustomerRequests.update(body, true));
    }

    @DeleteMapping("/v1/customers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.CUSTOMERS_WRITE)
    void delete(OrganizationAccess access, @PathVariable UUID id) {
        customers.delete(access, id);
    }

    @GetMapping("/v1/customers/external/{external_id}")
    @RequireScopes({Scope.CUSTOMERS_READ, Scope.CUSTOMERS_WRITE})
    dev.kassa.customer.schemas.Customer getExternal(OrganizationAccess access, @PathVariable("external_id") String externalId) {
        return customers.getExternal(access, externalId);
    }

    /** The external ID identifies the customer here, so the body cannot change it (Polar's CustomerUpdateExternalID). */
    @PatchMapping("/v1/customers/external/{external_id}")
    @RequireScopes(Scope.CUSTOMERS_WRITE)
    dev.kassa.customer.schemas.Customer updateExternal(OrganizationAccess access, @PathVariable("external_id") String externalId, @JsonBody JsonNode body) {
        return customers.updateExternal(access, externalId, CustomerRequests.update(body, false));
    }

    @DeleteMapping("/v1/customers/external/{external_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.CUSTOMERS_WRITE)
    void deleteExternal(OrganizationAccess access, @PathVariable("external_id") String externalId) {
        customers.deleteExternal(access, externalId);
    }

    @PostMapping({"/v1/customer-sessions", "/v1/customer-sessions/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.CUSTOMER_SESSIONS_WRITE)
    CustomerSession createSession(OrganizationAccess access, @JsonBody JsonNode body) {
        return sessions.create(access, CustomerRequests.sessionCreate(body));
    }

    @GetMapping("/v1/customer-portal/customers/me")
    @RequireCustomerSession
    CustomerPortalCustomer me(CustomerAccess access) {
        return customers.portalMe(access.organizationId(), access.customerId(), paymentMethods.defaultOf(access.customerId()));
    }
}
