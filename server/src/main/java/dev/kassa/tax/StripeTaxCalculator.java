package dev.kassa.tax;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.tax.Calculation;
import com.stripe.net.RequestOptions;
import com.stripe.param.tax.CalculationCreateParams;
import com.stripe.param.tax.CalculationCreateParams.CustomerDetails;
import com.stripe.param.tax.CalculationCreateParams.LineItem;
import dev.kassa.address.Address;
import dev.kassa.payment.stripe.StripeAccess;
import dev.kassa.platform.json.Json;
import dev.kassa.pricing.TaxResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Stripe Tax ({@code POST /v1/tax/calculations}) through Kassa's one Stripe client. */
@Component
class StripeTaxCalculator implements TaxCalculator {

    /** Tax id types Stripe Tax takes for reverse charge; others (Polar's example: mu_tan) are left out. */
    private static final Set<String> STRIPE_TAX_ID_TYPES = Set.of("eu_vat", "gb_vat", "ch_vat", "ch_uid", "no_vat", "au_abn",
            "ca_bn", "ca_gst_hst", "ca_qst", "ca_pst_bc", "ca_pst_mb", "ca_pst_sk", "us_ein", "nz_gst");

    private final StripeAccess stripe;

    StripeTaxCalculator(StripeAccess stripe) {
        this.stripe = stripe;
    }

    @Override
    public TaxOutcome calculate(TaxRequest request) {
        Address address = request.address();
        CustomerDetails.Address.Builder stripeAddress = CustomerDetails.Address.builder().setCountry(address.country());
        if (address.line1() != null) {
            stripeAddress.setLine1(address.line1());
        }
        if (address.line2() != null) {
            stripeAddress.setLine2(address.line2());
        }
        if (address.city() != null) {
            stripeAddress.setCity(address.city());
        }
        if (address.postalCode() != null) {
            stripeAddress.setPostalCode(address.postalCode());
        }
        if (address.state() != null) {
            stripeAddress.setState(address.unprefixedState());
        }
        CustomerDetails.Builder customer = CustomerDetails.builder()
                .setAddress(stripeAddress.build())
                .setAddressSource(CustomerDetails.AddressSource.BILLING)
                .setTaxabilityOverride(CustomerDetails.TaxabilityOverride.NONE);
        if (request.taxId() != null && STRIPE_TAX_ID_TYPES.contains(request.taxId().format())) {
            customer.addTaxId(CustomerDetails.TaxId.builder()
                    .setType(CustomerDetails.TaxId.Type.valueOf(request.taxId().format().toUpperCase()))
                    .setValue(request.taxId().value())
                    .build());
        }
        CalculationCreateParams params = CalculationCreateParams.builder()
                .setCurrency(request.currency())
                .setCustomerDetails(customer.build())
                .addLineItem(LineItem.builder()
                        .setAmount(request.amount())
                        .setQuantity(1L)
                        .setReference(request.reference())
                        .setTaxCode(TaxRequest.TAX_CODE)
                        .setTaxBehavior(request.behavior() == TaxResult.Behavior.INCLUSIVE
                                ? LineItem.TaxBehavior.INCLUSIVE : LineItem.TaxBehavior.EXCLUSIVE)
                        .build())
                .build();
        try {
            Calculation calculation = createWaitingForTheSameRequest(params, request.inputsHash());
            long exclusive = calculation.getTaxAmountExclusive() == null ? 0 : calculation.getTaxAmountExclusive();
            long inclusive = calculation.getTaxAmountInclusive() == null ? 0 : calculation.getTaxAmountInclusive();
            return new TaxOutcome.Calculated(Math.addExact(exclusive, inclusive), request.behavior(), calculation.getId(),
                    Json.write(breakdown(calculation)));
        } catch (InvalidRequestException e) {
            if ("customer_tax_location_invalid".equals(e.getCode())) {
                return new TaxOutcome.LogicalError(TaxOutcome.LogicalError.LOCATION_INVALID);
            }
            if (e.getParam() != null && e.getParam().startsWith("customer_details[address]")) {
                return new TaxOutcome.LogicalError(TaxOutcome.LogicalError.LOCATION_MISSING);
            }
            throw new TaxCalculationTechnicalError(e);
        } catch (StripeException | RuntimeException e) {
            throw new TaxCalculationTechnicalError(e);
        }
    }

    /**
     * Equal inputs share one idempotency key, so two requests of one checkout with the same address (a buyer's
     * double click) may overlap: Stripe answers the second 409 {@code idempotency_key_in_use} while the first runs.
     * It is retried a few times shortly after, when Stripe replays the first one's result.
     */
    private Calculation createWaitingForTheSameRequest(CalculationCreateParams params, String key) throws StripeException {
        for (int attempt = 1; ; attempt++) {
            try {
                return stripe.client().v1().tax().calculations().create(params, RequestOptions.builder().setIdempotencyKey(key).build());
            } catch (StripeException e) {
                // stripe-java 33 raises this 409 as an ApiException, not an IdempotencyException: match Stripe's code.
                if (attempt >= IN_USE_RETRIES || !"idempotency_key_in_use".equals(e.getCode())) {
                    throw e;
                }
                try {
                    Thread.sleep(IN_USE_RETRY_DELAY_MS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static final int IN_USE_RETRIES = 5;
    private static final long IN_USE_RETRY_DELAY_MS = 50;

    private static List<Map<String, Object>> breakdown(Calculation calculation) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (calculation.getTaxBreakdown() == null) {
            return items;
        }
        for (Calculation.TaxBreakdown entry : calculation.getTaxBreakdown()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("amount", entry.getAmount());
            item.put("inclusive", entry.getInclusive());
            item.put("taxable_amount", entry.getTaxableAmount());
            item.put("taxability_reason", entry.getTaxabilityReason());
            if (entry.getTaxRateDetails() != null) {
                item.put("country", entry.getTaxRateDetails().getCountry());
                item.put("state", entry.getTaxRateDetails().getState());
                item.put("tax_type", entry.getTaxRateDetails().getTaxType());
                item.put("rate", entry.getTaxRateDetails().getPercentageDecimal());
            }
            items.add(item);
        }
        return items;
    }
}
