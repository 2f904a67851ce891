package dev.kassa.order.schemas;

import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.discount.Discount;
import dev.kassa.discount.schemas.DiscountEmbeds;
import dev.kassa.order.ReceiptNumbers;
import dev.kassa.organization.Organization;
import dev.kassa.product.Product;
import dev.kassa.product.schemas.ProductSchemas;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.schemas.SubscriptionSchemas;
import java.util.List;

/** Builds the order's response records. */
public final class OrderSchemas {

    private OrderSchemas() {
    }

    public static Order merchant(dev.kassa.order.Order o, dev.kassa.customer.Customer customer, Product product,
            Discount discount, Subscription subscription, boolean invoiceGenerated) {
        return new Order(base(o, product, invoiceGenerated), o.metadata(), o.customFieldData(), CustomerSchemas.customer(customer),
                ProductSchemas.order(product), discount == null ? null : DiscountEmbeds.base(discount),
                subscription == null ? null : SubscriptionSchemas.order(subscription), items(o));
    }

    public static CustomerOrder portal(dev.kassa.order.Order o, Product product, Organization organization,
            Subscription subscription, boolean invoiceGenerated) {
        return new CustomerOrder(base(o, product, invoiceGenerated), ProductSchemas.customerPortal(product, organization),
                subscription == null ? null : SubscriptionSchemas.customerOrder(subscription), items(o));
    }

    /** What is refundable is what succeeded refunds have not given back yet (as Polar, pending refunds are not subtracted). */
    private static OrderBase base(dev.kassa.order.Order o, Product product, boolean invoiceGenerated) {
        long appliedBalance = 0;
        long refunded = o.refundedAmount();
        long refundedTax = o.refundedTaxAmount();
        return new OrderBase(o.id(), o.createdAt(), o.modifiedAt(), o.status(), !"pending".equals(o.status()), o.subtotalAmount(),
                o.discountAmount(), o.netAmount(), o.netAmount(), o.taxAmount(), o.totalAmount(), appliedBalance,
                Math.max(0, o.totalAmount() + appliedBalance), refunded, refundedTax, o.currency(),
                o.billingReason().wireName(), o.billingName(),
                o.billingAddress() == null ? null : o.billingAddress().toJson(), o.invoiceNumber(), invoiceGenerated,
                ReceiptNumbers.of(o).orElse(null), null,
                null, o.customerId(), o.productId(), o.productPriceId(), o.discountId(), o.subscriptionId(),
                o.checkoutId(), o.customerId(), 0, null, description(o, product),
                Math.max(0, o.netAmount() + appliedBalance - refunded), Math.max(0, o.taxAmount() - refundedTax));
    }

    /** Polar's: the product's name, else the first item's label. */
    private static String description(dev.kassa.order.Order o, Product product) {
        if (product != null) {
            return product.name();
        }
        return o.items().isEmpty() ? "" : o.items().getFirst().label();
    }

    private static List<OrderItemSchema> items(dev.kassa.order.Order o) {
        return o.items().stream().map(i -> new OrderItemSchema(i.createdAt(), null, i.id(), i.label(), i.amount(),
                i.taxAmount(), i.proration(), i.productPriceId(), i.periodStart(), i.periodEnd())).toList();
    }
}
