package dev.kassa.checkout;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.address.BillingAddressFields;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.checkout.CheckoutCommands.CheckoutCreate;
import dev.kassa.customer.Customer;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.discount.Discount;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.crypto.ChecksummedTokens;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import dev.kassa.tax.TaxCalculator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code POST /v1/checkouts/} (reference 7.1): a new session, priced, with tax when an address is known. */
@Service
public class CreateCheckout {

    static final String CLIENT_SECRET_PREFIX = "polar_c_";
    static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
    static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final CheckoutRepository checkouts;
    private final ProductService products;
    private final CheckoutRules rules;
    private final dev.kassa.customer.CustomerService customers;
    private final OrganizationService organizations;
    private final TaxCalculator taxCalculator;
    private final PaymentGateway payments;
    private final KassaSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CheckoutContexts contexts;
    private final CheckoutWebhooks webhooks;
    private final Metrics metrics;

    CreateCheckout(CheckoutRepository checkouts, ProductService products, CheckoutRules rules, dev.kassa.customer.CustomerService customers,
            OrganizationService organizations, TaxCalculator taxCalculator, PaymentGateway payments, KassaSettings settings, Clock clock,
            TransactionTemplate transactions, CheckoutContexts contexts, CheckoutWebhooks webhooks, Metrics metrics) {
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.checkouts = checkouts;
        this.products = products;
        this.rules = rules;
        this.customers = customers;
        this.organizations = organizations;
        this.taxCalculator = taxCalculator;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.contexts = contexts;
    }

    public Checkout create(OrganizationAccess access, CheckoutCreate command, List<String> seatFields) {
        // One id for every round: it is the tax calculation's reference, so it is part of the quote's key.
        UUID id = UUID.randomUUID();
        return TaxQuotes.run(transactions, taxCalculator, quotes -> create(id, access, command, seatFields, quotes));
    }

    private Checkout create(UUID id, OrganizationAccess access, CheckoutCreate command, List<String> seatFields,
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
            requestedPrice = products.findLivePrice(organizationId, command.productPriceId()).orElse(null);
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
        Map<UUID, Product> found = products.findLiveProducts(organizationId, productIds);
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
            CheckoutRules.checkCustomAmount(custom, command.amount(), errors);
            row.customAmount = command.amount();
        }
        CheckoutRules.seatFieldsError(seatFields, errors);

        Discount discount = null;
        if (command.discountId() != null) {
            discount = rules.validDiscount(organizationId, command.discountId(), null, product, selectedCurrency, set,
                    List.of("body", "discount_id"), now, errors);
        }
        row.discountId = discount == null ? null : discount.id();

        row.customerBillingAddress = command.customerBillingAddress();
        CheckoutRules.applyTaxId(row, command.customerTaxId(), errors);
        Customer customer = linkCustomer(organizationId, command, errors);
        row.externalCustomerId = command.externalCustomerId();
        row.subscriptionId = null;

        List<CustomFieldData.AttachedField> attached = contexts.attachedFields(organizationId, product);
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

        CheckoutContext context = new CheckoutContext(organization, found, product, price, discount, attached);
        CheckoutDerivedState.recompute(row, context, now, quotes);
        quotes.requireComplete();
        checkouts.insert(row);
        webhooks.created(row);
        metrics.count(CheckoutMetrics.CHECKOUTS, "event", "created");
        return CheckoutSchemas.merchant(row, context, CheckoutDerivedState.flags(row, context), settings);
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
