package dev.kassa.checkout;

import dev.kassa.address.BillingAddressFields;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.discount.Discount;
import dev.kassa.organization.Organization;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.pricing.PaymentFlags;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON of Polar's {@code Checkout} (merchant) and {@code CheckoutPublic} (buyer) schemas, in Polar's field
 * order. Built as ordered maps because the two schemas share most of some sixty fields.
 */
final class CheckoutViews {

    private CheckoutViews() {
    }

    static Map<String, Object> merchant(CheckoutRow row, CheckoutContext context, PaymentFlags flags, KassaSettings settings) {
        Map<String, Object> json = base(row, context, flags, settings);
        json.put("metadata", row.metadata);
        json.put("trial_interval", row.trialInterval);
        json.put("trial_interval_count", row.trialIntervalCount);
        json.put("external_customer_id", row.externalCustomerId);
        json.put("customer_external_id", row.externalCustomerId);
        selection(json, row, context);
        json.put("subscription_id", row.subscriptionId);
        json.put("attached_custom_fields", attachedFields(context));
        json.put("customer_metadata", row.customerMetadata);
        return json;
    }

    static Map<String, Object> client(CheckoutRow row, CheckoutContext context, PaymentFlags flags, KassaSettings settings) {
        Map<String, Object> json = base(row, context, flags, settings);
        selection(json, row, context);
        json.put("organization", dev.kassa.organization.PublicOrganizationView.of(context.organization()));
        json.put("attached_custom_fields", attachedFields(context));
        return json;
    }

    private static Map<String, Object> base(CheckoutRow row, CheckoutContext context, PaymentFlags flags, KassaSettings settings) {
        String base = settings.publicBaseUrlWithoutTrailingSlash();
        List<ProductPrice> set = context.priceSet(row.currency);
        long total = row.netAmount + (row.taxAmount == null ? 0 : row.taxAmount);
        boolean recurring = context.product().recurring();
        boolean trialApplies = row.allowTrial && recurring;
        boolean billingAddressRequired = row.requireBillingAddress || row.businessCustomer
                || "upi".equals(row.paymentMethodType);
        String country = row.customerBillingAddress == null ? null : row.customerBillingAddress.country();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.id);
        json.put("created_at", row.createdAt);
        json.put("modified_at", row.modifiedAt);
        json.put("custom_field_data", row.customFieldData);
        json.put("payment_processor", "stripe");
        json.put("status", row.status.wireName());
        json.put("client_secret", row.clientSecret);
        json.put("url", base + "/checkout/" + row.clientSecret);
        json.put("expires_at", row.expiresAt);
        json.put("success_url", row.successUrl == null
                ? base + "/checkout/" + row.clientSecret + "/confirmation"
                : row.successUrl.replace("{CHECKOUT_ID}", row.id.toString()));
        json.put("return_url", row.returnUrl);
        json.put("embed_origin", row.embedOrigin);
        json.put("amount", row.amount);
        json.put("discount_amount", row.discountAmount);
        json.put("net_amount", row.netAmount);
        json.put("tax_amount", row.taxAmount);
        json.put("tax_behavior", row.taxBehavior);
        json.put("total_amount", total);
        json.put("subtotal_amount", row.netAmount);
        json.put("currency", row.currency);
        json.put("seats", null);
        json.put("min_seats", null);
        json.put("max_seats", null);
        json.put("units", null);
        json.put("min_units", null);
        json.put("max_units", null);
        json.put("allow_trial", row.allowTrial);
        json.put("active_trial_interval", trialApplies ? row.trialInterval : null);
        json.put("active_trial_interval_count", trialApplies ? row.trialIntervalCount : null);
        json.put("trial_end", row.trialEnd);
        json.put("organization_id", row.organizationId);
        json.put("product_id", row.productId);
        json.put("product_price_id", row.productPriceId);
        json.put("discount_id", row.discountId);
        json.put("allow_discount_codes", row.allowDiscountCodes);
        json.put("require_billing_address", row.requireBillingAddress);
        json.put("is_discount_applicable", PriceSelection.discountable(set));
        json.put("is_free_product_price", PriceSelection.allFree(set));
        json.put("is_payment_required", flags.paymentRequired());
        json.put("is_payment_setup_required", flags.paymentSetupRequired());
        json.put("is_payment_form_required", flags.paymentFormRequired());
        json.put("customer_id", row.customerId);
        json.put("is_business_customer", row.businessCustomer);
        json.put("customer_name", row.customerName);
        json.put("customer_email", row.customerEmail);
        json.put("customer_ip_address", row.customerIpAddress);
        json.put("customer_billing_name", row.customerBillingName);
        json.put("customer_billing_address", row.customerBillingAddress == null ? null : row.customerBillingAddress.toJson());
        json.put("customer_tax_id", row.customerTaxId);
        json.put("locale", row.locale);
        json.put("payment_method_type", row.paymentMethodType);
        json.put("payment_processor_metadata", stringValues(row.paymentProcessorMetadata));
        json.put("billing_address_fields", BillingAddressFields.of(billingAddressRequired, country).toJson());
        json.put("customer_billing_address_fields", BillingAddressFields.deprecatedBooleans(billingAddressRequired, country));
        return json;
    }

    /** {@code products}, {@code product}, {@code product_price}, {@code prices} and {@code discount}. */
    private static void selection(Map<String, Object> json, CheckoutRow row, CheckoutContext context) {
        json.put("products", row.productIds.stream().map(id -> product(context.products().get(id))).toList());
        json.put("product", product(context.product()));
        json.put("product_price", ProductView.PriceView.of(context.price(), intervalOf(context.product())));
        Map<String, Object> prices = new LinkedHashMap<>();
        for (UUID id : row.productIds) {
            Product product = context.products().get(id);
            prices.put(id.toString(), product.prices().stream().map(p -> ProductView.PriceView.of(p, intervalOf(product))).toList());
        }
        json.put("prices", prices);
        json.put("discount", context.discount() == null ? null : discount(context.discount(), row.currency));
    }

    /** Polar's {@code CheckoutProduct}: the product without its metadata and custom fields, which stay private. */
    private static Map<String, Object> product(Product product) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created_at", product.createdAt());
        json.put("modified_at", product.modifiedAt());
        json.put("id", product.id());
        json.put("name", product.name());
        json.put("description", product.description());
        json.put("recurring_interval", intervalOf(product));
        json.put("recurring_interval_count", product.recurringIntervalCount());
        json.put("is_recurring", product.recurring());
        json.put("is_archived", product.archived());
        json.put("organization_id", product.organizationId());
        json.put("prices", product.prices().stream().map(p -> ProductView.PriceView.of(p, intervalOf(product))).toList());
        json.put("benefits", List.of());
        json.put("medias", List.of());
        return json;
    }

    /** Polar's {@code CheckoutDiscount*} union: the fields a buyer may see. */
    private static Map<String, Object> discount(Discount discount, String currency) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("duration", discount.duration().wireName());
        if (discount.durationInMonths() != null) {
            json.put("duration_in_months", discount.durationInMonths());
        }
        json.put("type", discount.type().wireName());
        switch (discount) {
            case Discount.Fixed fixed -> {
                String shown = fixed.amounts().containsKey(currency) ? currency : fixed.currency();
                json.put("amount", fixed.amounts().get(shown));
                json.put("currency", shown);
                json.put("amounts", fixed.amounts());
            }
            case Discount.Percentage percentage -> json.put("basis_points", percentage.basisPoints());
        }
        json.put("id", discount.id());
        json.put("name", discount.name());
        json.put("code", discount.code());
        return json;
    }

    private static List<ProductView.AttachedCustomFieldView> attachedFields(CheckoutContext context) {
        List<ProductView.AttachedCustomFieldView> views = new java.util.ArrayList<>();
        List<CustomFieldData.AttachedField> attached = context.attachedFields();
        for (int order = 0; order < attached.size(); order++) {
            CustomFieldData.AttachedField field = attached.get(order);
            views.add(new ProductView.AttachedCustomFieldView(field.field().id(), field.field(), order, field.required()));
        }
        return views;
    }

    private static String intervalOf(Product product) {
        return product.recurringInterval() == null ? null : product.recurringInterval().wireName();
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
