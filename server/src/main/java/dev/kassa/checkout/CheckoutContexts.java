package dev.kassa.checkout;

import dev.kassa.customfield.CustomField;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.customfield.CustomFieldService;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads what a checkout's rules and views need besides its row ({@link CheckoutContext}), in a bounded number of queries. */
@Component
class CheckoutContexts {

    private final ProductService products;
    private final DiscountService discounts;
    private final CustomFieldService customFields;
    private final OrganizationService organizations;

    CheckoutContexts(ProductService products, DiscountService discounts, CustomFieldService customFields, OrganizationService organizations) {
        this.products = products;
        this.discounts = discounts;
        this.customFields = customFields;
        this.organizations = organizations;
    }

    /**
     * Contexts loaded while {@code work} runs, by what they were loaded for. A use case that repeats its transaction
     * to fetch a Stripe Tax quote in between ({@link TaxQuotes#run}) reads the catalog once instead of once per round:
     * the second round runs milliseconds later, and its catalog is the first round's, as if read a moment earlier.
     * A checkout with a discount is always read afresh (its redemptions are what the rounds may change).
     */
    static <T> T rememberingAcrossRounds(java.util.function.Supplier<T> work) {
        return ScopedValue.where(REMEMBERED, new java.util.HashMap<>()).call(work::get);
    }

    private static final ScopedValue<Map<ContextKey, CheckoutContext>> REMEMBERED = ScopedValue.newInstance();

    private record ContextKey(UUID organizationId, List<UUID> productIds, UUID productId, UUID priceId) {
    }

    CheckoutContext load(CheckoutRow row) {
        if (REMEMBERED.isBound() && row.discountId == null) {
            ContextKey key = new ContextKey(row.organizationId, List.copyOf(row.productIds), row.productId, row.productPriceId);
            CheckoutContext known = REMEMBERED.get().get(key);
            if (known != null) {
                return known;
            }
            CheckoutContext loaded = loadAll(row.organizationId, List.of(row)).get(row.id);
            REMEMBERED.get().put(key, loaded);
            return loaded;
        }
        return loadAll(row.organizationId, List.of(row)).get(row.id);
    }

    /**
     * The contexts of several checkouts of one organization with a fixed number of queries, however many
     * checkouts, products, prices and fields there are.
     */
    Map<UUID, CheckoutContext> loadAll(UUID organizationId, List<CheckoutRow> rows) {
        Map<UUID, CheckoutContext> contexts = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return contexts;
        }
        Organization organization = organizations.get(organizationId);
        Set<UUID> productIds = new HashSet<>();
        rows.forEach(row -> productIds.addAll(row.productIds));
        Map<UUID, Product> found = products.findProducts(organization, productIds);
        Set<UUID> fieldIds = new HashSet<>();
        found.values().forEach(p -> p.attachedCustomFields().forEach(a -> fieldIds.add(a.customFieldId())));
        Map<UUID, CustomField> fields = fieldIds.isEmpty() ? Map.of() : customFields.findByIds(organizationId, fieldIds);
        Set<UUID> discountIds = new HashSet<>();
        rows.stream().filter(row -> row.discountId != null).forEach(row -> discountIds.add(row.discountId));
        Map<UUID, Discount> discountsById = discountIds.isEmpty() ? Map.of() : discounts.findAllByIds(organizationId, discountIds);
        for (CheckoutRow row : rows) {
            Product product = found.get(row.productId);
            ProductPrice price = product.prices().stream().filter(p -> p.id().equals(row.productPriceId)).findFirst()
                    .orElseGet(() -> products.findPrice(organizationId, row.productPriceId).orElseThrow());
            List<CustomFieldData.AttachedField> attached = product.attachedCustomFields().stream()
                    .filter(a -> fields.containsKey(a.customFieldId()))
                    .map(a -> new CustomFieldData.AttachedField(fields.get(a.customFieldId()), a.required()))
                    .toList();
            contexts.put(row.id, new CheckoutContext(organization, found, product, price,
                    row.discountId == null ? null : discountsById.get(row.discountId), attached));
        }
        return contexts;
    }

    List<CustomFieldData.AttachedField> attachedFields(UUID organizationId, Product product) {
        if (product.attachedCustomFields().isEmpty()) {
            return List.of();
        }
        Map<UUID, CustomField> fields = customFields.findByIds(organizationId,
                product.attachedCustomFields().stream().map(Product.AttachedField::customFieldId).toList());
        return product.attachedCustomFields().stream()
                .filter(a -> fields.containsKey(a.customFieldId()))
                .map(a -> new CustomFieldData.AttachedField(fields.get(a.customFieldId()), a.required()))
                .toList();
    }
}
