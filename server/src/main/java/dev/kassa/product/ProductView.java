package dev.kassa.product;

import dev.kassa.customfield.CustomField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Polar's {@code Product} schema. Benefits and medias are empty until Kassa has them. */
public record ProductView(Instant createdAt, Instant modifiedAt, UUID id, String name, String description,
        String recurringInterval, Integer recurringIntervalCount, boolean isRecurring, boolean isArchived,
        UUID organizationId, String visibility, Map<String, Object> metadata, List<PriceView> prices,
        List<Object> benefits, List<Object> medias, List<AttachedCustomFieldView> attachedCustomFields) {

    static ProductView of(Product product, Map<UUID, CustomField> fields) {
        String interval = product.recurringInterval() == null ? null : product.recurringInterval().wireName();
        return new ProductView(product.createdAt(), product.modifiedAt(), product.id(), product.name(),
                product.description(), interval, product.recurringIntervalCount(), product.recurring(), product.archived(),
                product.organizationId(), "public", product.metadata(),
                product.prices().stream().map(price -> PriceView.of(price, interval)).toList(),
                List.of(), List.of(),
                product.attachedCustomFields().stream()
                        .filter(f -> fields.containsKey(f.customFieldId()))
                        .map(f -> new AttachedCustomFieldView(f.customFieldId(), fields.get(f.customFieldId()), f.order(), f.required()))
                        .toList());
    }

    public record AttachedCustomFieldView(UUID customFieldId, CustomField customField, int order, boolean required) {
    }

    /**
     * Polar's {@code ProductPrice}. {@code type} and {@code recurring_interval} mirror the product, as Polar keeps
     * them for backward compatibility.
     */
    public sealed interface PriceView {

        static PriceView of(ProductPrice price, String recurringInterval) {
            String type = recurringInterval == null ? "one_time" : "recurring";
            String taxBehavior = price.taxBehavior() == null ? null : price.taxBehavior().wireName();
            return switch (price) {
                case ProductPrice.Fixed f -> new FixedPriceView(f.createdAt(), f.modifiedAt(), f.id(), "fixed", "catalog",
                        f.archived(), f.productId(), type, recurringInterval, f.currency(), taxBehavior, f.amount());
                case ProductPrice.Custom c -> new CustomPriceView(c.createdAt(), c.modifiedAt(), c.id(), "custom", "catalog",
                        c.archived(), c.productId(), type, recurringInterval, c.currency(), taxBehavior, c.minimumAmount(),
                        c.maximumAmount(), c.presetAmount());
            };
        }
    }

    public record FixedPriceView(Instant createdAt, Instant modifiedAt, UUID id, String amountType, String source,
            boolean isArchived, UUID productId, String type, String recurringInterval, String priceCurrency,
            String taxBehavior, long priceAmount) implements PriceView {
    }

    public record CustomPriceView(Instant createdAt, Instant modifiedAt, UUID id, String amountType, String source,
            boolean isArchived, UUID productId, String type, String recurringInterval, String priceCurrency,
            String taxBehavior, long minimumAmount, Long maximumAmount, Long presetAmount) implements PriceView {
    }
}
