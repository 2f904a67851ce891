package dev.kassa.checkout;

import dev.kassa.address.TaxIds;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.money.CustomAmountRule;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules create and update share: discounts, pay-what-you-want amounts, seats, tax ids, and the open status. */
@Component
class CheckoutRules {

    private final DiscountService discounts;

    CheckoutRules(DiscountService discounts) {
        this.discounts = discounts;
    }

    /**
     * Reference 7.4, step 14: a buyer's update (not the confirm, which checks under the customer's lock) learns early
     * that the discount's per-customer limit is used up, by the checkout's customer or its email.
     */
    void requireCustomerCanRedeem(CheckoutRow row, Discount discount) {
        if (discount != null && discount.maxRedemptionsPerCustomer() != null
                && (row.customerId != null || row.customerEmail != null)
                && discounts.customerLimitReached(discount, row.customerId, row.customerEmail, row.id)) {
            throw new DiscountRedemptionLimitReached();
        }
    }

    Discount validDiscount(UUID organizationId, UUID id, String code, Product product, String currency,
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

    static void checkCustomAmount(ProductPrice.Custom price, long amount, ValidationErrors errors) {
        Optional<CustomAmountRule.Violation> violation = PriceSelection.checkCustomAmount(price, amount);
        violation.ifPresent(v -> errors.add(v.type(), List.of("body", "amount"), v.message(), amount));
    }

    static void seatFieldsError(List<String> seatFields, ValidationErrors errors) {
        for (String field : seatFields) {
            String noun = field.contains("seats") ? "Seats" : "Units";
            String message = field.startsWith("min_") || field.startsWith("max_")
                    ? field + " can only be set for " + (noun.equals("Seats") ? "seat" : "unit") + "-based pricing."
                    : noun + " can only be set for " + (noun.equals("Seats") ? "seat" : "unit") + "-based pricing.";
            errors.add("value_error", List.of("body", field), message, null);
        }
    }

    /** Validates a tax id against the billing country and stores it normalized with its format. */
    static void applyTaxId(CheckoutRow row, String taxId, ValidationErrors errors) {
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

    static void requireOpen(CheckoutRow row) {
        if (row.status != CheckoutStatus.OPEN) {
            throw new NotOpenCheckout(row.id, row.status);
        }
    }

    /** Marks an open checkout past its expiry as expired (Polar's on-update hook); true when it did. */
    static boolean expireIfDue(CheckoutRow row, Instant now) {
        if (row.status == CheckoutStatus.OPEN && !row.expiresAt.isAfter(now)) {
            row.status = CheckoutStatus.EXPIRED;
            row.modifiedAt = now;
            return true;
        }
        return false;
    }
}
