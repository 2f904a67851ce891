package dev.kassa.checkout;

import dev.kassa.address.BillingAddressFields;
import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.checkout.schemas.CheckoutBase;
import dev.kassa.checkout.schemas.CheckoutPublic;
import dev.kassa.checkout.schemas.CheckoutPublicConfirmed;
import dev.kassa.checkout.schemas.CheckoutSelection;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.discount.schemas.DiscountEmbeds;
import dev.kassa.organization.schemas.OrganizationSchemas;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.pricing.PaymentFlags;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.schemas.AttachedCustomField;
import dev.kassa.product.schemas.ProductSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds Polar's checkout schemas ({@code Checkout}, {@code CheckoutPublic}, {@code CheckoutPublicConfirmed}). */
final class CheckoutSchemas {

    private CheckoutSchemas() {
    }

    static Checkout merchant(CheckoutRow row, CheckoutContext context, PaymentFlags flags, KassaSettings settings) {
        return new Checkout(base(row, context, flags, settings), row.trialInterval, row.trialIntervalCount, row.metadata,
                row.externalCustomerId, row.externalCustomerId, selection(row, context), row.subscriptionId,
                attachedFields(context), row.customerMetadata);
    }

    static CheckoutPublic client(CheckoutRow row, CheckoutContext context, PaymentFlags flags, KassaSettings settings) {
        return new CheckoutPublic(base(row, context, flags, settings), selection(row, context),
                OrganizationSchemas.checkout(context.organization()), attachedFields(context));
    }

    /** The buyer's checkout as confirming answers it: {@code row} is already {@code confirmed}. */
    static CheckoutPublicConfirmed confirmed(CheckoutRow row, CheckoutContext context, PaymentFlags flags,
            KassaSettings settings, String customerSessionToken) {
        return new CheckoutPublicConfirmed(base(row, context, flags, settings), selection(row, context),
                OrganizationSchemas.checkout(context.organization()), attachedFields(context), customerSessionToken);
    }

    private static CheckoutBase base(CheckoutRow row, CheckoutContext context, PaymentFlags flags, KassaSettings settings) {
        String base = settings.publicBaseUrlWithoutTrailingSlash();
        List<ProductPrice> set = context.priceSet(row.currency);
        long total = row.netAmount + (row.taxAmount == null ? 0 : row.taxAmount);
        boolean trialApplies = row.allowTrial && context.product().recurring();
        boolean billingAddressRequired = row.requireBillingAddress || row.businessCustomer
                || "upi".equals(row.paymentMethodType);
        String country = row.customerBillingAddress == null ? null : row.customerBillingAddress.country();
        String successUrl = row.successUrl == null
                ? base + "/checkout/" + row.clientSecret + "/confirmation"
                : row.successUrl.replace("{CHECKOUT_ID}", row.id.toString());
        return new CheckoutBase(row.id, row.createdAt, row.modifiedAt, row.customFieldData, "stripe",
                row.status.wireName(), row.clientSecret, base + "/checkout/" + row.clientSecret, row.expiresAt,
                successUrl, row.returnUrl, row.embedOrigin, row.amount, null, null, null, null, null, null,
                row.discountAmount, row.netAmount, row.taxAmount, row.taxBehavior, total, row.netAmount, row.currency,
                row.allowTrial, trialApplies ? row.trialInterval : null, trialApplies ? row.trialIntervalCount : null,
                row.trialEnd, row.organizationId, row.productId, row.productPriceId, row.discountId,
                row.allowDiscountCodes, row.requireBillingAddress, PriceSelection.discountable(set),
                PriceSelection.allFree(set), flags.paymentRequired(), flags.paymentSetupRequired(),
                flags.paymentFormRequired(), row.customerId, row.businessCustomer, row.customerName, row.customerEmail,
                row.customerIpAddress, row.customerBillingName,
                row.customerBillingAddress == null ? null : row.customerBillingAddress.toJson(), row.customerTaxId,
                row.locale, row.paymentMethodType, stringValues(row.paymentProcessorMetadata),
                BillingAddressFields.of(billingAddressRequired, country).toJson(),
                BillingAddressFields.deprecatedBooleans(billingAddressRequired, country));
    }

    private static CheckoutSelection selection(CheckoutRow row, CheckoutContext context) {
        Map<String, List<dev.kassa.product.schemas.ProductPrice>> prices = new LinkedHashMap<>();
        for (UUID id : row.productIds) {
            prices.put(id.toString(), ProductSchemas.prices(context.products().get(id)));
        }
        return new CheckoutSelection(
                row.productIds.stream().map(id -> ProductSchemas.checkout(context.products().get(id))).toList(),
                ProductSchemas.checkout(context.product()), ProductSchemas.price(context.price(), context.product()),
                prices, context.discount() == null ? null : DiscountEmbeds.checkout(context.discount(), row.currency));
    }

    private static List<AttachedCustomField> attachedFields(CheckoutContext context) {
        List<AttachedCustomField> views = new ArrayList<>();
        List<CustomFieldData.AttachedField> attached = context.attachedFields();
        for (int order = 0; order < attached.size(); order++) {
            CustomFieldData.AttachedField field = attached.get(order);
            views.add(new AttachedCustomField(field.field().id(), field.field(), order, field.required()));
        }
        return views;
    }

    /** Polar's {@code payment_processor_metadata} is a map of strings; absent values are left out, never null. */
    private static Map<String, String> stringValues(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value != null) {
                strings.put(key, value.toString());
            }
        });
        return strings;
    }
}
