package dev.kassa.customer;

import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.customer.schemas.CustomerPortalCustomer;
import dev.kassa.address.Address;
import dev.kassa.address.TaxIds;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.customer.CustomerCommands.CheckoutCustomerUpdate;
import dev.kassa.customer.CustomerCommands.CustomerCreate;
import dev.kassa.customer.CustomerCommands.CustomerUpdate;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerRepository.ListFilter;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.kassa.subscription.SubscriptionChanges;
import dev.kassa.subscription.SubscriptionService;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers of an organization: the merchant API ({@code /v1/customers}) and the operations a confirmed checkout
 * needs (find by email / external ID, create, update from the checkout, lock, issue a portal session).
 */
@Service
public class CustomerService {

    static final String EMAIL_TAKEN = "A customer with this email address already exists.";
    static final String EXTERNAL_ID_TAKEN = "A customer with this external ID already exists.";

    private final CustomerRepository customers;
    private final CustomerSessionService sessions;
    private final Clock clock;

    private final WebhookEvents webhooks;
    // Lazy: subscriptions depend on customers, and the state is only read when an event's payload is rendered.
    private final ObjectProvider<SubscriptionService> subscriptions;
    private final ObjectProvider<SubscriptionChanges> subscriptionChanges;

    CustomerService(CustomerRepository customers, CustomerSessionService sessions, Clock clock, WebhookEvents webhooks,
            ObjectProvider<SubscriptionService> subscriptions, ObjectProvider<SubscriptionChanges> subscriptionChanges) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.subscriptionChanges = subscriptionChanges;
        this.customers = customers;
        this.sessions = sessions;
        this.clock = clock;
    }

    // --- API for other domains ---------------------------------------------------------------------------------

    /** The organization's customer with this id, <b>soft-deleted ones included</b> (check {@link Customer#deleted()}). */
    @Transactional(readOnly = true)
    public Optional<Customer> findById(UUID organizationId, UUID customerId) {
        return customers.findById(customerId).filter(c -> c.organizationId().equals(organizationId));
    }

    /** The live customer of the organization with this email, compared ignoring case. */
    @Transactional(readOnly = true)
    public Optional<Customer> findByEmail(UUID organizationId, String email) {
        return email == null ? Optional.empty() : customers.findByEmail(organizationId, email.strip());
    }

    /** The live customer of the organization with this external ID. */
    @Transactional(readOnly = true)
    public Optional<Customer> findByExternalId(UUID organizationId, String externalId) {
        return externalId == null ? Optional.empty() : customers.findByExternalId(organizationId, externalId, false);
    }

    /** The organization's customers with these ids, deleted ones included (orders keep pointing at them). */
    @Transactional(readOnly = true)
    public Map<UUID, Customer> findAllByIds(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, Customer> found = new LinkedHashMap<>();
        customers.findAllByIds(organizationId, ids).forEach(c -> found.put(c.id(), c));
        return found;
    }

    /**
     * Locks the customer row ({@code SELECT ... FOR UPDATE}) until the caller's transaction ends, e.g. to count a
     * per-customer discount limit safely. Must run inside a transaction. Deleted customers are returned too.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Customer> lockForUpdate(UUID customerId) {
        return customers.lockById(customerId);
    }

    /**
     * Creates a customer (unverified email). When a live customer of the organization already has the email (ignoring
     * case) or the external ID, throws a 422 {@link RequestValidationError} at {@code body.email} /
     * {@code body.external_id} with Polar's messages. The insert uses {@code ON CONFLICT DO NOTHING}, so the caller's
     * transaction stays usable after that exception (a concurrent confirm may catch it and look the customer up).
     */
    @Transactional(noRollbackFor = RequestValidationError.class)
    public Customer create(NewCustomer command) {
        Instant now = now();
        Customer customer = new Customer(UUID.randomUUID(), command.organizationId(), command.email().strip(), false,
                command.name(), command.billingName(), command.billingAddress(), command.taxId(), command.locale(),
                command.externalId(), null, command.metadata(), now, null, null);
        if (!customers.insertIfNoConflict(customer)) {
            throw conflict(command.organizationId(), customer.email(), customer.externalId());
        }
        webhook(customer, WebhookEventType.CUSTOMER_CREATED);
        return customer;
    }

    /** Applies a confirmed checkout's customer data (see {@link CheckoutCustomerUpdate}) under a row lock. */
    @Transactional
    public Customer updateFromCheckout(UUID customerId, CheckoutCustomerUpdate update) {
        Customer current = customers.lockById(customerId).orElseThrow(() -> new IllegalArgumentException("no customer " + customerId));
        Map<String, Object> metadata = new LinkedHashMap<>(current.metadata());
        if (update.metadata() != null) {
            metadata.putAll(update.metadata());
        }
        Customer updated = new Customer(current.id(), current.organizationId(), current.email(), current.emailVerified(),
                current.name() == null || current.name().isBlank() ? update.name() : current.name(),
                update.billingName() != null ? update.billingName() : current.billingName(),
                update.billingAddress() != null ? update.billingAddress() : current.billingAddress(),
                update.taxId() != null ? update.taxId() : current.taxId(),
                update.locale() != null ? update.locale() : current.locale(),
                current.externalId(),
                update.stripeCustomerId() != null ? update.stripeCustomerId() : current.stripeCustomerId(),
                metadata, current.createdAt(), now(), current.deletedAt());
        customers.update(updated);
        if (!java.util.Arrays.asList(current.name(), current.billingName(), current.billingAddress(), current.taxId(),
                current.locale(), current.metadata()).equals(java.util.Arrays.asList(updated.name(), updated.billingName(),
                updated.billingAddress(), updated.taxId(), updated.locale(), updated.metadata()))) {
            webhook(updated, WebhookEventType.CUSTOMER_UPDATED);
        }
        return updated;
    }

    /** The payment processor's customer of this customer, once a payment saved it there. */
    @Transactional
    public void recordProcessorCustomer(UUID customerId, String processorCustomerId) {
        customers.setStripeCustomerId(customerId, processorCustomerId, now());
    }

    /** A new portal session for the customer; returns the raw token ({@code polar_cst_...}), valid one hour. */
    @Transactional
    public String issueSession(UUID customerId) {
        return sessions.issue(customerId).token();
    }

    // --- merchant API ------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    ListResource<dev.kassa.customer.schemas.Customer> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = customers.count(filter);
        return ListResource.of(customers.list(filter, page, sorting).stream().map(CustomerSchemas::customer).toList(), total, page);
    }

    @Transactional(readOnly = true)
    dev.kassa.customer.schemas.Customer get(OrganizationAccess access, UUID id) {
        return CustomerSchemas.customer(customers.findLive(access.organizationId(), id).orElseThrow(ResourceNotFound::new));
    }

    @Transactional(readOnly = true)
    dev.kassa.customer.schemas.Customer getExternal(OrganizationAccess access, String externalId) {
        return CustomerSchemas.customer(customers.findByExternalId(access.organizationId(), externalId, false)
                .orElseThrow(ResourceNotFound::new));
    }

    @Transactional
    dev.kassa.customer.schemas.Customer create(OrganizationAccess access, CustomerCreate command) {
        UUID organizationId = access.requireOwnOrganization(command.organizationId(), List.of("body", "organization_id"));
        ValidationErrors errors = new ValidationErrors();
        if (customers.findByEmail(organizationId, command.email()).isPresent()) {
            errors.add("value_error", List.of("body", "email"), EMAIL_TAKEN, command.email());
        }
        if (command.externalId() != null && customers.findByExternalId(organizationId, command.externalId(), false).isPresent()) {
            errors.add("value_error", List.of("body", "external_id"), EXTERNAL_ID_TAKEN, command.externalId());
        }
        errors.throwIfAnyFromService();
        TaxId taxId = command.taxId() == null ? null : validateTaxId(command.taxId(), command.billingAddress());
        Customer created = create(new NewCustomer(organizationId, command.email(), command.externalId(), command.name(),
                null, command.billingAddress(), taxId, null, command.metadata()));
        return CustomerSchemas.customer(created);
    }

    @Transactional
    dev.kassa.customer.schemas.Customer update(OrganizationAccess access, UUID id, CustomerUpdate command) {
        return CustomerSchemas.customer(update(customers.findLiveForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new), command));
    }

    @Transactional
    dev.kassa.customer.schemas.Customer updateExternal(OrganizationAccess access, String externalId, CustomerUpdate command) {
        return CustomerSchemas.customer(update(customers.findByExternalId(access.organizationId(), externalId, true)
                .orElseThrow(ResourceNotFound::new), command));
    }

    @Transactional
    void delete(OrganizationAccess access, UUID id) {
        Customer customer = customers.findLiveForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        delete(customer);
    }

    @Transactional
    void deleteExternal(OrganizationAccess access, String externalId) {
        Customer customer = customers.findByExternalId(access.organizationId(), externalId, true).orElseThrow(ResourceNotFound::new);
        delete(customer);
    }

    /** Soft-deletes the customer and, as Polar does, revokes its subscriptions that could still be billed. */
    private void delete(Customer customer) {
        customers.softDelete(customer.id(), now());
        webhook(customer, WebhookEventType.CUSTOMER_DELETED);
        subscriptionChanges.getObject().revokeAllOfCustomer(customer.organizationId(), customer.id());
    }

    /** The session's own customer, for the portal. */
    @Transactional(readOnly = true)
    CustomerPortalCustomer portalMe(UUID organizationId, UUID customerId) {
        return CustomerSchemas.portal(customers.findLive(organizationId, customerId).orElseThrow(ResourceNotFound::new));
    }

    private Customer update(Customer current, CustomerUpdate command) {
        ValidationErrors errors = new ValidationErrors();
        String email = current.email();
        boolean emailVerified = current.emailVerified();
        if (command.email().present() && command.email().value() != null
                && !current.email().equalsIgnoreCase(command.email().value())) {
            if (customers.findByEmail(current.organizationId(), command.email().value()).isPresent()) {
                errors.add("value_error", List.of("body", "email"), EMAIL_TAKEN, command.email().value());
            }
            email = command.email().value();
            emailVerified = false;
        }
        if (command.billingAddress().present() && command.billingAddress().value() == null) {
            errors.add("value_error", List.of("body", "billing_address"),
                    "Customer billing address cannot be reset to null once set.", null);
        }
        String externalId = current.externalId();
        if (command.externalId().present() && !java.util.Objects.equals(current.externalId(), command.externalId().value())) {
            if (current.externalId() != null) {
                errors.add("value_error", List.of("body", "external_id"), "Customer external ID cannot be updated.",
                        command.externalId().value());
            } else if (command.externalId().value() != null
                    && customers.findByExternalId(current.organizationId(), command.externalId().value(), false).isPresent()) {
                errors.add("value_error", List.of("body", "external_id"), EXTERNAL_ID_TAKEN, command.externalId().value());
            }
            externalId = command.externalId().value();
        }
        errors.throwIfAnyFromService();

        Address address = command.billingAddress().present() ? command.billingAddress().value() : current.billingAddress();
        TaxId taxId = current.taxId();
        String rawTaxId = command.taxId().present() && command.taxId().value() != null ? command.taxId().value()
                : current.taxId() == null ? null : current.taxId().value();
        if (rawTaxId != null) {
            taxId = validateTaxId(rawTaxId, address);
        }
        Map<String, Object> metadata = command.metadata() != null ? command.metadata() : current.metadata();
        Customer updated = new Customer(current.id(), current.organizationId(), email, emailVerified,
                command.name().present() ? command.name().value() : current.name(), current.billingName(), address, taxId,
                current.locale(), externalId, current.stripeCustomerId(), metadata, current.createdAt(), now(), null);
        customers.update(updated);
        webhook(updated, WebhookEventType.CUSTOMER_UPDATED);
        return updated;
    }

    /**
     * Records a webhook event of the customer; its data, the API's {@code Customer}, is read again at commit. As in
     * Polar, a customer's creation, update or deletion is also a {@code customer.state_changed} (its
     * {@code CustomerState}, as of the commit; a deleted customer's too).
     */
    private void webhook(Customer customer, WebhookEventType type) {
        UUID organizationId = customer.organizationId();
        UUID id = customer.id();
        webhooks.record(organizationId, type, id, () -> CustomerSchemas.customer(customers.findById(id).orElseThrow()));
        webhooks.record(organizationId, WebhookEventType.CUSTOMER_STATE_CHANGED, id, () -> CustomerSchemas.state(
                customers.findById(id).orElseThrow(), subscriptions.getObject().findActiveByCustomer(organizationId, id)));
    }

    private static TaxId validateTaxId(String number, Address address) {
        if (address == null) {
            throw RequestValidationError.service("missing", List.of("body", "billing_address"), TaxIds.COUNTRY_REQUIRED, null);
        }
        return TaxIds.validate(number, address.country()).orElseThrow(() ->
                RequestValidationError.service("invalid", List.of("body", "tax_id"), TaxIds.INVALID_TAX_ID, number));
    }

    private RequestValidationError conflict(UUID organizationId, String email, String externalId) {
        if (externalId != null && customers.findByExternalId(organizationId, externalId, false).isPresent()
                && customers.findByEmail(organizationId, email).isEmpty()) {
            return RequestValidationError.service("value_error", List.of("body", "external_id"), EXTERNAL_ID_TAKEN, externalId);
        }
        return RequestValidationError.service("value_error", List.of("body", "email"), EMAIL_TAKEN, email);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
