package dev.kassa.product;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.customfield.CustomField;
import dev.kassa.customfield.CustomFieldService;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product.AttachedField;
import dev.kassa.product.ProductCommands.AttachedFieldInput;
import dev.kassa.product.ProductCommands.ProductCreate;
import dev.kassa.product.ProductCommands.ProductUpdate;
import dev.kassa.product.ProductRepository.ListFilter;
import dev.kassa.product.ProductRepository.ProductRow;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.kassa.product.schemas.ProductSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The product catalog: create, read, list and update products with their prices and custom fields. */
@Service
public class ProductService {

    private final ProductRepository products;
    private final CustomFieldService customFields;
    private final OrganizationService organizations;
    private final Clock clock;
    private final CatalogMemo memo = new CatalogMemo();

    ProductService(ProductRepository products, CustomFieldService customFields, OrganizationService organizations, Clock clock) {
        this.products = products;
        this.customFields = customFields;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Transactional
    public dev.kassa.product.schemas.Product create(OrganizationAccess access, ProductCreate command) {
        UUID organizationId = access.requireOwnOrganization(command.organizationId(), List.of("body", "organization_id"));
        String defaultCurrency = organizations.get(organizationId).defaultPresentmentCurrency();
        ValidationErrors errors = new ValidationErrors();
        Instant now = now();
        UUID productId = UUID.randomUUID();
        List<ProductPrice> prices = new ArrayList<>();
        for (PriceInput input : command.prices()) {
            prices.add(newPrice(input, productId, now));
        }
        checkPriceSet(prices, defaultCurrency, errors);
        List<AttachedField> attached = resolveAttachedFields(organizationId, command.attachedCustomFields(), errors);
        errors.throwIfAnyFromService();

        ProductRow row = new ProductRow(productId, organizationId, command.name(), command.description(),
                command.recurringInterval(), command.recurringIntervalCount(), false, command.metadata(), now, null);
        products.insert(row);
        for (int position = 0; position < prices.size(); position++) {
            products.insertPrice(prices.get(position), position);
        }
        products.replaceAttachedFields(productId, attached);
        return view(organizationId, List.of(assemble(row))).getFirst();
    }

    @Transactional(readOnly = true)
    public dev.kassa.product.schemas.Product get(OrganizationAccess access, UUID id) {
        ProductRow row = products.findById(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        return view(access.organizationId(), List.of(assemble(row))).getFirst();
    }

    @Transactional(readOnly = true)
    public ListResource<dev.kassa.product.schemas.Product> list(OrganizationAccess access, ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = products.count(filter);
        List<ProductRow> rows = products.list(filter, page, sorting);
        return ListResource.of(view(access.organizationId(), assembleAll(rows)), total, page);
    }

    @Transactional
    public dev.kassa.product.schemas.Product update(OrganizationAccess access, UUID id, ProductUpdate command) {
        UUID organizationId = access.organizationId();
        ProductRow current = products.findByIdForUpdate(organizationId, id).orElseThrow(ResourceNotFound::new);
        ValidationErrors errors = new ValidationErrors();
        Instant now = now();

        if (command.recurringInterval() != null && command.recurringInterval() != current.recurringInterval()) {
            errors.add("value_error", List.of("body", "recurring_interval"), "Recurring interval cannot be changed.",
                    command.recurringInterval().wireName());
        }
        List<ProductPrice> keptPrices = new ArrayList<>();
        List<ProductPrice> newPrices = new ArrayList<>();
        List<ProductPrice> ordered = new ArrayList<>();
        if (command.prices() != null) {
            Map<UUID, ProductPrice> active = new LinkedHashMap<>();
            products.findActivePrices(List.of(id)).getOrDefault(id, List.of()).forEach(p -> active.put(p.id(), p));
            Set<UUID> seen = new HashSet<>();
            for (PriceInput input : command.prices()) {
                if (input instanceof PriceInput.Existing existing) {
                    ProductPrice price = active.get(existing.id());
                    if (price == null || !seen.add(existing.id())) {
                        errors.add("value_error", List.of("body", "prices", existing.index()), "Price does not exist.",
                                existing.id().toString());
                        continue;
                    }
                    keptPrices.add(price);
                    ordered.add(price);
                } else {
                    ProductPrice price = newPrice(input, id, now);
                    newPrices.add(price);
                    ordered.add(price);
                }
            }
            // Polar also reports "At least one price is required." when every listed id was unknown; Kassa reports
            // only the unknown ids, since the list was not empty.
            if (!(ordered.isEmpty() && !command.prices().isEmpty())) {
                checkPriceSet(ordered, organizations.get(organizationId).defaultPresentmentCurrency(), errors);
            }
        }
        List<AttachedField> attached = command.attachedCustomFields() == null ? null
                : resolveAttachedFields(organizationId, command.attachedCustomFields(), errors);
        errors.throwIfAnyFromService();

        ProductRow updated = new ProductRow(current.id(), organizationId,
                command.name() != null ? command.name() : current.name(),
                command.descriptionPresent() ? command.description() : current.description(),
                current.recurringInterval(), current.recurringIntervalCount(),
                command.archived() != null ? command.archived() : current.archived(),
                command.metadata() != null ? command.metadata() : current.metadata(),
                current.createdAt(), now);
        products.update(updated);
        if (command.prices() != null) {
            products.archivePricesExcept(id, keptPrices.stream().map(ProductPrice::id).toList(), now);
            for (int position = 0; position < ordered.size(); position++) {
                ProductPrice price = ordered.get(position);
                if (newPrices.contains(price)) {
                    products.insertPrice(price, position);
                } else {
                    products.repositionPrice(price.id(), position);
                }
            }
        }
        if (attached != null) {
            products.replaceAttachedFields(id, attached);
        }
        return view(organizationId, List.of(assemble(updated))).getFirst();
    }

    /**
     * {@code DELETE /v1/products/{id}}: a soft delete, refused with 409 {@link ProductNotDeletable} unless
     * {@link #isDeletable} holds. Waits for confirms in progress on the product's checkouts, so a checkout being paid
     * right now counts. The product and its prices are archived with it: its open checkouts can no longer be paid,
     * and new checkouts and discounts find no such product.
     */
    @Transactional
    public void delete(OrganizationAccess access, UUID id) {
        products.lockForDeletion(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        products.lockUnsettledCheckouts(id);
        if (products.unreferenced(List.of(id)).isEmpty()) {
            throw new ProductNotDeletable();
        }
        products.markDeleted(id, now());
    }

    /**
     * Polar's {@code Product.is_deletable}: no order, subscription, live discount or checkout being paid (or paid)
     * refers to the product. See {@link #deletable} for many products at once.
     */
    @Transactional(readOnly = true)
    public boolean isDeletable(UUID productId) {
        return !products.unreferenced(List.of(productId)).isEmpty();
    }

    /** The products among {@code productIds} that {@link #isDeletable} holds for, in one query. */
    @Transactional(readOnly = true)
    public Set<UUID> deletable(Collection<UUID> productIds) {
        return Set.copyOf(products.unreferenced(productIds));
    }

    /** Summaries of the organization's live (not deleted) products with these ids, for new references to them. */
    @Transactional(readOnly = true)
    public Map<UUID, ProductSummary> findLiveSummaries(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, ProductSummary> summaries = new LinkedHashMap<>();
        for (ProductRow row : products.findByIds(organizationId, ids, false)) {
            summaries.put(row.id(), ProductSummary.of(row));
        }
        return summaries;
    }

    /** Full live (not deleted) products of the organization with these ids, for new checkouts. */
    @Transactional(readOnly = true)
    public Map<UUID, Product> findLiveProducts(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, Product> found = new LinkedHashMap<>();
        for (Product product : assembleAll(products.findByIds(organizationId, ids, false))) {
            found.put(product.id(), product);
        }
        return found;
    }

    /** A price of one of the organization's live products, archived or not. */
    @Transactional(readOnly = true)
    public Optional<ProductPrice> findLivePrice(UUID organizationId, UUID priceId) {
        return products.findPrice(organizationId, priceId, false);
    }

    /** Summaries of the organization's products with these ids, deleted ones included (unknown ids are left out). */
    @Transactional(readOnly = true)
    public Map<UUID, ProductSummary> findSummaries(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, ProductSummary> summaries = new LinkedHashMap<>();
        for (ProductRow row : products.findByIds(organizationId, ids)) {
            summaries.put(row.id(), ProductSummary.of(row));
        }
        return summaries;
    }

    /**
     * Full products (with active prices and attached fields) of the organization with these ids, deleted ones
     * included: what existing checkouts, orders and subscriptions show.
     */
    @Transactional(readOnly = true)
    public Map<UUID, Product> findProducts(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, Product> found = new LinkedHashMap<>();
        for (Product product : assembleAll(products.findByIds(organizationId, ids))) {
            found.put(product.id(), product);
        }
        return found;
    }

    /**
     * As {@link #findProducts(UUID, Collection)}, for a caller that has just read the organization: remembered by
     * this node under its {@code catalogVersion} (see {@link CatalogMemo}), so that a catalog read again at the
     * same version costs no query. The map and its products are immutable.
     */
    @Transactional(readOnly = true)
    public Map<UUID, Product> findProducts(Organization organization, Collection<UUID> ids) {
        return memo.products(organization.id(), organization.catalogVersion(), ids, () -> findProducts(organization.id(), ids));
    }

    /** A price of one of the organization's products, archived or not (checkouts keep pointing at their price). */
    @Transactional(readOnly = true)
    public Optional<ProductPrice> findPrice(UUID organizationId, UUID priceId) {
        return products.findPrice(organizationId, priceId);
    }

    private ProductPrice newPrice(PriceInput input, UUID productId, Instant now) {
        return switch (input) {
            case PriceInput.NewFixed fixed -> new ProductPrice.Fixed(UUID.randomUUID(), productId, fixed.currency(),
                    fixed.amount(), fixed.taxBehavior(), false, now, null);
            case PriceInput.NewCustom custom -> new ProductPrice.Custom(UUID.randomUUID(), productId, custom.currency(),
                    custom.minimumAmount(), custom.maximumAmount(), custom.presetAmount(), custom.taxBehavior(), false, now, null);
            case PriceInput.Existing existing -> throw new IllegalArgumentException("existing price " + existing.id() + " is not new");
        };
    }

    private static void checkPriceSet(List<ProductPrice> prices, String defaultCurrency, ValidationErrors errors) {
        List<PriceSetRules.PriceShape> shapes = prices.stream().map(price -> new PriceSetRules.PriceShape(price.currency(),
                switch (price) {
                    case ProductPrice.Fixed f -> PriceSetRules.Kind.FIXED;
                    case ProductPrice.Custom c -> PriceSetRules.Kind.CUSTOM;
                }, price.taxBehavior())).toList();
        for (PriceSetRules.Violation violation : PriceSetRules.check(shapes, defaultCurrency)) {
            errors.add(violation.type(), List.of("body", "prices"), violation.message(), null);
        }
    }

    private List<AttachedField> resolveAttachedFields(UUID organizationId, List<AttachedFieldInput> inputs, ValidationErrors errors) {
        Map<UUID, CustomField> found = customFields.findByIds(organizationId, inputs.stream().map(AttachedFieldInput::customFieldId).toList());
        List<AttachedField> attached = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int order = 0; order < inputs.size(); order++) {
            AttachedFieldInput input = inputs.get(order);
            if (!found.containsKey(input.customFieldId())) {
                errors.add("value_error", List.of("body", "attached_custom_fields", order), "Custom field does not exist.",
                        input.customFieldId().toString());
            } else if (!seen.add(input.customFieldId())) {
                errors.add("value_error", List.of("body", "attached_custom_fields", order), "Custom field is attached twice.",
                        input.customFieldId().toString());
            } else {
                attached.add(new AttachedField(input.customFieldId(), attached.size(), input.required()));
            }
        }
        return attached;
    }

    private Product assemble(ProductRow row) {
        return assembleAll(List.of(row)).getFirst();
    }

    private List<Product> assembleAll(List<ProductRow> rows) {
        List<UUID> ids = rows.stream().map(ProductRow::id).toList();
        Map<UUID, List<ProductPrice>> prices = products.findActivePrices(ids);
        Map<UUID, List<AttachedField>> attached = products.findAttachedFields(ids);
        return rows.stream().map(row -> new Product(row.id(), row.organizationId(), row.name(), row.description(),
                row.recurringInterval(), row.recurringIntervalCount(), row.archived(), row.metadata(), row.createdAt(),
                row.modifiedAt(), prices.getOrDefault(row.id(), List.of()), attached.getOrDefault(row.id(), List.of()))).toList();
    }

    private List<dev.kassa.product.schemas.Product> view(UUID organizationId, List<Product> list) {
        Set<UUID> fieldIds = new HashSet<>();
        list.forEach(p -> p.attachedCustomFields().forEach(f -> fieldIds.add(f.customFieldId())));
        Map<UUID, CustomField> fields = fieldIds.isEmpty() ? Map.of() : customFields.findByIds(organizationId, fieldIds);
        Set<UUID> deletable = Set.copyOf(products.unreferenced(list.stream().map(Product::id).toList()));
        return list.stream().map(p -> ProductSchemas.product(p, fields, deletable.contains(p.id()))).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
