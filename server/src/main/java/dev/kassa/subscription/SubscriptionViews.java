package dev.kassa.subscription;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerView;
import dev.kassa.customfield.CustomField;
import dev.kassa.discount.Discount;
import dev.kassa.organization.Organization;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON of Polar's subscription schemas and of the catalog objects nested in subscriptions and orders, in Polar's
 * field order. Shared with the order domain, whose {@code Order} embeds the same shapes.
 */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    /** The merchant's {@code Subscription}. {@code price} is the subscription's price (it may be archived). */
    static Map<String, Object> merchant(Subscription s, Customer customer, Product product, Map<UUID, CustomField> fields,
            Discount discount, ProductPrice price) {
        Map<String, Object> json = base(s, true);
        json.put("custom_field_data", s.customFieldData());
        json.put("customer", CustomerView.of(customer));
        json.put("product", product(product, fields));
        json.put("discount", discount == null ? null : discount(discount));
        json.put("prices", price == null ? List.of() : List.of(ProductView.PriceView.of(price, interval(product))));
        json.put("meters", List.of());
        return json;
    }

    /** The buyer's {@code CustomerSubscription}: no metadata, the product as the portal shows it. */
    static Map<String, Object> portal(Subscription s, Product product, Organization organization, ProductPrice price) {
        Map<String, Object> json = base(s, false);
        json.put("product", portalProduct(product, organization));
        json.put("prices", price == null ? List.of() : List.of(ProductView.PriceView.of(price, interval(product))));
        json.put("meters", List.of());
        return json;
    }

    /** Polar's {@code SubscriptionBase} fields ({@code OrderSubscription} with metadata, {@code CustomerOrderSubscription} without). */
    public static Map<String, Object> base(Subscription s, boolean withMetadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (withMetadata) {
            json.put("metadata", s.metadata());
        }
        json.put("created_at", s.createdAt());
        json.put("modified_at", s.modifiedAt());
        json.put("id", s.id());
        json.put("amount", s.amount());
        json.put("currency", s.currency());
        json.put("recurring_interval", s.recurringInterval().wireName());
        json.put("recurring_interval_count", s.recurringIntervalCount());
        json.put("status", s.status().wireName());
        json.put("current_period_start", s.currentPeriodStart());
        json.put("current_period_end", s.currentPeriodEnd());
        json.put("trial_start", s.trialStart());
        json.put("trial_end", s.trialEnd());
        json.put("cancel_at_period_end", s.cancelAtPeriodEnd());
        json.put("canceled_at", s.canceledAt());
        json.put("started_at", s.startedAt());
        json.put("ends_at", s.endsAt());
        json.put("ended_at", s.endedAt());
        json.put("customer_id", s.customerId());
        json.put("product_id", s.productId());
        json.put("discount_id", s.discountId());
        json.put("checkout_id", s.checkoutId());
        json.put("customer_cancellation_reason", null);
        json.put("customer_cancellation_comment", null);
        return json;
    }

    /** Polar's full {@code Product}, with its attached custom fields resolved from {@code fields}. */
    public static ProductView product(Product product, Map<UUID, CustomField> fields) {
        String interval = interval(product);
        return new ProductView(product.createdAt(), product.modifiedAt(), product.id(), product.name(),
                product.description(), interval, product.recurringIntervalCount(), product.recurring(), product.archived(),
                product.organizationId(), "public", product.metadata(),
                product.prices().stream().map(price -> ProductView.PriceView.of(price, interval)).toList(),
                List.of(), List.of(),
                product.attachedCustomFields().stream()
                        .filter(f -> fields.containsKey(f.customFieldId()))
                        .map(f -> new ProductView.AttachedCustomFieldView(f.customFieldId(), fields.get(f.customFieldId()),
                                f.order(), f.required()))
                        .toList());
    }

    /** Polar's {@code OrderProduct}: the product's own fields and metadata, without prices. */
    public static Map<String, Object> orderProduct(Product product) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metadata", product.metadata());
        putProductBase(json, product);
        return json;
    }

    /** Polar's {@code CustomerOrderProduct} / {@code CustomerSubscriptionProduct}: what the buyer sees. */
    public static Map<String, Object> portalProduct(Product product, Organization organization) {
        Map<String, Object> json = new LinkedHashMap<>();
        putProductBase(json, product);
        json.put("prices", product.prices().stream().map(p -> ProductView.PriceView.of(p, interval(product))).toList());
        json.put("benefits", List.of());
        json.put("medias", List.of());
        json.put("organization", dev.kassa.organization.PublicOrganizationView.of(organization));
        return json;
    }

    private static void putProductBase(Map<String, Object> json, Product product) {
        json.put("created_at", product.createdAt());
        json.put("modified_at", product.modifiedAt());
        json.put("id", product.id());
        json.put("name", product.name());
        json.put("description", product.description());
        json.put("recurring_interval", interval(product));
        json.put("recurring_interval_count", product.recurringIntervalCount());
        json.put("is_recurring", product.recurring());
        json.put("is_archived", product.archived());
        json.put("organization_id", product.organizationId());
    }

    /** Polar's {@code Discount*Base} union member for the discount, without its product list. */
    public static Map<String, Object> discount(Discount discount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("duration", discount.duration().wireName());
        if (discount.durationInMonths() != null) {
            json.put("duration_in_months", discount.durationInMonths());
        }
        json.put("type", discount.type().wireName());
        switch (discount) {
            case Discount.Fixed fixed -> {
                json.put("amount", fixed.amount());
                json.put("currency", fixed.currency());
                json.put("amounts", fixed.amounts());
            }
            case Discount.Percentage percentage -> json.put("basis_points", percentage.basisPoints());
        }
        json.put("created_at", discount.createdAt());
        json.put("modified_at", discount.modifiedAt());
        json.put("id", discount.id());
        json.put("metadata", discount.metadata());
        json.put("name", discount.name());
        json.put("code", discount.code());
        json.put("starts_at", discount.startsAt());
        json.put("ends_at", discount.endsAt());
        json.put("max_redemptions", discount.maxRedemptions());
        json.put("redemptions_count", discount.redemptionsCount());
        json.put("organization_id", discount.organizationId());
        return json;
    }

    /** The product's price with this id: among its active prices, else {@code archived} (looked up by the caller). */
    static ProductPrice priceOf(Product product, UUID priceId, Optional<ProductPrice> archived) {
        return product.prices().stream().filter(p -> p.id().equals(priceId)).findFirst().orElse(archived.orElse(null));
    }

    private static String interval(Product product) {
        return product.recurringInterval() == null ? null : product.recurringInterval().wireName();
    }
}
