package dev.kassa.order;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerView;
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
import dev.kassa.subscription.SubscriptionViews;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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

    OrderService(OrderRepository orders, CustomerService customers, ProductService products, DiscountService discounts,
            SubscriptionService subscriptions, OrganizationService organizations, Clock clock) {
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
        if (draft.checkoutId() != null) {
            Optional<Order> existing = orders.findByCheckoutId(draft.checkoutId());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Organization organization = organizations.findById(draft.organizationId()).orElseThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long net = draft.subtotalAmount() - draft.discountAmount();
        List<Item> items = draft.items().stream().map(i -> new Item(UUID.randomUUID(), i.label(), i.amount(), i.taxAmount(),
                i.proration(), i.productPriceId(), now)).toList();
        Order order = new Order(UUID.randomUUID(), draft.organizationId(), draft.customerId(), draft.productId(),
                draft.productPriceId(), draft.discountId(), draft.checkoutId(), draft.subscriptionId(), "paid",
                draft.billingReason(), draft.subtotalAmount(), draft.discountAmount(), net, draft.taxAmount(),
                net + draft.taxAmount(), draft.currency(), draft.billingName(), draft.billingAddress(), draft.taxId(),
                null, draft.customFieldData() == null ? Map.of() : draft.customFieldData(),
                draft.metadata() == null ? Map.of() : draft.metadata(), draft.stripePaymentIntentId(),
                draft.stripeChargeId(), now, null, items);
        if (!orders.insertIfNew(order)) {
            return orders.findByCheckoutId(draft.checkoutId()).orElseThrow();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                orders.assignInvoiceNumber(order.id(), organization.id(), invoicePrefix(organization));
            }
        });
        return order;
    }

    /** Polar's {@code <customer_invoice_prefix>-<4-digit number>}; the prefix is the upper-cased organization slug. */
    static String invoicePrefix(Organization organization) {
        return organization.slug().toUpperCase(Locale.ROOT) + "-";
    }

    @Transactional(readOnly = true)
    ListResource<Map<String, Object>> list(ListFilter filter, PageRequest page, List<Sort> sorting, boolean portal) {
        long total = orders.count(filter);
        return ListResource.of(views(filter.organizationId(), orders.list(filter, page, sorting), portal), total, page);
    }

    @Transactional(readOnly = true)
    Map<String, Object> get(UUID organizationId, UUID id, UUID customerId, boolean portal) {
        Order order = orders.findById(organizationId, id, customerId).orElseThrow(ResourceNotFound::new);
        return views(organizationId, List.of(order), portal).getFirst();
    }

    /** Builds the views of a page of orders with one bulk lookup per related kind. */
    private List<Map<String, Object>> views(UUID organizationId, List<Order> list, boolean portal) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<UUID, Product> productById = products.findProducts(organizationId, ids(list, Order::productId));
        Map<UUID, Subscription> subscriptionById = subscriptions.findAllByIds(organizationId, ids(list, Order::subscriptionId));
        if (portal) {
            Organization organization = organizations.findById(organizationId).orElseThrow();
            return list.stream().map(o -> OrderViews.portal(o, productById.get(o.productId()), organization,
                    subscriptionById.get(o.subscriptionId()))).toList();
        }
        Map<UUID, Customer> customerById = customers.findAllByIds(organizationId, ids(list, Order::customerId));
        Set<UUID> discountIds = ids(list, Order::discountId);
        Map<UUID, Discount> discountById = discountIds.isEmpty() ? Map.of() : discounts.findAllByIds(organizationId, discountIds);
        return list.stream().map(o -> OrderViews.merchant(o, CustomerView.of(customerById.get(o.customerId())),
                productById.get(o.productId()), o.discountId() == null ? null : discountById.get(o.discountId()),
                subscriptionById.get(o.subscriptionId()))).toList();
    }

    private static Set<UUID> ids(List<Order> list, Function<Order, UUID> id) {
        return list.stream().map(id).filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static final class OrderViews {

        private OrderViews() {
        }

        /** Polar's {@code Order}. */
        static Map<String, Object> merchant(Order o, CustomerView customer, Product product, Discount discount,
                Subscription subscription) {
            Map<String, Object> json = base(o);
            json.put("metadata", o.metadata());
            json.put("custom_field_data", o.customFieldData());
            json.put("billing_reason", o.billingReason().wireName());
            json.put("billing_name", o.billingName());
            json.put("billing_address", o.billingAddress() == null ? null : o.billingAddress().toJson());
            json.put("invoice_number", o.invoiceNumber());
            json.put("discount_id", o.discountId());
            json.put("checkout_id", o.checkoutId());
            json.put("customer", customer);
            json.put("product", SubscriptionViews.orderProduct(product));
            json.put("discount", discount == null ? null : SubscriptionViews.discount(discount));
            json.put("subscription", subscription == null ? null : SubscriptionViews.base(subscription, true));
            json.put("items", items(o));
            return json;
        }

        /** Polar's {@code CustomerOrder}: no metadata, discount or customer. */
        static Map<String, Object> portal(Order o, Product product, Organization organization, Subscription subscription) {
            Map<String, Object> json = base(o);
            json.put("invoice_number", o.invoiceNumber());
            json.put("product", SubscriptionViews.portalProduct(product, organization));
            json.put("subscription", subscription == null ? null : SubscriptionViews.base(subscription, false));
            json.put("items", items(o));
            return json;
        }

        private static Map<String, Object> base(Order o) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("created_at", o.createdAt());
            json.put("modified_at", o.modifiedAt());
            json.put("id", o.id());
            json.put("status", o.status());
            json.put("paid", true);
            json.put("subtotal_amount", o.subtotalAmount());
            json.put("discount_amount", o.discountAmount());
            json.put("net_amount", o.netAmount());
            json.put("amount", o.netAmount());
            json.put("tax_amount", o.taxAmount());
            json.put("total_amount", o.totalAmount());
            json.put("refunded_amount", 0);
            json.put("refunded_tax_amount", 0);
            json.put("currency", o.currency());
            json.put("customer_id", o.customerId());
            json.put("product_id", o.productId());
            json.put("product_price_id", o.productPriceId());
            json.put("subscription_id", o.subscriptionId());
            json.put("user_id", o.customerId());
            return json;
        }

        private static List<Map<String, Object>> items(Order o) {
            return o.items().stream().map(i -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("created_at", i.createdAt());
                item.put("modified_at", null);
                item.put("id", i.id());
                item.put("label", i.label());
                item.put("amount", i.amount());
                item.put("tax_amount", i.taxAmount());
                item.put("proration", i.proration());
                item.put("product_price_id", i.productPriceId());
                return item;
            }).toList();
        }
    }
}
