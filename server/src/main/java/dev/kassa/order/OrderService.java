package dev.kassa.order;

import dev.kassa.order.schemas.CustomerOrder;
import dev.kassa.order.schemas.OrderSchemas;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerService;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.order.Order.Item;
import dev.kassa.order.OrderRepository.ListFilter;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.product.Product;
import dev.kassa.product.ProductService;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Orders: created by successful checkouts, read by merchants ({@code /v1/orders}) and buyers (the portal). */
@Service
public class OrderService {

    private final OrderRepository orders;
    private final CustomerService customers;
    private final ProductService products;
    private final DiscountService discounts;
    private final SubscriptionService subscriptions;
    private final OrganizationService organizations;
    private final Clock clock;
    private final WebhookEvents webhooks;
    private final OrderDocumentRepository documents;

    OrderService(OrderRepository orders, CustomerService customers, ProductService products, DiscountService discounts,
            SubscriptionService subscriptions, OrganizationService organizations, Clock clock, WebhookEvents webhooks,
            OrderDocumentRepository documents) {
        this.webhooks = webhooks;
        this.documents = documents;
        this.orders = orders;
        this.customers = customers;
        this.products = products;
        this.discounts = discounts;
        this.subscriptions = subscriptions;
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * Creates the paid order of a checkout, or returns the order already created for {@code draft.checkoutId()} (the
     * unique {@code checkout_id} with {@code ON CONFLICT DO NOTHING} decides between concurrent calls). The order
     * takes the organization's next invoice number ({@code <SLUG>-0001}, ...) just before the transaction commits:
     * the counter row is locked only from then to the commit, so concurrent orders get distinct consecutive numbers
     * without queueing behind each other's whole transactions (the returned order has no number yet).
     */
    @Transactional
    public Order createForCheckout(OrderDraft draft) {
        Order order = newOrder(draft, draft.checkoutId(), "paid", draft.stripePaymentIntentId(), draft.stripeChargeId());
        if (!orders.insertIfNew(order)) {
            return orders.findByCheckoutId(draft.checkoutId()).orElseThrow();
        }
        numberAtCommit(order);
        // Kassa's orders are paid when created: Polar sends both events for such an order.
        webhooks.record(order.organizationId(), WebhookEventType.ORDER_CREATED, order.id(), () -> get(order.organizationId(), order.id()));
        webhooks.record(order.organizationId(), WebhookEventType.ORDER_PAID, order.id(), () -> get(order.organizationId(), order.id()));
        return order;
    }

    /** The order a draft describes, with its net and total amounts derived and new ids for it and its items. */
    private Order newOrder(OrderDraft draft, UUID checkoutId, String status, String paymentIntentId, String chargeId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long net = draft.subtotalAmount() - draft.discountAmount();
        List<Item> items = draft.items().stream().map(i -> new Item(UUID.randomUUID(), i.label(), i.amount(), i.taxAmount(),
                i.proration(), i.productPriceId(), i.periodStart(), i.periodEnd(), now)).toList();
        return new Order(UUID.randomUUID(), draft.organizationId(), draft.customerId(), draft.productId(),
                draft.productPriceId(), draft.discountId(), checkoutId, draft.subscriptionId(), status,
                draft.billingReason(), draft.subtotalAmount(), draft.discountAmount(), net, draft.taxAmount(),
                net + draft.taxAmount(), draft.currency(), draft.billingName(), draft.billingAddress(), draft.taxId(),
                null, draft.customFieldData() == null ? Map.of() : draft.customFieldData(),
                draft.metadata() == null ? Map.of() : draft.metadata(), paymentIntentId, chargeId, now, null, items);
    }

    /**
     * The order takes the organization's next invoice number just before the transaction commits, so the counter row
     * is locked only from then to the commit; and before the webhook outbox renders the order's payload at commit,
     * so that it carries the number.
     */
    private void numberAtCommit(Order order) {
        Organization organization = organizations.findById(order.organizationId()).orElseThrow();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                orders.assignInvoiceNumber(order.id(), organization.id(), invoicePrefix(organization));
            }
        });
    }

    /** Polar's {@code <customer_invoice_prefix>-<4-digit number>}; the prefix is the upper-cased organization slug. */
    static String invoicePrefix(Organization organization) {
        return organization.slug().toUpperCase(Locale.ROOT) + "-";
    }

    @Transactional(readOnly = true)
    ListResource<dev.kassa.order.schemas.Order> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = orders.count(filter);
        return ListResource.of(merchantViews(filter.organizationId(), orders.list(filter, page, sorting)), total, page);
    }

    @Transactional(readOnly = true)
    dev.kassa.order.schemas.Order get(UUID organizationId, UUID id) {
        Order order = orders.findById(organizationId, id, null).orElseThrow(ResourceNotFound::new);
        return merchantViews(organizationId, List.of(order)).getFirst();
    }

    @Transactional(readOnly = true)
    ListResource<CustomerOrder> portalList(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = orders.count(filter);
        return ListResource.of(portalViews(filter.organizationId(), orders.list(filter, page, sorting)), total, page);
    }

    @Transactional(readOnly = true)
    CustomerOrder portalGet(UUID organizationId, UUID customerId, UUID id) {
        Order order = orders.findById(organizationId, id, customerId).orElseThrow(ResourceNotFound::new);
        return portalViews(organizationId, List.of(order)).getFirst();
    }

    /** The views of a page of orders, with one bulk lookup per related kind. */
    private List<dev.kassa.order.schemas.Order> merchantViews(UUID organizationId, List<Order> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<UUID, Product> productById = products.findProducts(organizationId, ids(list, Order::productId));
        Map<UUID, Subscription> subscriptionById = subscriptions.findAllByIds(organizationId, ids(list, Order::subscriptionId));
        Map<UUID, Customer> customerById = customers.findAllByIds(organizationId, ids(list, Order::customerId));
        Set<UUID> discountIds = ids(list, Order::discountId);
        Map<UUID, Discount> discountById = discountIds.isEmpty() ? Map.of() : discounts.findAllByIds(organizationId, discountIds);
        Set<UUID> invoiced = documents.withInvoice(ids(list, Order::id));
        return list.stream().map(o -> OrderSchemas.merchant(o, customerById.get(o.customerId()),
                productById.get(o.productId()), o.discountId() == null ? null : discountById.get(o.discountId()),
                subscriptionById.get(o.subscriptionId()), invoiced.contains(o.id()))).toList();
    }

    private List<CustomerOrder> portalViews(UUID organizationId, List<Order> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<UUID, Product> productById = products.findProducts(organizationId, ids(list, Order::productId));
        Map<UUID, Subscription> subscriptionById = subscriptions.findAllByIds(organizationId, ids(list, Order::subscriptionId));
        Organization organization = organizations.findById(organizationId).orElseThrow();
        Set<UUID> invoiced = documents.withInvoice(ids(list, Order::id));
        return list.stream().map(o -> OrderSchemas.portal(o, productById.get(o.productId()), organization,
                subscriptionById.get(o.subscriptionId()), invoiced.contains(o.id()))).toList();
    }

    private static Set<UUID> ids(List<Order> list, Function<Order, UUID> id) {
        return list.stream().map(id).filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The order, row-locked until the transaction ends, so that the refunds of one order are decided one at a time.
     * Empty when the organization has no such order.
     */
    @Transactional
    public Optional<Order> lockForRefund(UUID organizationId, UUID orderId) {
        return orders.lockById(organizationId, orderId);
    }

    /**
     * Adds a refund that succeeded to the order's refunded amounts ({@code amount} and {@code taxAmount} negative
     * take back one that failed after succeeding), with Polar's status: {@code paid} when nothing is refunded,
     * {@code refunded} once the whole net amount is, {@code partially_refunded} in between. Sends
     * {@code order.updated}, and {@code order.refunded} when money went back. The caller holds the order's lock.
     */
    @Transactional
    public Order recordRefund(UUID organizationId, UUID orderId, long amount, long taxAmount) {
        Order order = orders.findById(organizationId, orderId, null).orElseThrow(ResourceNotFound::new);
        long refunded = order.refundedAmount() + amount;
        long refundedTax = order.refundedTaxAmount() + taxAmount;
        String status = refunded <= 0 ? "paid" : refunded >= order.netAmount() ? "refunded" : "partially_refunded";
        orders.updateRefunds(orderId, refunded, refundedTax, status, clock.instant().truncatedTo(ChronoUnit.MICROS));
        webhooks.record(organizationId, WebhookEventType.ORDER_UPDATED, orderId, () -> get(organizationId, orderId));
        if (amount > 0) {
            webhooks.record(organizationId, WebhookEventType.ORDER_REFUNDED, orderId, () -> get(organizationId, orderId));
        }
        return orders.findById(organizationId, orderId, null).orElseThrow();
    }

    // --- renewals (issue 11) ----------------------------------------------------------------------------------

    /**
     * Creates a renewal's order ({@code billing_reason} {@code subscription_cycle}, no checkout) as {@code pending},
     * as Polar does before it charges the order: event {@code order.created}. It takes the organization's next
     * invoice number at commit, as {@link #createForCheckout} does. {@link #markRenewalPaid} pays it.
     */
    @Transactional
    public Order createPendingForRenewal(OrderDraft draft) {
        Order order = newOrder(draft, null, "pending", null, null);
        orders.insertIfNew(order);
        numberAtCommit(order);
        webhooks.record(order.organizationId(), WebhookEventType.ORDER_CREATED, order.id(), () -> get(order.organizationId(), order.id()));
        return order;
    }

    /**
     * A renewal's pending order was paid (by {@code stripePaymentIntentId}, null for a $0 order): {@code paid},
     * events {@code order.updated} and {@code order.paid}. True the first time; an order no longer pending is left
     * as it is.
     */
    @Transactional
    public boolean markRenewalPaid(UUID organizationId, UUID orderId, String stripePaymentIntentId) {
        if (!orders.markPaid(orderId, stripePaymentIntentId, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            return false;
        }
        webhooks.record(organizationId, WebhookEventType.ORDER_UPDATED, orderId, () -> get(organizationId, orderId));
        webhooks.record(organizationId, WebhookEventType.ORDER_PAID, orderId, () -> get(organizationId, orderId));
        return true;
    }
}
