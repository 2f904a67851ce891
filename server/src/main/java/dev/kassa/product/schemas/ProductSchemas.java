package dev.kassa.product.schemas;

import dev.kassa.customfield.CustomField;
import dev.kassa.organization.Organization;
import dev.kassa.organization.schemas.OrganizationSchemas;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the product's response records from the catalog, one builder for every schema that embeds a product. */
public final class ProductSchemas {

    private ProductSchemas() {
    }

    /** The merchant's {@code Product}; custom fields missing from {@code fields} (deleted since) are left out. */
    public static Product product(dev.kassa.product.Product product, Map<UUID, CustomField> fields, boolean deletable) {
        List<AttachedCustomField> attached = product.attachedCustomFields().stream()
                .filter(f -> fields.containsKey(f.customFieldId()))
                .map(f -> new AttachedCustomField(f.customFieldId(), fields.get(f.customFieldId()), f.order(), f.required()))
                .toList();
        return new Product(base(product), product.metadata(), deletable, prices(product), List.of(), List.of(), attached);
    }

    public static CheckoutProduct checkout(dev.kassa.product.Product product) {
        return new CheckoutProduct(base(product), prices(product), List.of(), List.of());
    }

    public static CheckoutLinkProduct checkoutLink(dev.kassa.product.Product product) {
        return new CheckoutLinkProduct(product.metadata(), base(product), prices(product), List.of(), List.of());
    }

    public static OrderProduct order(dev.kassa.product.Product product) {
        return new OrderProduct(product.metadata(), base(product));
    }

    /** The product of an order or a subscription, as the customer portal shows it. */
    public static CustomerPortalProduct customerPortal(dev.kassa.product.Product product, Organization organization) {
        return new CustomerPortalProduct(base(product), prices(product), List.of(), List.of(),
                OrganizationSchemas.customer(organization));
    }

    /** The product's active prices, in order. */
    public static List<ProductPrice> prices(dev.kassa.product.Product product) {
        return product.prices().stream().map(price -> price(price, product)).toList();
    }

    /** One price of the product (possibly archived). {@code type} and {@code recurring_interval} mirror the product. */
    public static ProductPrice price(dev.kassa.product.ProductPrice price, dev.kassa.product.Product product) {
        String interval = interval(product);
        String type = interval == null ? "one_time" : "recurring";
        String taxBehavior = price.taxBehavior() == null ? null : price.taxBehavior().wireName();
        ProductPriceBase base = new ProductPriceBase(price.createdAt(), price.modifiedAt(), price.id(), "catalog",
                price.archived(), price.productId(), type, interval, price.currency(), taxBehavior);
        return switch (price) {
            case dev.kassa.product.ProductPrice.Fixed f -> new ProductPriceFixed("fixed", base, f.amount());
            case dev.kassa.product.ProductPrice.Custom c -> new ProductPriceCustom("custom", base, c.minimumAmount(),
                    c.maximumAmount(), c.presetAmount());
        };
    }

    private static ProductBase base(dev.kassa.product.Product product) {
        return new ProductBase(product.id(), product.createdAt(), product.modifiedAt(), null, null, product.name(),
                product.description(), ProductBase.VISIBILITY, interval(product), product.recurringIntervalCount(),
                null, null, product.recurring(), product.archived(), product.organizationId());
    }

    private static String interval(dev.kassa.product.Product product) {
        return product.recurringInterval() == null ? null : product.recurringInterval().wireName();
    }
}
