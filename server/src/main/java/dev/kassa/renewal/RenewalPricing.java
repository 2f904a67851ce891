package dev.kassa.renewal;

import dev.kassa.address.Address;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerService;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.order.Order;
import dev.kassa.order.OrderDraft;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.pricing.CheckoutAmounts;
import dev.kassa.pricing.TaxResult;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionService;
import dev.kassa.tax.TaxCalculator;
import dev.kassa.tax.TaxOutcome;
import dev.kassa.tax.TaxRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prices a subscription's next period, with no transaction open (tax is calculated at Stripe): the subscription's
 * own amount (its price when it was bought, not a newer one), its discount while the duration allows, and tax for
 * the customer's current billing address.
 */
@Component
class RenewalPricing {

    private static final Logger log = LoggerFactory.getLogger(RenewalPricing.class);
    /** Polar's "location" tax behavior: tax on top of the price in these countries, included elsewhere. */
    private static final Set<String> EXCLUSIVE_TAX_COUNTRIES = Set.of("US", "CA", "IN");

    private final CustomerService customers;
    private final DiscountService discounts;
    private final ProductService products;
    private final OrganizationService organizations;
    private final TaxCalculator taxes;

    RenewalPricing(CustomerService customers, DiscountService discounts, ProductService products, OrganizationService organizations,
            TaxCalculator taxes) {
        this.customers = customers;
        this.discounts = discounts;
        this.products = products;
        this.organizations = organizations;
        this.taxes = taxes;
    }

    /**
     * The next period of {@code s} (starting at its current period end). {@code offset} is how far the test clock
     * moved the subscription into the past: calendar arithmetic runs on the timeline as it was.
     *
     * @throws dev.kassa.tax.TaxCalculationTechnicalError when Stripe Tax fails (the renewal is tried again later)
     */
    RenewalQuote quote(Subscription s, Duration offset) {
        UUID organizationId = s.organizationId();
        Instant start = s.currentPeriodEnd();
        Instant end = SubscriptionService.periodEnd(start.plus(offset), s.recurringInterval(), s.recurringIntervalCount()).minus(offset);
        Optional<Discount> discount = s.discountId() == null ? Optional.empty() : discounts.findById(organizationId, s.discountId());
        boolean expired = discount.isPresent()
                && discountExpired(discount.get(), discountAppliedAt(s).plus(offset), start.plus(offset));
        Discount applied = discount.filter(d -> !expired && d.appliesTo(s.productId(), s.currency())).orElse(null);
        long discountAmount = applied == null ? 0 : applied.amountFor(s.amount(), s.currency());

        Customer customer = customers.findById(organizationId, s.customerId()).orElseThrow();
        Product product = products.findProducts(organizationId, List.of(s.productId())).get(s.productId());
        Organization organization = organizations.findById(organizationId).orElseThrow();
        TaxResult tax = tax(s, customer, start, s.amount() - discountAmount);
        CheckoutAmounts amounts = CheckoutAmounts.of(s.amount(), discountAmount, tax);
        long taxAmount = amounts.taxAmount() == null ? 0 : amounts.taxAmount();
        String productName = product == null ? "Subscription" : product.name();
        OrderDraft order = new OrderDraft(organizationId, s.customerId(), s.productId(), s.priceId(),
                applied == null ? null : applied.id(), null, s.id(), Order.BillingReason.SUBSCRIPTION_CYCLE,
                amounts.netAmount() + discountAmount, discountAmount, taxAmount, s.currency(), customer.invoiceName(),
                customer.billingAddress(), customer.taxId(), s.customFieldData(), s.metadata(), null, null,
                List.of(new OrderDraft.ItemDraft(productName, amounts.netAmount(), taxAmount, false, s.priceId(), start, end)));
        String slug = organization.slug();
        return new RenewalQuote(s, start, end, applied == null ? null : applied.id(), discount.isPresent() && expired,
                amounts.netAmount() + taxAmount, order, organization.name() + " \u2014 " + productName,
                slug.length() > 15 ? slug.substring(0, 15) : slug);
    }

    /**
     * When the subscription's discount was first applied to a billed period (Polar's {@code discount_applied_at}):
     * the first period, or, after a trial (whose order is $0 and undiscounted), the first period after it.
     */
    static Instant discountAppliedAt(Subscription s) {
        return s.trialStart() != null && s.trialEnd() != null ? s.trialEnd() : s.startedAt();
    }

    /**
     * Polar's {@code is_repetition_expired}, in calendar months (UTC): {@code once} covers the first billed period
     * only; {@code repeating} N months covers periods starting no later than N-1 months after the first
     * application; {@code forever} never expires.
     */
    static boolean discountExpired(Discount discount, Instant appliedAt, Instant periodStart) {
        return switch (discount.duration()) {
            case ONCE -> periodStart.isAfter(appliedAt);
            case FOREVER -> false;
            case REPEATING -> discount.durationInMonths() != null && periodStart.isAfter(
                    appliedAt.atZone(ZoneOffset.UTC).plusMonths(discount.durationInMonths() - 1L).toInstant());
        };
    }

    private TaxResult tax(Subscription s, Customer customer, Instant periodStart, long taxable) {
        Address address = customer.billingAddress();
        if (address == null || taxable == 0) {
            return TaxResult.zero(TaxResult.Behavior.EXCLUSIVE);
        }
        ProductPrice price = products.findPrice(s.organizationId(), s.priceId()).orElse(null);
        TaxResult.Behavior behavior = behavior(price, address);
        TaxRequest request = new TaxRequest("renewal_" + s.id() + "_" + periodStart.toEpochMilli(), s.currency(), taxable, behavior,
                address, customer.taxId());
        return switch (taxes.calculate(request)) {
            case TaxOutcome.Calculated calculated -> new TaxResult(calculated.amount(), calculated.behavior());
            case TaxOutcome.LogicalError error -> {
                // The address was accepted at checkout; a location Stripe Tax no longer resolves is billed without tax.
                log.warn("Subscription {}: no tax for the renewal ({}); billed without tax", s.id(), error.message());
                yield TaxResult.zero(behavior);
            }
        };
    }

    private static TaxResult.Behavior behavior(ProductPrice price, Address address) {
        ProductPrice.TaxBehavior configured = price == null || price.taxBehavior() == null ? ProductPrice.TaxBehavior.LOCATION
                : price.taxBehavior();
        return switch (configured) {
            case INCLUSIVE -> TaxResult.Behavior.INCLUSIVE;
            case EXCLUSIVE -> TaxResult.Behavior.EXCLUSIVE;
            case LOCATION -> EXCLUSIVE_TAX_COUNTRIES.contains(address.country()) ? TaxResult.Behavior.EXCLUSIVE
                    : TaxResult.Behavior.INCLUSIVE;
        };
    }
}
