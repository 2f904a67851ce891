package dev.kassa.checkout;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.checkout.CheckoutCommands.CheckoutCreate;
import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.discount.Discount;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.web.InputFormats;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A checkout opened from a checkout link (Polar's {@code CheckoutService.checkout_link_create}, reference 1.10): the
 * link's settings, and the buyer's prefill from the link's query string, each prefill value kept only when it is
 * valid (a wrong amount, email, discount code or custom field value is dropped, never an error). The checkout is
 * then made as {@link CreateCheckout} makes every checkout.
 */
@Service
public class CreateCheckoutFromLink {

    /** What the link says (its products in order, already checked when the link was saved). */
    public record LinkSettings(UUID organizationId, List<UUID> productIds, @Nullable UUID discountId, boolean allowDiscountCodes,
            boolean requireBillingAddress, @Nullable String trialInterval, @Nullable Integer trialIntervalCount,
            @Nullable String successUrl, @Nullable String returnUrl, Map<String, Object> metadata) {
    }

    /**
     * What the buyer's link carried: {@code product_id}, {@code amount}, {@code customer_email}, {@code customer_name},
     * {@code discount_code}, {@code custom_field_data.<slug>}, the metadata parameters ({@code reference_id},
     * {@code utm_*}), {@code embed_origin}, and the buyer's IP address.
     */
    public record Prefill(@Nullable UUID productId, @Nullable String amount, @Nullable String customerEmail,
            @Nullable String customerName, @Nullable String discountCode, Map<String, String> customFieldData,
            Map<String, String> metadata, @Nullable String embedOrigin, @Nullable String ipAddress) {
    }

    private final CreateCheckout creates;
    private final ProductService products;
    private final OrganizationService organizations;
    private final CheckoutRules rules;
    private final CheckoutContexts contexts;
    private final Clock clock;

    CreateCheckoutFromLink(CreateCheckout creates, ProductService products, OrganizationService organizations, CheckoutRules rules,
            CheckoutContexts contexts, Clock clock) {
        this.creates = creates;
        this.products = products;
        this.organizations = organizations;
        this.rules = rules;
        this.contexts = contexts;
        this.clock = clock;
    }

    public Checkout create(LinkSettings link, Prefill prefill) {
        UUID organizationId = link.organizationId();
        Map<UUID, Product> found = products.findProducts(organizationId, link.productIds());
        List<UUID> valid = new ArrayList<>();
        for (UUID id : link.productIds()) {
            Product product = found.get(id);
            if (product != null && !product.archived()) {
                valid.add(id);
            }
        }
        if (valid.isEmpty()) {
            throw RequestValidationError.service("value_error", List.of("body", "products"), "No valid products.",
                    link.productIds().stream().map(UUID::toString).toList());
        }
        // The buyer's product_id pre-selects one of the link's products; Kassa selects a checkout's first product.
        if (prefill.productId() != null && valid.contains(prefill.productId())) {
            valid.remove(prefill.productId());
            valid.addFirst(prefill.productId());
        }
        Product product = found.get(valid.getFirst());
        String currency = organizations.get(organizationId).defaultPresentmentCurrency();
        List<ProductPrice> set = PriceSelection.priceSet(product, currency);
        ProductPrice price = PriceSelection.defaultPrice(set).orElse(null);

        Long amount = price instanceof ProductPrice.Custom custom ? amount(prefill.amount(), custom) : null;
        UUID discountId = null;
        if (price != null) {
            Discount discount = prefill.discountCode() != null && link.allowDiscountCodes()
                    ? discount(organizationId, null, prefill.discountCode().strip(), product, currency, set) : null;
            if (discount == null && link.discountId() != null) {
                discount = discount(organizationId, link.discountId(), null, product, currency, set);
            }
            discountId = discount == null ? null : discount.id();
        }
        String email = prefill.customerEmail() == null ? null
                : InputFormats.email(prefill.customerEmail().strip(), List.of("query", "customer_email"), new ValidationErrors());
        Map<String, Object> metadata = new LinkedHashMap<>(link.metadata());
        prefill.metadata().forEach(metadata::putIfAbsent);
        String ip = prefill.ipAddress() == null ? null
                : InputFormats.ipAddress(prefill.ipAddress(), List.of("header", "ip"), new ValidationErrors());

        CheckoutCreate command = new CheckoutCreate(CheckoutCommands.CreateShape.PRODUCTS, valid, null, null, discountId,
                link.allowDiscountCodes(), link.requireBillingAddress(), amount, true, link.trialInterval(), link.trialIntervalCount(),
                null, null, null, blankToNull(prefill.customerName()), email, ip, null, null, null, Map.of(), metadata,
                customFieldData(organizationId, product, prefill.customFieldData()), null, link.successUrl(), link.returnUrl(),
                embedOrigin(prefill.embedOrigin()), "en", null);
        return creates.create(new OrganizationAccess(organizationId, null, Set.of()), command, List.of());
    }

    /** Polar parses the amount as a float and truncates it; one outside the price's bounds is ignored. */
    private static Long amount(String raw, ProductPrice.Custom price) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        long amount;
        try {
            amount = new BigDecimal(raw.strip()).longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
        ValidationErrors errors = new ValidationErrors();
        CheckoutRules.checkCustomAmount(price, amount, errors);
        return errors.isEmpty() ? amount : null;
    }

    private Discount discount(UUID organizationId, UUID id, String code, Product product, String currency, List<ProductPrice> set) {
        ValidationErrors errors = new ValidationErrors();
        Discount discount = rules.validDiscount(organizationId, id, code, product, currency, set, List.of("query", "discount"),
                clock.instant(), errors);
        return errors.isEmpty() ? discount : null;
    }

    /** Only the selected product's fields, and all of them dropped when any is invalid, as Polar does. */
    private ObjectNode customFieldData(UUID organizationId, Product product, Map<String, String> given) {
        if (given.isEmpty()) {
            return null;
        }
        List<CustomFieldData.AttachedField> attached = contexts.attachedFields(organizationId, product);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (CustomFieldData.AttachedField field : attached) {
            String value = given.get(field.field().slug());
            if (value != null) {
                data.put(field.field().slug(), value);
            }
        }
        if (data.isEmpty()) {
            return null;
        }
        ValidationErrors errors = new ValidationErrors();
        Map<String, Object> validated = CustomFieldData.validate(data, attached, false, List.of("query", "custom_field_data"), errors);
        if (!errors.isEmpty()) {
            return null;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        validated.forEach((slug, value) -> result.putPOJO(slug, value));
        return result;
    }

    /** Polar's {@code parse_origin}: {@code scheme://host[:port]} of an http(s) URL, else nothing. */
    static String embedOrigin(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(raw.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
                return null;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
