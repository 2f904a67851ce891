package dev.kassa.checkout;

import dev.kassa.address.Address;
import dev.kassa.address.BillingAddressFields;
import dev.kassa.address.TaxIds;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.checkout.CheckoutCommands.CheckoutCreate;
import dev.kassa.checkout.CheckoutCommands.CheckoutUpdate;
import dev.kassa.checkout.CheckoutRepository.ListFilter;
import dev.kassa.customer.Customer;
import dev.kassa.customfield.CustomField;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.customfield.CustomFieldService;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.money.CustomAmountRule;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.crypto.ChecksummedTokens;
import dev.kassa.platform.db.LockNotAvailable;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.pricing.CheckoutAmounts;
import dev.kassa.pricing.PaymentFlags;
import dev.kassa.pricing.TaxResult;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import dev.kassa.tax.TaxCalculator;
import dev.kassa.tax.TaxOutcome;
import dev.kassa.tax.TaxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Checkout sessions before confirmation: create, read, list and update, for the merchant (token) and the buyer
 * (client secret). Each public method is one transaction.
 *
 * <p>Updates lock the checkout row with {@code FOR UPDATE NOWAIT} (a held lock answers 409 CheckoutLocked) and
 * may call Stripe Tax while holding it: tax must be computed on exactly the state being saved, and the NOWAIT
 * lock means a concurrent request fails fast instead of queueing behind the call. Stripe calls are bounded by the
 * client's timeouts.
 */
@Service
public class CheckoutService {

    static final String CLIENT_SECRET_PREFIX = "polar_c_";
    static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
    static final Duration MAX_EXPIRY = Duration.ofDays(7);
    private static final Set<String> EXCLUSIVE_TAX_COUNTRIES = Set.of("US", "CA", "IN");

    private final CheckoutRepository checkouts;
    private final ProductService products;
    private final DiscountService discounts;
    private final CustomFieldService customFields;
    private final dev.kassa.customer.CustomerService customers;
    private final OrganizationService organizations;
    private final TaxCalculator taxCalculator;
    private final PaymentGateway payments;
    private final KassaSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CheckoutService(CheckoutRepository checkouts, ProductService products, DiscountService discounts,
            CustomFieldService customFields, dev.kassa.customer.CustomerService customers, OrganizationService organizations,
            TaxCalculator taxCalculator,
            PaymentGateway payments, KassaSettings settings, Clock clock, TransactionTemplate transactions) {
        this.checkouts = checkouts;
        this.products = products;
        this.discounts = discounts;
        this.customFields = customFields;
        this.customers = customers;
        this.organizations = organizations;
        this.taxCalculator = taxCalculator;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Who is updating: the merchant, the buyer, or the buyer's confirm (stricter: required fields and tax). */
    enum Mode {
        MERCHANT, CLIENT, CONFIRM
    }

    /** The state a confirm continues from: the updated row's context, and a tax problem to report with the rest. */
    record Applied(Context context, String taxError) {
    }

    /** Everything a checkout's rules and views need besides its row, loaded in a bounded number of queries. */
    record Context(Organization organization, Map<UUID, Product> products, Product product, ProductPrice price,
            Discount discount, List<CustomFieldData.AttachedField> attachedFields) {

        List<ProductPrice> priceSet(String currency) {
            return PriceSelection.priceSet(product, currency);
        }
    }

    // ---------------------------------------------------------------- merchant

    public Map<String, Object> create(OrganizationAccess access, CheckoutCreate command, List<String> seatFields) {
        // One id for every round: it is the tax calculation's reference, so it is part of the quote's key.
        UUID id = UUID.randomUUID();
        return TaxQuotes.run(transactions, taxCalculator, quotes -> create(id, access, command, seatFields, quotes));
    }

    private Map<String, Object> create(UUID id, OrganizationAccess access, CheckoutCreate command, List<String> seatFields,
            TaxQuotes quotes) {
        UUID organizationId = access.organizationId();
        Organization organization = organizations.get(organizationId);
        Instant now = now();
        ValidationErrors errors = new ValidationErrors();
        List<Object> productLoc = command.shape() == CheckoutCommands.CreateShape.PRODUCTS
                ? List.of("body", "products", 0) : List.of("body", command.shape().field);

        List<UUID> productIds = new ArrayList<>(command.productIds());
        String currency = command.currency();
        ProductPrice requestedPrice = null;
        if (command.shape() == CheckoutCommands.CreateShape.PRICE) {
            requestedPrice = products.findPrice(organizationId, command.productPriceId()).orElse(null);
            if (requestedPrice == null) {
                throw RequestValidationError.service("value_error", List.of("body", "product_price_id"), "Price does not exist.",
                        command.productPriceId().toString());
            }
            if (requestedPrice.archived()) {
                throw RequestValidationError.service("value_error", List.of("body", "product_price_id"), "Price is archived.",
                        command.productPriceId().toString());
            }
            productIds = List.of(requestedPrice.productId());
            currency = requestedPrice.currency();
        }
        Map<UUID, Product> found = products.findProducts(organizationId, productIds);
        for (int i = 0; i < productIds.size(); i++) {
            List<Object> loc = command.shape() == CheckoutCommands.CreateShape.PRODUCTS ? List.of("body", "products", i)
                    : List.of("body", command.shape().field);
            Product product = found.get(productIds.get(i));
            if (product == null) {
                errors.add("value_error", loc, "Product does not exist.", productIds.get(i).toString());
            } else if (product.archived()) {
                errors.add("value_error", loc, "Product is archived.", productIds.get(i).toString());
            }
        }
        errors.throwIfAnyFromService();

        Product product = found.get(productIds.getFirst());
        List<String> candidates = currency != null ? List.of(currency) : List.of(organization.defaultPresentmentCurrency());
        String selectedCurrency = PriceSelection.firstAvailableCurrency(product, candidates).orElseThrow(() ->
                RequestValidationError.service("value_error", productLoc, "Product is not available in the specified currency.",
                        candidates.getFirst()));
        List<ProductPrice> set = PriceSelection.priceSet(product, selectedCurrency);
        ProductPrice price = requestedPrice != null ? requestedPrice : PriceSelection.defaultPrice(set).orElseThrow();

        CheckoutRow row = new CheckoutRow();
        row.id = id;
        row.organizationId = organizationId;
        row.status = CheckoutStatus.OPEN;
        row.clientSecret = ChecksummedTokens.generate(CLIENT_SECRET_PREFIX);
        row.expiresAt = expiry(command.expiresAt(), now, errors);
        row.productIds = productIds;
        row.productId = product.id();
        row.productPriceId = price.id();
        row.currency = selectedCurrency;
        row.allowDiscountCodes = command.allowDiscountCodes();
        row.allowTrial = command.allowTrial();
        row.trialInterval = command.trialInterval();
        row.trialIntervalCount = command.trialIntervalCount();
        row.createdAt = now;

        if (command.amount() != null && price instanceof ProductPrice.Custom custom) {
            checkCustomAmount(custom, command.amount(), errors);
            row.customAmount = command.amount();
        }
        seatFieldsError(seatFields, errors);

        Discount discount = null;
        if (command.discountId() != null) {
            discount = validDiscount(organizationId, command.discountId(), null, product, selectedCurrency, set,
                    List.of("body", "discount_id"), now, errors);
        }
        row.discountId = discount == null ? null : discount.id();

        row.customerBillingAddress = command.customerBillingAddress();
        applyTaxId(row, command.customerTaxId(), errors);
        Customer customer = linkCustomer(organizationId, command, errors);
        row.externalCustomerId = command.externalCustomerId();
        row.subscriptionId = null;

        List<CustomFieldData.AttachedField> attached = attachedFields(organizationId, product);
        if (command.customFieldData() != null) {
            row.customFieldData = new LinkedHashMap<>(CustomFieldData.validate(command.customFieldData(), attached, false,
                    List.of("body", "custom_field_data"), errors));
        }
        errors.throwIfAnyFromService();

        row.requireBillingAddress = command.requireBillingAddress()
                || BillingAddressFields.impliesRequireBillingAddress(command.customerBillingAddress());
        row.businessCustomer = command.businessCustomer() != null && command.businessCustomer();
        row.customerName = command.customerName();
        row.customerEmail = command.customerEmail();
        row.customerIpAddress = command.customerIpAddress();
        row.customerBillingName = command.customerBillingName();
        row.customerMetadata = new LinkedHashMap<>(command.customerMetadata());
        row.metadata = new LinkedHashMap<>(command.metadata());
        row.successUrl = command.successUrl();
        row.returnUrl = command.returnUrl();
        row.embedOrigin = command.embedOrigin();
        row.locale = command.locale();
        row.paymentProcessorMetadata.put("publishable_key", payments.publishableKey());
        if (customer != null) {
            prefillFromCustomer(row, customer, command.businessCustomer() == null);
        }

        Context context = new Context(organization, found, product, price, discount, attached);
        recompute(row, context, now, quotes);
        quotes.requireComplete();
        checkouts.insert(row);
        return CheckoutViews.merchant(row, context, flags(row, context), settings);
    }

    @Transactional(readOnly = true)
    public Map<String, Object> get(OrganizationAccess access, UUID id) {
        CheckoutRow row = checkouts.findById(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        Context context = load(row);
        return CheckoutViews.merchant(row, context, flags(row, context), settings);
    }

    @Transactional(readOnly = true)
    public ListResource<Map<String, Object>> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = checkouts.count(filter);
        List<CheckoutRow> rows = checkouts.list(filter, page, sorting);
        Map<UUID, Context> contexts = loadAll(filter.organizationId(), rows);
        List<Map<String, Object>> items = rows.stream()
                .map(row -> CheckoutViews.merchant(row, contexts.get(row.id), flags(row, contexts.get(row.id)), settings))
                .toList();
        return ListResource.of(items, total, page);
    }

    public Map<String, Object> update(OrganizationAccess access, UUID id, CheckoutUpdate command, List<String> seatFields) {
        return TaxQuotes.run(transactions, taxCalculator, quotes -> {
            CheckoutRow row = lock(() -> checkouts.findByIdForUpdateNowait(access.organizationId(), id));
            Context context = applyUpdate(row, command, seatFields, Mode.MERCHANT, quotes).context();
            return CheckoutViews.merchant(row, context, flags(row, context), settings);
        });
    }

    /** Kassa's addition, as Stripe has: ends an open checkout now. */
    @Transactional
    public Map<String, Object> expire(OrganizationAccess access, UUID id) {
        CheckoutRow row = lock(() -> checkouts.findByIdForUpdateNowait(access.organizationId(), id));
        Instant now = now();
        expireIfDue(row, now);
        requireOpen(row);
        row.status = CheckoutStatus.EXPIRED;
        row.expiresAt = now;
        row.modifiedAt = now;
        checkouts.update(row);
        Context context = load(row);
        return CheckoutViews.merchant(row, context, flags(row, context), settings);
    }

    // ---------------------------------------------------------------- buyer

    /**
     * The buyer's view. An open checkout past its expiry, or an expired one, answers 410. Polar answers 410 for
     * every status once the time has passed (a quirk): Kassa keeps showing confirmed and succeeded checkouts, so
     * a buyer returning to the confirmation page after the deadline sees their purchase, not an error.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> clientGet(String clientSecret) {
        CheckoutRow row = checkouts.findByClientSecret(clientSecret).orElseThrow(ResourceNotFound::new);
        if (isExpiredForBuyer(row, now())) {
            throw CheckoutErrors.expired();
        }
        Context context = load(row);
        return CheckoutViews.client(row, context, flags(row, context), settings);
    }

    public Map<String, Object> clientUpdate(String clientSecret, CheckoutUpdate command, List<String> seatFields) {
        return TaxQuotes.run(transactions, taxCalculator, quotes -> {
            CheckoutRow row = lockForBuyer(clientSecret);
            Context context = applyUpdate(row, command, seatFields, Mode.CLIENT, quotes).context();
            return CheckoutViews.client(row, context, flags(row, context), settings);
        });
    }

    /** Runs a use case that may need Stripe Tax in its own transaction, the tax fetched outside it (see {@link TaxQuotes}). */
    <T> T withTaxQuotes(java.util.function.Function<TaxQuotes, T> useCase) {
        return TaxQuotes.run(transactions, taxCalculator, useCase);
    }

    // ---------------------------------------------------------------- the update algorithm (reference 7.4)

    /**
     * Applies an update in Polar's order (reference 7.4) and saves it, except for a confirm, which saves once its
     * payment step is done.
     */
    Applied applyUpdate(CheckoutRow row, CheckoutUpdate command, List<String> seatFields, Mode mode, TaxQuotes quotes) {
        boolean publicUpdate = mode != Mode.MERCHANT;
        Instant now = now();
        // An open checkout past its expiry is expired (the expiry job records it within a minute).
        expireIfDue(row, now);
        requireOpen(row);
        ValidationErrors errors = new ValidationErrors();
        Context context = load(row);
        Product product = context.product();
        ProductPrice price = context.price();
        Discount discount = context.discount();

        boolean productChanged = false;
        if (command.productId().present() && command.productId().value() != null
                && !command.productId().value().equals(row.productId)) {
            UUID newProductId = command.productId().value();
            Product candidate = row.productIds.contains(newProductId) ? context.products().get(newProductId) : null;
            if (candidate == null) {
                throw RequestValidationError.service("value_error", List.of("body", "product_id"),
                        "Product is not available in this checkout.", newProductId.toString());
            }
            if (candidate.archived()) {
                throw RequestValidationError.service("value_error", List.of("body", "product_id"), "Product is archived.",
                        newProductId.toString());
            }
            product = candidate;
            productChanged = true;
        }
        String currency = row.currency;
        if (command.productPriceId().present() && command.productPriceId().value() != null
                && !command.productPriceId().value().equals(row.productPriceId)) {
            UUID priceId = command.productPriceId().value();
            Product owner = product;
            ProductPrice requested = owner.prices().stream().filter(p -> p.id().equals(priceId)).findFirst().orElseThrow(() ->
                    RequestValidationError.service("value_error", List.of("body", "product_price_id"),
                            "Price is not available in this checkout.", priceId.toString()));
            price = requested;
            currency = requested.currency();
            productChanged = true;
        } else if (command.currency().present() && command.currency().value() != null && !command.currency().value().equals(currency)) {
            String requestedCurrency = command.currency().value();
            if (PriceSelection.priceSet(product, requestedCurrency).isEmpty()) {
                throw RequestValidationError.service("value_error", List.of("body", "currency"),
                        "Product is not available in the specified currency.", requestedCurrency);
            }
            currency = requestedCurrency;
            price = PriceSelection.defaultPrice(PriceSelection.priceSet(product, currency)).orElseThrow();
            productChanged = true;
        } else if (productChanged) {
            Product selected = product;
            String kept = PriceSelection.priceSet(selected, currency).isEmpty()
                    ? context.organization().defaultPresentmentCurrency() : currency;
            if (PriceSelection.priceSet(selected, kept).isEmpty()) {
                throw RequestValidationError.service("value_error", List.of("body", "product_id"),
                        "Product is not available in the specified currency.", kept);
            }
            currency = kept;
            price = PriceSelection.defaultPrice(PriceSelection.priceSet(selected, currency)).orElseThrow();
        }
        if (productChanged) {
            row.productId = product.id();
            row.productPriceId = price.id();
            row.currency = currency;
            row.customAmount = null;
            if (discount != null && !discount.appliesTo(product.id(), currency)) {
                // Switching product silently drops a discount that no longer applies, as Polar does.
                discount = null;
                row.discountId = null;
            }
        }
        List<ProductPrice> set = PriceSelection.priceSet(product, currency);

        if (command.amount().present() && command.amount().value() != null && price instanceof ProductPrice.Custom custom) {
            checkCustomAmount(custom, command.amount().value(), errors);
            row.customAmount = command.amount().value();
        }
        seatFieldsError(seatFields, errors);

        if (!publicUpdate && command.discountId().present()) {
            discount = command.discountId().value() == null ? null : validDiscount(row.organizationId, command.discountId().value(),
                    null, product, currency, set, List.of("body", "discount_id"), now, errors);
            row.discountId = discount == null ? null : discount.id();
        }
        if (publicUpdate && command.discountCode().present() && row.allowDiscountCodes) {
            String code = command.discountCode().value();
            discount = code == null || code.isEmpty() ? null : validDiscount(row.organizationId, null, code, product, currency, set,
                    List.of("body", "discount_code"), now, errors);
            row.discountId = discount == null ? null : discount.id();
        }

        if (command.customerBillingAddress().present() && command.customerBillingAddress().value() != null) {
            row.customerBillingAddress = command.customerBillingAddress().value();
        }
        if (command.businessCustomer().present() && Boolean.FALSE.equals(command.businessCustomer().value())) {
            row.businessCustomer = false;
            row.customerTaxId = null;
            row.customerTaxIdFormat = null;
            row.customerBillingName = null;
        } else if (command.businessCustomer().present() && command.businessCustomer().value() != null) {
            row.businessCustomer = command.businessCustomer().value();
        }
        if (command.customerTaxId().present()) {
            row.customerTaxId = null;
            row.customerTaxIdFormat = null;
            applyTaxId(row, command.customerTaxId().value(), errors);
        } else if (row.customerTaxId != null) {
            applyTaxId(row, row.customerTaxId, errors);
        }

        List<CustomFieldData.AttachedField> attached = product.id().equals(context.product().id())
                ? context.attachedFields() : attachedFields(row.organizationId, product);
        if (mode == Mode.CONFIRM) {
            // A confirm checks required fields and replaces the stored data: the buyer resends every value.
            JsonNode input = command.customFieldData().present() ? command.customFieldData().value() : null;
            row.customFieldData = new LinkedHashMap<>(CustomFieldData.validate(input, attached, true,
                    List.of("body", "custom_field_data"), errors));
        } else if (command.customFieldData().present() && command.customFieldData().value() != null) {
            Map<String, Object> merged = new LinkedHashMap<>(row.customFieldData);
            merged.putAll(CustomFieldData.validate(command.customFieldData().value(), attached, false,
                    List.of("body", "custom_field_data"), errors));
            row.customFieldData = merged;
        }
        errors.throwIfAnyFromService();

        command.customerName().ifPresent(v -> row.customerName = v);
        if (row.customerId == null) {
            command.customerEmail().ifPresent(v -> row.customerEmail = v);
        }
        command.customerBillingName().ifPresent(v -> row.customerBillingName = v);
        command.locale().ifPresent(v -> row.locale = v);
        command.metadata().ifPresent(v -> row.metadata = new LinkedHashMap<>(v == null ? Map.of() : v));
        command.customerMetadata().ifPresent(v -> row.customerMetadata = new LinkedHashMap<>(v == null ? Map.of() : v));
        command.trialInterval().ifPresent(v -> row.trialInterval = v);
        command.trialIntervalCount().ifPresent(v -> row.trialIntervalCount = v);
        command.allowDiscountCodes().ifPresent(v -> row.allowDiscountCodes = v == null || v);
        command.requireBillingAddress().ifPresent(v -> row.requireBillingAddress = v != null && v);
        command.allowTrial().ifPresent(v -> row.allowTrial = v == null || v);
        command.customerIpAddress().ifPresent(v -> row.customerIpAddress = v);
        command.successUrl().ifPresent(v -> row.successUrl = v);
        command.returnUrl().ifPresent(v -> row.returnUrl = v);
        command.embedOrigin().ifPresent(v -> row.embedOrigin = v);
        command.paymentMethodType().ifPresent(v -> row.paymentMethodType = v);

        Context updated = new Context(context.organization(), context.products(), product, price, discount, attached);
        String taxError = recompute(row, updated, now, quotes);
        row.modifiedAt = now;
        if (mode != Mode.CONFIRM) {
            checkouts.update(row);
        }
        return new Applied(updated, taxError);
    }

    // ---------------------------------------------------------------- derived state

    /**
     * Trial end, amounts and tax, then Polar's reset rule for checkouts that need no payment form.
     *
     * @return a logical tax error (the tax fields are then cleared): silent at create and update, a 422 at confirm
     */
    String recompute(CheckoutRow row, Context context, Instant now, TaxQuotes quotes) {
        row.trialEnd = trialEnd(row, context.product(), now);
        row.amount = PriceSelection.upfrontAmount(context.price(), row.customAmount);
        row.discountAmount = context.discount() == null || !context.discount().appliesTo(context.product().id(), row.currency)
                ? 0 : context.discount().amountFor(row.amount, row.currency);
        PaymentFlags flags = flags(row, context);
        String taxError = updateTax(row, context, flags, quotes);
        if (!flags.paymentFormRequired()) {
            row.paymentMethodType = null;
            if (!row.requireBillingAddress) {
                row.businessCustomer = false;
                row.customerTaxId = null;
                row.customerTaxIdFormat = null;
                row.customerBillingName = null;
            }
        }
        return taxError;
    }

    /** Tax from the checkout's own cache (same inputs hash), else from {@code quotes}, fetched outside the transaction. */
    private String updateTax(CheckoutRow row, Context context, PaymentFlags flags, TaxQuotes quotes) {
        TaxResult tax;
        String logicalError = null;
        if (!flags.paymentFormRequired()) {
            clearTax(row);
            row.taxAmount = 0L;
            tax = TaxResult.zero(TaxResult.Behavior.EXCLUSIVE);
        } else if (row.customerBillingAddress == null) {
            clearTax(row);
            tax = null;
        } else {
            TaxResult.Behavior behavior = taxBehavior(context.price(), row.customerBillingAddress);
            TaxRequest request = new TaxRequest(row.id.toString(), row.currency, row.amount - row.discountAmount, behavior,
                    row.customerBillingAddress, row.customerTaxId == null ? null : new TaxIds.TaxId(row.customerTaxId, row.customerTaxIdFormat));
            String hash = request.inputsHash();
            if (hash.equals(row.taxInputsHash) && row.taxAmount != null) {
                tax = new TaxResult(row.taxAmount, behavior);
            } else {
                TaxOutcome quote = quotes.lookup(request);
                switch (quote) {
                    case null -> {
                        // Not fetched yet: this transaction is rolled back and run again with the quote.
                        clearTax(row);
                        tax = null;
                    }
                    case TaxOutcome.Calculated calculated -> {
                        row.taxAmount = calculated.amount();
                        row.taxBehavior = calculated.behavior().wireName();
                        row.taxProcessorId = calculated.processorId();
                        row.taxBreakdown = calculated.breakdownJson();
                        row.taxInputsHash = hash;
                        tax = new TaxResult(calculated.amount(), calculated.behavior());
                    }
                    case TaxOutcome.LogicalError error -> {
                        logicalError = error.message();
                        clearTax(row);
                        tax = null;
                    }
                }
            }
        }
        CheckoutAmounts amounts = CheckoutAmounts.of(row.amount, row.discountAmount, tax);
        row.netAmount = amounts.netAmount();
        return logicalError;
    }

    private static void clearTax(CheckoutRow row) {
        row.taxAmount = null;
        row.taxBehavior = null;
        row.taxProcessorId = null;
        row.taxBreakdown = null;
        row.taxInputsHash = null;
    }

    /** The price's tax behavior, else the organization default ("location"): exclusive in US, CA, IN, else inclusive. */
    static TaxResult.Behavior taxBehavior(ProductPrice price, Address address) {
        ProductPrice.TaxBehavior configured = price.taxBehavior() == null ? ProductPrice.TaxBehavior.LOCATION : price.taxBehavior();
        return switch (configured) {
            case INCLUSIVE -> TaxResult.Behavior.INCLUSIVE;
            case EXCLUSIVE -> TaxResult.Behavior.EXCLUSIVE;
            case LOCATION -> EXCLUSIVE_TAX_COUNTRIES.contains(address.country()) ? TaxResult.Behavior.EXCLUSIVE : TaxResult.Behavior.INCLUSIVE;
        };
    }

    static PaymentFlags flags(CheckoutRow row, Context context) {
        List<ProductPrice> set = context.priceSet(row.currency);
        boolean hundredPercentForever = context.discount() instanceof Discount.Percentage percentage
                && percentage.basisPoints() == 10_000 && percentage.duration() == Discount.Duration.FOREVER;
        return PaymentFlags.of(new PaymentFlags.Inputs(true, PriceSelection.allFree(set), context.product().recurring(), false,
                row.amount, row.discountAmount, hundredPercentForever, row.trialEnd != null));
    }

    /** {@code now + count x interval} (calendar months and years) when a trial applies to a recurring product. */
    private static Instant trialEnd(CheckoutRow row, Product product, Instant now) {
        if (!row.allowTrial || !product.recurring() || row.trialInterval == null || row.trialIntervalCount == null) {
            return null;
        }
        var start = now.atZone(ZoneOffset.UTC);
        int count = row.trialIntervalCount;
        var end = switch (row.trialInterval) {
            case "day" -> start.plusDays(count);
            case "week" -> start.plusWeeks(count);
            case "month" -> start.plusMonths(count);
            default -> start.plusYears(count);
        };
        return end.toInstant();
    }

    // ---------------------------------------------------------------- rule helpers

    private Discount validDiscount(UUID organizationId, UUID id, String code, Product product, String currency,
            List<ProductPrice> set, List<Object> loc, Instant now, ValidationErrors errors) {
        Object input = id != null ? id.toString() : code;
        if (!PriceSelection.discountable(set)) {
            errors.add("value_error", loc, "Discounts are not applicable to this product.", input);
            return null;
        }
        Optional<Discount> found = id != null ? discounts.findById(organizationId, id) : discounts.findByCode(organizationId, code);
        if (found.isEmpty() || !found.get().appliesTo(product.id(), currency) || !found.get().isRedeemableAt(now)) {
            errors.add("value_error", loc, "Discount does not exist.", input);
            return null;
        }
        return found.get();
    }

    private static void checkCustomAmount(ProductPrice.Custom price, long amount, ValidationErrors errors) {
        Optional<CustomAmountRule.Violation> violation = PriceSelection.checkCustomAmount(price, amount);
        violation.ifPresent(v -> errors.add(v.type(), List.of("body", "amount"), v.message(), amount));
    }

    private static void seatFieldsError(List<String> seatFields, ValidationErrors errors) {
        for (String field : seatFields) {
            String noun = field.contains("seats") ? "Seats" : "Units";
            String message = field.startsWith("min_") || field.startsWith("max_")
                    ? field + " can only be set for " + (noun.equals("Seats") ? "seat" : "unit") + "-based pricing."
                    : noun + " can only be set for " + (noun.equals("Seats") ? "seat" : "unit") + "-based pricing.";
            errors.add("value_error", List.of("body", field), message, null);
        }
    }

    /** Validates a tax id against the billing country and stores it normalized with its format. */
    private static void applyTaxId(CheckoutRow row, String taxId, ValidationErrors errors) {
        if (taxId == null) {
            return;
        }
        if (row.customerBillingAddress == null) {
            errors.add("missing", List.of("body", "customer_billing_address"), TaxIds.COUNTRY_REQUIRED, null);
            return;
        }
        Optional<TaxIds.TaxId> valid = TaxIds.validate(taxId, row.customerBillingAddress.country());
        if (valid.isEmpty()) {
            errors.add("value_error", List.of("body", "customer_tax_id"), TaxIds.INVALID_TAX_ID, taxId);
            return;
        }
        row.customerTaxId = valid.get().value();
        row.customerTaxIdFormat = valid.get().format();
    }

    /**
     * The customer a checkout is created for (reference 7.1 step 7): {@code customer_id} must exist, an
     * {@code external_customer_id} links a customer when one has it. Upgrades of free subscriptions
     * ({@code subscription_id}) are not supported yet.
     */
    private Customer linkCustomer(UUID organizationId, CheckoutCreate command, ValidationErrors errors) {
        if (command.subscriptionId() != null) {
            errors.add("value_error", List.of("body", "subscription_id"), "Subscription does not exist.", command.subscriptionId().toString());
            return null;
        }
        if (command.customerId() != null) {
            Optional<Customer> customer = customers.findById(organizationId, command.customerId()).filter(c -> !c.deleted());
            if (customer.isEmpty()) {
                errors.add("value_error", List.of("body", "customer_id"), "Customer does not exist.", command.customerId().toString());
            }
            return customer.orElse(null);
        }
        if (command.externalCustomerId() != null) {
            return customers.findByExternalId(organizationId, command.externalCustomerId()).orElse(null);
        }
        return null;
    }

    /** Fills the checkout fields the merchant left empty from the linked customer (reference 7.1 step 11). */
    private static void prefillFromCustomer(CheckoutRow row, Customer customer, boolean businessNotGiven) {
        row.customerId = customer.id();
        row.customerLink = "merchant";
        if (row.customerEmail == null) {
            row.customerEmail = customer.email();
        }
        if (row.customerName == null) {
            row.customerName = customer.name();
        }
        if (row.customerBillingName == null) {
            row.customerBillingName = customer.invoiceName();
        }
        if (row.customerBillingAddress == null) {
            row.customerBillingAddress = customer.billingAddress();
        }
        if (row.customerTaxId == null && customer.taxId() != null) {
            row.customerTaxId = customer.taxId().value();
            row.customerTaxIdFormat = customer.taxId().format();
        }
        if (row.locale == null) {
            row.locale = customer.locale();
        }
        if (businessNotGiven && customer.billingName() != null && customer.billingAddress() != null
                && customer.billingAddress().hasAddress()) {
            row.businessCustomer = true;
        }
    }

    private Instant expiry(Instant requested, Instant now, ValidationErrors errors) {
        if (requested == null) {
            return now.plus(settings.checkoutTtl());
        }
        if (requested.isBefore(now.plus(MIN_EXPIRY)) || requested.isAfter(now.plus(MAX_EXPIRY))) {
            errors.add("value_error", List.of("body", "expires_at"), "Expiry must be between 1 minute and 7 days from now.",
                    requested.toString());
        }
        return requested.truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireOpen(CheckoutRow row) {
        if (row.status != CheckoutStatus.OPEN) {
            throw CheckoutErrors.notOpen(row.id, row.status);
        }
    }

    /** Marks an open checkout past its expiry as expired (Polar's on-update hook); true when it did. */
    private static boolean expireIfDue(CheckoutRow row, Instant now) {
        if (row.status == CheckoutStatus.OPEN && !row.expiresAt.isAfter(now)) {
            row.status = CheckoutStatus.EXPIRED;
            row.modifiedAt = now;
            return true;
        }
        return false;
    }

    static boolean isExpiredForBuyer(CheckoutRow row, Instant now) {
        return row.status == CheckoutStatus.EXPIRED || (row.status == CheckoutStatus.OPEN && !row.expiresAt.isAfter(now));
    }

    /** The buyer's checkout, row-locked NOWAIT: 404 unknown, 409 locked elsewhere, 410 expired. */
    CheckoutRow lockForBuyer(String clientSecret) {
        CheckoutRow row = lock(() -> checkouts.findByClientSecretForUpdateNowait(clientSecret));
        if (isExpiredForBuyer(row, now())) {
            throw CheckoutErrors.expired();
        }
        return row;
    }

    private CheckoutRow lock(java.util.function.Supplier<Optional<CheckoutRow>> query) {
        try {
            return query.get().orElseThrow(ResourceNotFound::new);
        } catch (LockNotAvailable e) {
            throw CheckoutErrors.locked();
        }
    }

    private List<CustomFieldData.AttachedField> attachedFields(UUID organizationId, Product product) {
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

    Context load(CheckoutRow row) {
        return loadAll(row.organizationId, List.of(row)).get(row.id);
    }

    /**
     * The contexts of several checkouts of one organization with a fixed number of queries, however many
     * checkouts, products, prices and fields there are.
     */
    private Map<UUID, Context> loadAll(UUID organizationId, List<CheckoutRow> rows) {
        Map<UUID, Context> contexts = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return contexts;
        }
        Organization organization = organizations.get(organizationId);
        Set<UUID> productIds = new HashSet<>();
        rows.forEach(row -> productIds.addAll(row.productIds));
        Map<UUID, Product> found = products.findProducts(organizationId, productIds);
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
            contexts.put(row.id, new Context(organization, found, product, price,
                    row.discountId == null ? null : discountsById.get(row.discountId), attached));
        }
        return contexts;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
