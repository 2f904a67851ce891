package dev.kassa.checkout;

import dev.kassa.checkout.CheckoutCommands.CheckoutUpdate;
import dev.kassa.customfield.CustomFieldData;
import dev.kassa.discount.Discount;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The update algorithm (reference 7.4), shared by the merchant's update, the buyer's update and the buyer's
 * confirm: it applies a request's changes to a locked checkout row in Polar's order and recomputes its derived
 * state.
 */
@Component
class UpdateCheckout {

    /** Who is updating: the merchant, the buyer, or the buyer's confirm (stricter: required fields and tax). */
    enum Mode {
        MERCHANT, CLIENT, CONFIRM
    }

    /** The state a confirm continues from: the updated row's context, and a tax problem to report with the rest. */
    record Applied(CheckoutContext context, String taxError) {
    }

    private final CheckoutRepository checkouts;
    private final CheckoutRules rules;
    private final CheckoutContexts contexts;
    private final Clock clock;
    private final CheckoutEvents events;
    private final CheckoutWebhooks webhooks;
    private final SubscriptionUniqueness uniqueness;

    UpdateCheckout(CheckoutRepository checkouts, CheckoutRules rules, CheckoutContexts contexts, Clock clock,
            CheckoutEvents events, CheckoutWebhooks webhooks, SubscriptionUniqueness uniqueness) {
        this.webhooks = webhooks;
        this.uniqueness = uniqueness;
        this.checkouts = checkouts;
        this.rules = rules;
        this.contexts = contexts;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Applies an update in Polar's order (reference 7.4) and saves it, except for a confirm, which saves once its
     * payment step is done.
     */
    Applied apply(CheckoutRow row, CheckoutUpdate command, List<String> seatFields, Mode mode, TaxQuotes quotes) {
        boolean publicUpdate = mode != Mode.MERCHANT;
        Instant now = now();
        // An open checkout past its expiry is expired (the expiry job records it within a minute).
        CheckoutRules.expireIfDue(row, now);
        CheckoutRules.requireOpen(row);
        ValidationErrors errors = new ValidationErrors();
        CheckoutContext context = contexts.load(row);
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
            CheckoutRules.checkCustomAmount(custom, command.amount().value(), errors);
            row.customAmount = command.amount().value();
        }
        CheckoutRules.seatFieldsError(seatFields, errors);

        if (!publicUpdate && command.discountId().present()) {
            discount = command.discountId().value() == null ? null : rules.validDiscount(row.organizationId, command.discountId().value(),
                    null, product, currency, set, List.of("body", "discount_id"), now, errors);
            row.discountId = discount == null ? null : discount.id();
        }
        if (publicUpdate && command.discountCode().present() && row.allowDiscountCodes) {
            String code = command.discountCode().value();
            discount = code == null || code.isEmpty() ? null : rules.validDiscount(row.organizationId, null, code, product, currency, set,
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
            CheckoutRules.applyTaxId(row, command.customerTaxId().value(), errors);
        } else if (row.customerTaxId != null) {
            CheckoutRules.applyTaxId(row, row.customerTaxId, errors);
        }

        List<CustomFieldData.AttachedField> attached = product.id().equals(context.product().id())
                ? context.attachedFields() : contexts.attachedFields(row.organizationId, product);
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

        if (mode == Mode.CLIENT) {
            rules.requireCustomerCanRedeem(row, discount);
        }
        uniqueness.requireNoneActive(row, product);

        CheckoutContext updated = new CheckoutContext(context.organization(), context.products(), product, price, discount, attached);
        String taxError = CheckoutDerivedState.recompute(row, updated, now, quotes);
        row.modifiedAt = now;
        if (mode != Mode.CONFIRM) {
            checkouts.update(row);
            events.updated(row);
        }
        // A confirm saves the row itself; the event's data is read at commit, so it shows the confirmed checkout.
        webhooks.updated(row);
        return new Applied(updated, taxError);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
