package dev.kassa.checkout;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds;
import dev.kassa.discount.Discount;
import dev.kassa.pricing.CheckoutAmounts;
import dev.kassa.pricing.PaymentFlags;
import dev.kassa.pricing.TaxResult;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.tax.TaxOutcome;
import dev.kassa.tax.TaxRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * A checkout's derived state, recomputed after every change (reference 3.6 and 7.4): trial end, amounts, tax,
 * the payment flags, and Polar's reset rule for checkouts that need no payment form. Pure except for the tax
 * quotes, which are fetched outside any transaction ({@link TaxQuotes}).
 */
final class CheckoutDerivedState {

    private static final Set<String> EXCLUSIVE_TAX_COUNTRIES = Set.of("US", "CA", "IN");

    private CheckoutDerivedState() {
    }

    /**
     * Trial end, amounts and tax, then Polar's reset rule for checkouts that need no payment form.
     *
     * @return a logical tax error (the tax fields are then cleared): silent at create and update, a 422 at confirm
     */
    static String recompute(CheckoutRow row, CheckoutContext context, Instant now, TaxQuotes quotes) {
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
    private static String updateTax(CheckoutRow row, CheckoutContext context, PaymentFlags flags, TaxQuotes quotes) {
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

    static PaymentFlags flags(CheckoutRow row, CheckoutContext context) {
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
}
