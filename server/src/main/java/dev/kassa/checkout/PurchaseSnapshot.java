package dev.kassa.checkout;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds;
import dev.kassa.platform.json.Json;
import dev.kassa.product.Product;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a buyer confirmed, priced and frozen in the payment attempt: fulfilment builds the order and the
 * subscription from it, never from the checkout's current fields (which the buyer may change again after a
 * failed payment). {@code chargedNow} is false when only a payment method is saved (a trial, a 100 % first
 * period), so the order then records that nothing was taken.
 */
record PurchaseSnapshot(UUID checkoutId, UUID organizationId, UUID customerId, UUID productId, String productName,
        UUID priceId, UUID discountId, String currency, long amount, long discountAmount, long netAmount, long taxAmount,
        long totalAmount, boolean chargedNow, Product.RecurringInterval recurringInterval, int recurringIntervalCount,
        Instant trialEnd, String billingName, Address billingAddress, String taxId, String taxIdFormat,
        Map<String, Object> customFieldData, Map<String, Object> metadata) {

    static PurchaseSnapshot of(CheckoutRow row, Product product, boolean chargedNow) {
        long tax = row.taxAmount == null ? 0 : row.taxAmount;
        return new PurchaseSnapshot(row.id, row.organizationId, row.customerId, product.id(), product.name(), row.productPriceId,
                row.discountId, row.currency, row.amount, row.discountAmount, row.netAmount, tax, row.netAmount + tax, chargedNow,
                product.recurringInterval(), product.recurringIntervalCount() == null ? 1 : product.recurringIntervalCount(),
                row.trialEnd, row.customerBillingName, row.customerBillingAddress, row.customerTaxId, row.customerTaxIdFormat,
                new java.util.LinkedHashMap<>(row.customFieldData), new java.util.LinkedHashMap<>(row.metadata));
    }

    boolean recurring() {
        return recurringInterval != null;
    }

    TaxIds.TaxId taxIdValue() {
        return taxId == null ? null : new TaxIds.TaxId(taxId, taxIdFormat);
    }

    String toJson() {
        return Json.write(this);
    }

    static PurchaseSnapshot fromJson(String json) {
        return Json.convert(Json.readMap(json), PurchaseSnapshot.class);
    }
}
