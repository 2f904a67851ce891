package dev.kassa.customer;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.customer.schemas.CustomerState;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.subscription.SubscriptionService;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Polar's customer state ({@code customer_service.get_state}): a live customer of the token's organization with its
 * active subscriptions, read in one read-only transaction. Unknown, deleted and other organizations' customers are
 * a 404 {@code ResourceNotFound}. Polar caches the state for an hour in Redis; Kassa reads it fresh every time.
 */
@Service
class CustomerStateService {

    private final CustomerRepository customers;
    private final SubscriptionService subscriptions;

    CustomerStateService(CustomerRepository customers, SubscriptionService subscriptions) {
        this.customers = customers;
        this.subscriptions = subscriptions;
    }

    @Transactional(readOnly = true)
    CustomerState get(OrganizationAccess access, UUID id) {
        return state(access, customers.findLive(access.organizationId(), id));
    }

    @Transactional(readOnly = true)
    CustomerState getExternal(OrganizationAccess access, String externalId) {
        return state(access, customers.findByExternalId(access.organizationId(), externalId, false));
    }

    private CustomerState state(OrganizationAccess access, Optional<Customer> found) {
        Customer customer = found.orElseThrow(ResourceNotFound::new);
        return CustomerSchemas.state(customer,
                subscriptions.findActiveByCustomer(access.organizationId(), customer.id()));
    }
}
