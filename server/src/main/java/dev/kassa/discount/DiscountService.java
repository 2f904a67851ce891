package dev.kassa.discount;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.discount.DiscountCommands.DiscountCreate;
import dev.kassa.discount.DiscountCommands.DiscountUpdate;
import dev.kassa.discount.DiscountRepository.ListFilter;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.ProductService;
import dev.kassa.product.ProductSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Discounts: the merchant API (create, read, list, update, delete) and the lookups checkouts use. */
@Service
public class DiscountService {

    static final String CODE_TAKEN = "Discount with this code already exists.";
    static final String PRODUCT_NOT_FOUND = "Product not found.";
    static final String ALREADY_REDEEMED = "This field cannot be changed because the discount has already been redeemed.";

    private final DiscountRepository discounts;
    private final ProductService products;
    private final OrganizationService organizations;
    private final Clock clock;

    DiscountService(DiscountRepository discounts, ProductService products, OrganizationService organizations, Clock clock) {
        this.discounts = discounts;
        this.products = products;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** The organization's live discount with this id. */
    @Transactional(readOnly = true)
    public Optional<Discount> findById(UUID organizationId, UUID id) {
        return discounts.findById(organizationId, id);
    }

    /**
     * For a confirm (reference 4.4): the discount, re-read and still redeemable at {@code now}. A capped discount
     * ({@code max_redemptions}) is locked {@code FOR UPDATE} until the confirm's first transaction ends, so that
     * concurrent buyers cannot exceed the cap; they wait for each other briefly. Uncapped discounts are not
     * locked, so their buyers never wait on each other.
     */
    @Transactional
    public Optional<Discount> lockForRedemption(UUID organizationId, UUID discountId, Instant now) {
        Optional<Discount> current = discounts.findById(organizationId, discountId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (current.get().maxRedemptions() != null) {
            // Waits for other buyers' confirms (short transactions; bounded by the connection's lock_timeout), so a
            // busy discount is not mistaken for a used-up one.
            current = discounts.findByIdForUpdate(organizationId, discountId);
        }
        return current.filter(d -> d.isRedeemableAt(now));
    }

    /** Records a redemption (the trigger keeps {@code redemptions_count}); call inside the confirm's transaction. */
    @Transactional
    public void recordRedemption(UUID discountId, UUID checkoutId, UUID customerId, String customerEmail) {
        discounts.insertRedemption(discountId, checkoutId, customerId, normalizeEmail(customerEmail));
    }

    /**
     * Whether this buyer already used up {@code max_redemptions_per_customer}, counting other checkouts' redemptions
     * by customer id or by normalized email. The caller holds the customer's row lock, so one buyer's concurrent
     * confirms are counted one after the other.
     */
    @Transactional(readOnly = true)
    public boolean customerLimitReached(Discount discount, UUID customerId, String customerEmail, UUID checkoutId) {
        if (discount.maxRedemptionsPerCustomer() == null) {
            return false;
        }
        // Aliases (ada@ and ada+1@) are different customers but one buyer: serialize on the unaliased email too.
        discounts.lockBuyer(discount.id(), normalizeEmail(customerEmail));
        return discounts.countRedemptionsBy(discount.id(), customerId, normalizeEmail(customerEmail), checkoutId)
                >= discount.maxRedemptionsPerCustomer();
    }

    /** Lower-case, without a {@code +tag}: {@code Ada+promo@Example.com} is {@code ada@example.com}. */
    static String normalizeEmail(String email) {
        if (email == null) {
            return null;
        }
        String lower = email.strip().toLowerCase(java.util.Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at < 0) {
            return lower;
        }
        String local = lower.substring(0, at);
        int plus = local.indexOf('+');
        return (plus >= 0 ? local.substring(0, plus) : local) + lower.substring(at);
    }

    /** Frees the redemption slots a failed checkout held. */
    @Transactional
    public int releaseRedemptions(UUID checkoutId) {
        return discounts.deleteRedemptionsOfCheckout(checkoutId);
    }

    /** The organization's discounts with these ids, deleted ones included (for showing what a checkout was given). */
    @Transactional(readOnly = true)
    public Map<UUID, Discount> findAllByIds(UUID organizationId, java.util.Collection<UUID> ids) {
        Map<UUID, Discount> found = new LinkedHashMap<>();
        discounts.findAllByIds(organizationId, ids).forEach(d -> found.put(d.id(), d));
        return found;
    }

    /** The organization's live discount with this code, compared ignoring case. */
    @Transactional(readOnly = true)
    public Optional<Discount> findByCode(UUID organizationId, String code) {
        return code == null ? Optional.empty() : discounts.findByCode(organizationId, code);
    }

    @Transactional
    DiscountView create(OrganizationAccess access, DiscountCreate command) {
        UUID organizationId = access.requireOwnOrganization(command.organizationId(), List.of("body", "organization_id"));
        ValidationErrors errors = new ValidationErrors();
        checkCode(organizationId, command.code(), null, errors);
        Map<UUID, ProductSummary> summaries = checkProducts(organizationId, command.products(), errors);
        errors.throwIfAnyFromService();

        Instant now = now();
        UUID id = UUID.randomUUID();
        Discount discount = switch (command.type()) {
            case FIXED -> new Discount.Fixed(id, organizationId, command.name(), command.code(), command.duration(),
                    command.durationInMonths(), command.amounts(),
                    primaryCurrency(organizationId, command.amounts(), command.currency(), null), command.startsAt(),
                    command.endsAt(), command.maxRedemptions(), command.maxRedemptionsPerCustomer(), 0, command.products(),
                    command.metadata(), now, null);
            case PERCENTAGE -> new Discount.Percentage(id, organizationId, command.name(), command.code(),
                    command.duration(), command.durationInMonths(), command.basisPoints(), command.startsAt(),
                    command.endsAt(), command.maxRedemptions(), command.maxRedemptionsPerCustomer(), 0, command.products(),
                    command.metadata(), now, null);
        };
        try {
            discounts.insert(discount);
        } catch (DuplicateKeyException e) {
            throw codeTaken(discount.code());
        }
        discounts.replaceProducts(id, discount.productIds());
        return DiscountView.of(discount, summaries);
    }

    @Transactional(readOnly = true)
    DiscountView get(OrganizationAccess access, UUID id) {
        return view(discounts.findById(access.organizationId(), id).orElseThrow(ResourceNotFound::new));
    }

    @Transactional(readOnly = true)
    ListResource<DiscountView> list(OrganizationAccess access, String query, PageRequest page, List<Sort> sorting) {
        ListFilter filter = new ListFilter(access.organizationId(), query);
        long total = discounts.count(filter);
        List<Discount> found = discounts.list(filter, page, sorting);
        Set<UUID> productIds = new HashSet<>();
        found.forEach(d -> productIds.addAll(d.productIds()));
        Map<UUID, ProductSummary> summaries = products.findSummaries(access.organizationId(), productIds);
        return ListResource.of(found.stream().map(d -> DiscountView.of(d, summaries)).toList(), total, page);
    }

    @Transactional
    DiscountView update(OrganizationAccess access, UUID id, DiscountUpdate command) {
        UUID organizationId = access.organizationId();
        Discount current = discounts.findByIdForUpdate(organizationId, id).orElseThrow(ResourceNotFound::new);
        ValidationErrors errors = new ValidationErrors();
        boolean redeemed = current.redemptionsCount() > 0;

        if (command.duration() != null && command.duration() != current.duration()) {
            errors.add("value_error", List.of("body", "duration"), "Duration cannot be changed.", command.duration().wireName());
        }
        if (command.type() != null && command.type() != current.type()) {
            errors.add("value_error", List.of("body", "type"), "Type cannot be changed.", command.type().wireName());
        }
        Integer durationInMonths = current.durationInMonths();
        if (command.durationInMonths() != null && !command.durationInMonths().equals(current.durationInMonths())) {
            if (current.duration() != Discount.Duration.REPEATING) {
                errors.add("value_error", List.of("body", "duration_in_months"),
                        "Duration in months can only be set on a repeating discount.", command.durationInMonths());
            } else if (redeemed) {
                errors.add("value_error", List.of("body", "duration_in_months"), ALREADY_REDEEMED, command.durationInMonths());
            } else {
                durationInMonths = command.durationInMonths();
            }
        }
        String code = command.codePresent() ? command.code() : current.code();
        if (command.code() != null) {
            checkCode(organizationId, command.code(), current.id(), errors);
        }
        Instant startsAt = command.startsAtPresent() ? command.startsAt() : current.startsAt();
        Instant endsAt = command.endsAtPresent() ? command.endsAt() : current.endsAt();
        if ((command.startsAtPresent() || command.endsAtPresent()) && startsAt != null && endsAt != null
                && !startsAt.isBefore(endsAt)) {
            String field = command.endsAtPresent() ? "ends_at" : "starts_at";
            errors.add("value_error", List.of("body", field), DiscountRequests.STARTS_BEFORE_ENDS,
                    (command.endsAtPresent() ? endsAt : startsAt).toString());
        }
        Map<UUID, ProductSummary> summaries = null;
        List<UUID> productIds = current.productIds();
        if (command.products() != null) {
            summaries = checkProducts(organizationId, command.products(), errors);
            productIds = command.products();
        }

        Instant now = now();
        String name = command.name() != null ? command.name() : current.name();
        Integer maxRedemptions = command.maxRedemptionsPresent() ? command.maxRedemptions() : current.maxRedemptions();
        Integer maxPerCustomer = command.maxRedemptionsPerCustomerPresent() ? command.maxRedemptionsPerCustomer()
                : current.maxRedemptionsPerCustomer();
        Map<String, Object> metadata = command.metadata() != null ? command.metadata() : current.metadata();
        Discount updated = switch (current) {
            case Discount.Fixed fixed -> {
                Map<String, Long> amounts = fixed.amounts();
                String currency = fixed.currency();
                String field = null;
                if (command.amount() != null) {
                    // Polar's legacy pair replaces every amount; without a currency it is the primary one.
                    currency = command.currency() != null ? command.currency() : fixed.currency();
                    amounts = new LinkedHashMap<>(Map.of(currency, command.amount()));
                    field = "amount";
                } else if (command.amounts() != null) {
                    amounts = command.amounts();
                    currency = primaryCurrency(organizationId, amounts, null, fixed.currency());
                    field = "amounts";
                }
                if (field != null && redeemed && !(amounts.equals(fixed.amounts()) && currency.equals(fixed.currency()))) {
                    errors.add("value_error", List.of("body", field), ALREADY_REDEEMED,
                            field.equals("amount") ? command.amount() : command.amounts());
                }
                yield new Discount.Fixed(fixed.id(), organizationId, name, code, fixed.duration(), durationInMonths, amounts,
                        currency, startsAt, endsAt, maxRedemptions, maxPerCustomer, fixed.redemptionsCount(), productIds,
                        metadata, fixed.createdAt(), now);
            }
            case Discount.Percentage percentage -> {
                int basisPoints = percentage.basisPoints();
                if (command.basisPoints() != null && command.basisPoints() != basisPoints) {
                    if (redeemed) {
                        errors.add("value_error", List.of("body", "basis_points"), ALREADY_REDEEMED, command.basisPoints());
                    }
                    basisPoints = command.basisPoints();
                }
                yield new Discount.Percentage(percentage.id(), organizationId, name, code, percentage.duration(),
                        durationInMonths, basisPoints, startsAt, endsAt, maxRedemptions, maxPerCustomer,
                        percentage.redemptionsCount(), productIds, metadata, percentage.createdAt(), now);
            }
        };
        errors.throwIfAnyFromService();

        try {
            discounts.update(updated);
        } catch (DuplicateKeyException e) {
            throw codeTaken(updated.code());
        }
        if (command.products() != null) {
            discounts.replaceProducts(id, productIds);
        } else {
            summaries = products.findSummaries(organizationId, productIds);
        }
        return DiscountView.of(updated, summaries);
    }

    /** Soft delete: the discount disappears from the API and its code can be used again. */
    @Transactional
    void delete(OrganizationAccess access, UUID id) {
        Discount current = discounts.findByIdForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        discounts.softDelete(current.id(), now());
    }

    private void checkCode(UUID organizationId, String code, UUID self, ValidationErrors errors) {
        if (code == null) {
            return;
        }
        Optional<Discount> existing = discounts.findByCode(organizationId, code);
        if (existing.isPresent() && !existing.get().id().equals(self)) {
            errors.add("value_error", List.of("body", "code"), CODE_TAKEN, code);
        }
    }

    private static RequestValidationError codeTaken(String code) {
        return RequestValidationError.service("value_error", List.of("body", "code"), CODE_TAKEN, code);
    }

    private Map<UUID, ProductSummary> checkProducts(UUID organizationId, List<UUID> ids, ValidationErrors errors) {
        Map<UUID, ProductSummary> found = ids.isEmpty() ? Map.of() : products.findLiveSummaries(organizationId, ids);
        for (int i = 0; i < ids.size(); i++) {
            if (!found.containsKey(ids.get(i))) {
                errors.add("value_error", List.of("body", "products", i), PRODUCT_NOT_FOUND, ids.get(i).toString());
            }
        }
        return found;
    }

    /**
     * The currency shown as the legacy amount/currency pair: the one the client named, else the current one while it
     * still has an amount, else the organization's default currency when it has one, else the first listed.
     */
    private String primaryCurrency(UUID organizationId, Map<String, Long> amounts, String named, String current) {
        if (named != null) {
            return named;
        }
        if (current != null && amounts.containsKey(current)) {
            return current;
        }
        String defaultCurrency = organizations.get(organizationId).defaultPresentmentCurrency();
        if (amounts.containsKey(defaultCurrency)) {
            return defaultCurrency;
        }
        return amounts.keySet().iterator().next();
    }

    private DiscountView view(Discount discount) {
        return DiscountView.of(discount, products.findSummaries(discount.organizationId(), discount.productIds()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
