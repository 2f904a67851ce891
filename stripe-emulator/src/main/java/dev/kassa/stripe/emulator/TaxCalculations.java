package dev.kassa.stripe.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /v1/tax/calculations} and its reads: validates the request, applies {@link TaxRates}, renders the object. */
final class TaxCalculations {

    /**
     * A test trigger in the spirit of Stripe's magic test values: a calculation for an address whose first line
     * is this text fails with Stripe's HTTP 500 {@code api_error}, so clients can test how they handle an outage.
     */
    static final String TEST_API_ERROR_LINE = "tax_api_error";

    static final String KIND = "tax.calculation";
    static final long LIFETIME_SECONDS = 90L * 24 * 60 * 60;

    private static final Set<String> CREATE_PARAMS = Set.of("currency", "customer", "customer_details", "expand",
            "line_items", "ship_from_details", "shipping_cost", "tax_date");
    private static final Set<String> LINE_ITEM_PARAMS = Set.of("amount", "metadata", "product", "quantity",
            "reference", "tax_behavior", "tax_code");
    private static final Set<String> CUSTOMER_DETAILS_PARAMS = Set.of("address", "address_source", "ip_address",
            "tax_ids", "taxability_override");
    private static final Set<String> ADDRESS_PARAMS = Set.of("city", "country", "line1", "line2", "postal_code",
            "state");
    private static final Set<String> SHIPPING_COST_PARAMS = Set.of("amount", "shipping_rate", "tax_behavior",
            "tax_code");
    private static final Set<String> TAX_BEHAVIORS = Set.of("exclusive", "inclusive");
    private static final Pattern CURRENCY = Pattern.compile("[a-zA-Z]{3}");
    static final String DEFAULT_TAX_CODE = "txcd_10000000";
    static final String SHIPPING_TAX_CODE = "txcd_92010001";

    private final EmulatorStore store;

    TaxCalculations(EmulatorStore store) {
        this.store = store;
    }

    Map<String, Object> retrieve(String id) {
        return store.find(KIND, id).orElseThrow(() -> StripeApiException.resourceMissing("tax calculation", id, "calculation"));
    }

    Map<String, Object> lineItems(String id) {
        Object lineItems = retrieve(id).get("line_items");
        @SuppressWarnings("unchecked")
        Map<String, Object> list = (Map<String, Object>) lineItems;
        return list;
    }

    Map<String, Object> create(Params params, long now) {
        params.allowOnly(CREATE_PARAMS);
        String currency = params.required("currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw StripeApiException.invalidRequest("Invalid currency: " + currency.toLowerCase(Locale.ROOT)
                    + ". Stripe currently supports these currencies: ...", "currency");
        }
        currency = currency.toLowerCase(Locale.ROOT);
        List<?> rawLines = params.list("line_items");
        if (rawLines == null || rawLines.isEmpty()) {
            throw StripeApiException.missingParam("line_items");
        }
        Map<String, Object> customerDetails = customerDetails(params);
        String customerId = params.text("customer");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) customerDetails.get("address");
        if (address != null && TEST_API_ERROR_LINE.equals(address.get("line1"))) {
            throw StripeApiException.apiError("Emulated Stripe failure (address line1 '" + TEST_API_ERROR_LINE + "').");
        }
        TaxLocations.Resolved resolved;
        try {
            resolved = TaxLocations.resolve(address, "customer_details[address]");
        } catch (StripeApiException e) {
            // A stored customer's address was not sent in this request: name the customer instead.
            throw customerId == null ? e : StripeApiException.customerTaxLocationInvalid("customer");
        }
        TaxRates.Location location = TaxRates.locate(resolved.country(), resolved.taxState());
        String zeroReason = zeroReason(location, customerDetails);

        String id = Ids.next("taxcalc_");
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Map<String, Object>> components = new ArrayList<>();
        long total = 0;
        long exclusiveTax = 0;
        long inclusiveTax = 0;
        for (int i = 0; i < rawLines.size(); i++) {
            Params line = params.element("line_items", rawLines, i).allowOnly(LINE_ITEM_PARAMS);
            long amount = amount(line);
            Long quantity = line.integer("quantity");
            if (quantity != null && quantity < 1) {
                throw StripeApiException.invalidRequest("Invalid " + line.name("quantity")
                        + ": must be greater than or equal to 1", line.name("quantity"));
            }
            String behavior = Objects.requireNonNullElse(line.oneOf("tax_behavior", TAX_BEHAVIORS), "exclusive");
            String taxCode = Objects.requireNonNullElse(line.text("tax_code"), DEFAULT_TAX_CODE);
            Taxed taxed = tax(amount, behavior.equals("inclusive"), location, zeroReason);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", Ids.next("tax_li_"));
            item.put("object", "tax.calculation_line_item");
            item.put("amount", amount);
            item.put("amount_tax", taxed.tax());
            item.put("livemode", false);
            item.put("metadata", metadata(line));
            item.put("product", line.text("product"));
            item.put("quantity", quantity == null ? 1L : quantity);
            item.put("reference", line.text("reference"));
            item.put("tax_behavior", behavior);
            item.put("tax_breakdown", taxed.lineBreakdown());
            item.put("tax_code", taxCode);
            lines.add(item);
            components.addAll(taxed.components());
            total += behavior.equals("inclusive") ? amount : amount + taxed.tax();
            if (behavior.equals("inclusive")) {
                inclusiveTax += taxed.tax();
            } else {
                exclusiveTax += taxed.tax();
            }
        }

        Map<String, Object> shippingCost = null;
        Params shipping = params.hash("shipping_cost");
        if (shipping != null) {
            shipping.allowOnly(SHIPPING_COST_PARAMS);
            long amount = amount(shipping);
            String behavior = Objects.requireNonNullElse(shipping.oneOf("tax_behavior", TAX_BEHAVIORS), "exclusive");
            Taxed taxed = tax(amount, behavior.equals("inclusive"), location, zeroReason);
            shippingCost = new LinkedHashMap<>();
            shippingCost.put("amount", amount);
            shippingCost.put("amount_tax", taxed.tax());
            shippingCost.put("shipping_rate", shipping.text("shipping_rate"));
            shippingCost.put("tax_behavior", behavior);
            shippingCost.put("tax_breakdown", taxed.lineBreakdown());
            shippingCost.put("tax_code", Objects.requireNonNullElse(shipping.text("tax_code"), SHIPPING_TAX_CODE));
            components.addAll(taxed.components());
            total += behavior.equals("inclusive") ? amount : amount + taxed.tax();
            if (behavior.equals("inclusive")) {
                inclusiveTax += taxed.tax();
            } else {
                exclusiveTax += taxed.tax();
            }
        }
        Long taxDate = params.integer("tax_date");

        Map<String, Object> lineItems = new LinkedHashMap<>();
        lineItems.put("object", "list");
        lineItems.put("data", lines);
        lineItems.put("has_more", false);
        lineItems.put("total_count", (long) lines.size());
        lineItems.put("url", "/v1/tax/calculations/" + id + "/line_items");

        Map<String, Object> calculation = new LinkedHashMap<>();
        calculation.put("id", id);
        calculation.put("object", KIND);
        calculation.put("amount_total", total);
        calculation.put("currency", currency);
        calculation.put("customer", customerId);
        calculation.put("customer_details", customerDetails);
        calculation.put("expires_at", now + LIFETIME_SECONDS);
        calculation.put("line_items", lineItems);
        calculation.put("livemode", false);
        calculation.put("ship_from_details", null);
        calculation.put("shipping_cost", shippingCost);
        calculation.put("tax_amount_exclusive", exclusiveTax);
        calculation.put("tax_amount_inclusive", inclusiveTax);
        calculation.put("tax_breakdown", summarize(components));
        calculation.put("tax_date", taxDate == null ? now : taxDate);
        store.insert(KIND, id, calculation);
        return calculation;
    }

    /** {@code customer_details} as echoed in the response, taken from the request or from {@code customer}. */
    private Map<String, Object> customerDetails(Params params) {
        String customerId = params.text("customer");
        Params details = params.hash("customer_details");
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> address;
        List<Map<String, Object>> taxIds = new ArrayList<>();
        String addressSource;
        String override = "none";
        String ipAddress = null;
        if (customerId != null) {
            if (details != null) {
                throw StripeApiException.invalidRequest(
                        "You cannot specify both `customer` and `customer_details`.", "customer_details");
            }
            Map<String, Object> customer = Customers.live(store, customerId, "customer");
            @SuppressWarnings("unchecked")
            Map<String, Object> customerAddress = (Map<String, Object>) customer.get("address");
            if (customerAddress == null) {
                throw StripeApiException.customerTaxLocationInvalid("customer");
            }
            address = addressOut(customerAddress);
            addressSource = "billing";
            for (Map<String, Object> taxId : Customers.taxIdObjects(customer)) {
                taxIds.add(taxIdOut(String.valueOf(taxId.get("type")), String.valueOf(taxId.get("value"))));
            }
            if ("exempt".equals(customer.get("tax_exempt"))) {
                override = "customer_exempt";
            } else if ("reverse".equals(customer.get("tax_exempt"))) {
                override = "reverse_charge";
            }
        } else {
            if (details == null) {
                throw StripeApiException.missingParam("customer_details[address][country]");
            }
            details.allowOnly(CUSTOMER_DETAILS_PARAMS);
            Params addressParams = details.hash("address");
            if (addressParams == null) {
                throw StripeApiException.missingParam("customer_details[address][country]");
            }
            addressParams.allowOnly(ADDRESS_PARAMS);
            for (String key : ADDRESS_PARAMS) {
                addressParams.string(key);
            }
            address = addressOut(addressParams.raw());
            addressSource = details.oneOf("address_source", Set.of("billing", "shipping"));
            ipAddress = details.text("ip_address");
            List<?> ids = details.list("tax_ids");
            if (ids != null) {
                for (int i = 0; i < ids.size(); i++) {
                    Params taxId = details.element("tax_ids", ids, i).allowOnly(Set.of("type", "value"));
                    taxIds.add(taxIdOut(taxId.required("type"), taxId.required("value")));
                }
            }
            override = Objects.requireNonNullElse(details.oneOf("taxability_override",
                    Set.of("none", "customer_exempt", "reverse_charge")), "none");
        }
        result.put("address", address);
        result.put("address_source", addressSource);
        result.put("ip_address", ipAddress);
        result.put("tax_ids", taxIds);
        result.put("taxability_override", override);
        return result;
    }

    private static Map<String, Object> addressOut(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
            Object value = in.get(key);
            out.put(key, value instanceof String s && !s.isEmpty()
                    ? (key.equals("country") ? s.toUpperCase(Locale.ROOT) : s) : null);
        }
        return out;
    }

    private static Map<String, Object> taxIdOut(String type, String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("value", value);
        return out;
    }

    /** Why tax is 0 at this location for this customer, or null when standard rates apply. */
    private static String zeroReason(TaxRates.Location location, Map<String, Object> customerDetails) {
        Object override = customerDetails.get("taxability_override");
        if ("customer_exempt".equals(override)) {
            return "customer_exempt";
        }
        if ("reverse_charge".equals(override)) {
            return "reverse_charge";
        }
        List<?> taxIds = (List<?>) customerDetails.get("tax_ids");
        if (!taxIds.isEmpty() && TaxRates.REVERSE_CHARGE_COUNTRIES.contains(location.country())) {
            return "reverse_charge";
        }
        return location.collecting() ? null : "not_collecting";
    }

    private static long amount(Params item) {
        Long amount = item.integer("amount");
        if (amount == null) {
            throw StripeApiException.missingParam(item.name("amount"));
        }
        if (amount < 0) {
            throw StripeApiException.invalidRequest("Invalid " + item.name("amount")
                    + ": must be greater than or equal to 0", item.name("amount"));
        }
        return amount;
    }

    private static Map<String, Object> metadata(Params line) {
        Params metadata = line.hash("metadata");
        Map<String, Object> out = new LinkedHashMap<>();
        if (metadata != null) {
            for (String key : metadata.raw().keySet()) {
                String value = metadata.string(key);
                if (value != null && !value.isEmpty()) {
                    out.put(key, value);
                }
            }
        }
        return out;
    }

    /** One line's (or the shipping cost's) tax: its total, its breakdown, and the parts for the summary. */
    private record Taxed(long tax, List<Map<String, Object>> lineBreakdown, List<Map<String, Object>> components) {
    }

    private static Taxed tax(long amount, boolean inclusive, TaxRates.Location location, String zeroReason) {
        List<Map<String, Object>> breakdown = new ArrayList<>();
        List<Map<String, Object>> components = new ArrayList<>();
        if (zeroReason != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("amount", 0L);
            entry.put("jurisdiction", jurisdiction(location.country(), location.state(),
                    location.state() == null ? "country" : "state",
                    location.state() == null ? TaxRates.countryName(location.country()) : location.state()));
            entry.put("sourcing", "destination");
            entry.put("tax_rate_details", null);
            entry.put("taxability_reason", zeroReason);
            entry.put("taxable_amount", 0L);
            breakdown.add(entry);
            String taxType = zeroReason.equals("reverse_charge") && location.taxType() == null ? "vat" : location.taxType();
            components.add(component(0, 0, inclusive, location.country(), location.state(), BigDecimal.ZERO, taxType,
                    zeroReason));
            return new Taxed(0, breakdown, components);
        }
        List<BigDecimal> percents = location.rates().stream().map(TaxRates.Rate::percentage).toList();
        List<Long> taxes = inclusive ? TaxMath.inclusiveTaxes(amount, percents) : TaxMath.exclusiveTaxes(amount, percents);
        long total = taxes.stream().mapToLong(Long::longValue).sum();
        long taxable = inclusive ? amount - total : amount;
        for (int i = 0; i < percents.size(); i++) {
            TaxRates.Rate rate = location.rates().get(i);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("display_name", rate.displayName());
            details.put("percentage_decimal", TaxRates.percentageDecimal(rate.percentage()));
            details.put("tax_type", rate.taxType());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("amount", taxes.get(i));
            entry.put("jurisdiction", jurisdiction(location.country(), rate.state(), rate.level(), rate.jurisdiction()));
            entry.put("sourcing", "destination");
            entry.put("tax_rate_details", details);
            entry.put("taxability_reason", "standard_rated");
            entry.put("taxable_amount", taxable);
            breakdown.add(entry);
            components.add(component(taxes.get(i), taxable, inclusive, location.country(), rate.state(),
                    rate.percentage(), rate.taxType(), "standard_rated"));
        }
        return new Taxed(total, breakdown, components);
    }

    private static Map<String, Object> jurisdiction(String country, String state, String level, String name) {
        Map<String, Object> jurisdiction = new LinkedHashMap<>();
        jurisdiction.put("country", country);
        jurisdiction.put("display_name", name);
        jurisdiction.put("level", level);
        jurisdiction.put("state", state);
        return jurisdiction;
    }

    /** A top-level {@code tax_breakdown} entry for one line and one rate, before entries are merged. */
    private static Map<String, Object> component(long amount, long taxable, boolean inclusive, String country,
            String state, BigDecimal percent, String taxType, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("country", country);
        details.put("flat_amount", null);
        details.put("percentage_decimal", TaxRates.percentageDecimal(percent));
        details.put("rate_type", "percentage");
        details.put("state", state);
        details.put("tax_type", taxType);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("amount", amount);
        entry.put("inclusive", inclusive);
        entry.put("tax_rate_details", details);
        entry.put("taxability_reason", reason);
        entry.put("taxable_amount", taxable);
        return entry;
    }

    /** Merges entries that share inclusiveness, rate details and reason, adding amounts and taxable amounts. */
    private static List<Map<String, Object>> summarize(List<Map<String, Object>> components) {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Map<String, Object> component : components) {
            String key = component.get("inclusive") + "|" + component.get("tax_rate_details") + "|"
                    + component.get("taxability_reason");
            Map<String, Object> existing = merged.get(key);
            if (existing == null) {
                merged.put(key, new LinkedHashMap<>(component));
            } else {
                existing.put("amount", (Long) existing.get("amount") + (Long) component.get("amount"));
                existing.put("taxable_amount",
                        (Long) existing.get("taxable_amount") + (Long) component.get("taxable_amount"));
            }
        }
        return new ArrayList<>(merged.values());
    }
}
