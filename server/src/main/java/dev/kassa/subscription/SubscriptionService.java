package dev.kassa.subscription;

import dev.kassa.subscription.schemas.CustomerSubscription;
import dev.kassa.subscription.schemas.SubscriptionSchemas;
import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerService;
import dev.kassa.customfield.CustomField;
import dev.kassa.customfield.CustomFieldService;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.product.Product;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import dev.kassa.subscription.Subscription.Status;
import dev.kassa.subscription.SubscriptionRepository.ListFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions: created by successful checkouts of recurring products, read by merchants and buyers. */
@Service
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final CustomerService customers;
    private final ProductService products;
    private final DiscountService discounts;
    private final CustomFieldService customFields;
    private final OrganizationService organizations;
    private final Clock clock;
    private final WebhookEvents webhooks;

    SubscriptionService(SubscriptionRepository subscriptions, CustomerService customers, ProductService products,
            DiscountService discounts, CustomFieldService customFields, OrganizationService organizations, Clock clock,
            WebhookEvents webhooks) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.products = products;
        this.discounts = discounts;
        this.customFields = customFields;
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * Creates the checkout's subscription, or returns the one already created for {@code draft.checkoutId()}: at most
     * one subscription per checkout, enforced by the unique {@code checkout_id} and {@code ON CONFLICT DO NOTHING}
     * (a concurrent second call waits for the first to commit, then returns its subscription).
     */
    @Transactional
    public Subscription createForCheckout(SubscriptionDraft draft) {
        if (draft.checkoutId() != null) {
            Optional<Subscription> existing = subscriptions.findByCheckoutId(draft.checkoutId());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = now();
        boolean trialing = draft.trialEnd() != null;
        Instant periodEnd = trialing ? draft.trialEnd() : periodEnd(now, draft.interval(), draft.intervalCount());
        Subscription subscription = new Subscription(UUID.randomUUID(), draft.organizationId(), draft.customerId(),
                draft.productId(), draft.priceId(), trialing ? Status.TRIALING : Status.ACTIVE, draft.amount(),
                draft.currency(), draft.interval(), draft.intervalCount(), now, periodEnd, trialing ? now : null,
                draft.trialEnd(), false, now, null, null, null, draft.discountId(), draft.checkoutId(),
                draft.customFieldData() == null ? Map.of() : draft.customFieldData(),
                draft.metadata() == null ? Map.of() : draft.metadata(), now, null, null, null, null,
                draft.stripePaymentMethodId());
        if (subscriptions.insertIfNew(subscription)) {
            UUID organizationId = subscription.organizationId();
            webhooks.record(organizationId, WebhookEventType.SUBSCRIPTION_CREATED, subscription.id(), () -> get(organizationId, subscription.id()));
            if (subscription.status() == Status.ACTIVE) {
                webhooks.record(organizationId, WebhookEventType.SUBSCRIPTION_ACTIVE, subscription.id(), () -> get(organizationId, subscription.id()));
            }
            // The customer's state (its active subscriptions) changed: Polar's customer.state_changed, as of the commit.
            UUID customerId = subscription.customerId();
            webhooks.record(organizationId, WebhookEventType.CUSTOMER_STATE_CHANGED, customerId, () -> CustomerSchemas.state(
                    customers.findById(organizationId, customerId).orElseThrow(),
                    subscriptions.findActiveByCustomer(organizationId, customerId)));
            return subscription;
        }
        return subscriptions.findByCheckoutId(draft.checkoutId()).orElseThrow();
    }

    /** The end of a period starting at {@code start}: calendar arithmetic in UTC, month ends clamped. */
    public static Instant periodEnd(Instant start, RecurringInterval interval, int count) {
        ZonedDateTime at = start.atZone(ZoneOffset.UTC);
        ZonedDateTime end = switch (interval) {
            case DAY -> at.plusDays(count);
            case WEEK -> at.plusWeeks(count);
            case MONTH -> at.plusMonths(count);
            case YEAR -> at.plusYears(count);
        };
        return end.toInstant();
    }

    /** The organization's subscriptions with these ids (for orders that embed their subscription). */
    @Transactional(readOnly = true)
    public Map<UUID, Subscription> findAllByIds(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, Subscription> found = new LinkedHashMap<>();
        subscriptions.findAllByIds(organizationId, ids).forEach(s -> found.put(s.id(), s));
        return found;
    }

    /**
     * Polar's subscription uniqueness: whether the customer (or, with no customer yet, a live customer with this
     * email, case-insensitive) already has a billable subscription (active, trialing or past_due) with the
     * organization, on any of its products.
     */
    @Transactional(readOnly = true)
    public boolean hasBillableSubscription(UUID organizationId, UUID customerId, String email) {
        if (customerId == null && email == null) {
            return false;
        }
        return subscriptions.existsBillable(organizationId, customerId, email);
    }

    /** The customer's active and trialing subscriptions (for the customer state), oldest first. */
    @Transactional(readOnly = true)
    public List<Subscription> findActiveByCustomer(UUID organizationId, UUID customerId) {
        return subscriptions.findActiveByCustomer(organizationId, customerId);
    }

    @Transactional(readOnly = true)
    public Optional<Subscription> findById(UUID organizationId, UUID id) {
        return subscriptions.findById(organizationId, id, null);
    }

    // --- merchant and portal reads -----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    ListResource<dev.kassa.subscription.schemas.Subscription> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = subscriptions.count(filter);
        return ListResource.of(merchantViews(filter.organizationId(), subscriptions.list(filter, page, sorting)), total, page);
    }

    @Transactional(readOnly = true)
    dev.kassa.subscription.schemas.Subscription get(UUID organizationId, UUID id) {
        Subscription s = subscriptions.findById(organizationId, id, null).orElseThrow(ResourceNotFound::new);
        return merchantViews(organizationId, List.of(s)).getFirst();
    }

    @Transactional(readOnly = true)
    ListResource<CustomerSubscription> portalList(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = subscriptions.count(filter);
        return ListResource.of(portalViews(filter.organizationId(), subscriptions.list(filter, page, sorting)), total, page);
    }

    @Transactional(readOnly = true)
    CustomerSubscription portalGet(UUID organizationId, UUID customerId, UUID id) {
        Subscription s = subscriptions.findById(organizationId, id, customerId).orElseThrow(ResourceNotFound::new);
        return portalViews(organizationId, List.of(s)).getFirst();
    }

    private List<dev.kassa.subscription.schemas.Subscription> merchantViews(UUID organizationId, List<Subscription> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<UUID, Customer> customerById = customers.findAllByIds(organizationId, ids(list, Subscription::customerId));
        Map<UUID, Product> productById = products.findProducts(organizationId, ids(list, Subscription::productId));
        Set<UUID> fieldIds = new HashSet<>();
        productById.values().forEach(p -> p.attachedCustomFields().forEach(f -> fieldIds.add(f.customFieldId())));
        Map<UUID, CustomField> fields = fieldIds.isEmpty() ? Map.of() : customFields.findByIds(organizationId, fieldIds);
        Set<UUID> discountIds = ids(list, Subscription::discountId);
        Map<UUID, Discount> discountById = discountIds.isEmpty() ? Map.of() : discounts.findAllByIds(organizationId, discountIds);
        return list.stream().map(s -> {
            Product product = productById.get(s.productId());
            return SubscriptionSchemas.merchant(s, customerById.get(s.customerId()), product, fields,
                    s.discountId() == null ? null : discountById.get(s.discountId()), price(organizationId, product, s));
        }).toList();
    }

    private List<CustomerSubscription> portalViews(UUID organizationId, List<Subscription> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Organization organization = organizations.findById(organizationId).orElseThrow();
        Map<UUID, Product> productById = products.findProducts(organizationId, ids(list, Subscription::productId));
        return list.stream().map(s -> {
            Product product = productById.get(s.productId());
            return SubscriptionSchemas.portal(s, product, organization, price(organizationId, product, s));
        }).toList();
    }

    /** The subscription's price: from the product's active prices, or (archived since) looked up on its own. */
    private ProductPrice price(UUID organizationId, Product product, Subscription s) {
        boolean active = product.prices().stream().anyMatch(p -> p.id().equals(s.priceId()));
        if (active) {
            return product.prices().stream().filter(p -> p.id().equals(s.priceId())).findFirst().orElseThrow();
        }
        return products.findPrice(organizationId, s.priceId()).orElse(null);
    }

    private static Set<UUID> ids(List<Subscription> list, java.util.function.Function<Subscription, UUID> id) {
        return list.stream().map(id).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
