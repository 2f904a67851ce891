package dev.kassa.address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which billing address fields a checkout asks for (Polar's {@code billing_address_fields} and the deprecated
 * {@code customer_billing_address_fields}), and the address rules of create and confirm built on them.
 *
 * <p>{@code billingAddressRequired} is the checkout's {@code require_billing_address OR is_business_customer};
 * {@code country} is the billing address country, or null when there is no address. A US address always asks for
 * the full address.
 */
public record BillingAddressFields(Mode country, Mode state, Mode line1, Mode line2, Mode city, Mode postalCode) {

    public enum Mode {
        REQUIRED("required"), OPTIONAL("optional"), DISABLED("disabled");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public static BillingAddressFields of(boolean billingAddressRequired, String country) {
        boolean full = isFull(billingAddressRequired, country);
        Mode whenFull = full ? Mode.REQUIRED : Mode.DISABLED;
        Mode state = hasSubdivisions(country) ? Mode.REQUIRED : full ? Mode.OPTIONAL : Mode.DISABLED;
        return new BillingAddressFields(Mode.REQUIRED, state, whenFull, full ? Mode.OPTIONAL : Mode.DISABLED,
                whenFull, whenFull);
    }

    /** The full address is asked for when it is required or the country is US. */
    public static boolean isFull(boolean billingAddressRequired, String country) {
        return billingAddressRequired || "US".equals(country);
    }

    private static boolean hasSubdivisions(String country) {
        return "US".equals(country) || "CA".equals(country);
    }

    /** {@code billing_address_fields}, in Polar's key order. */
    public Map<String, String> toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("country", country.value());
        json.put("state", state.value());
        json.put("line1", line1.value());
        json.put("line2", line2.value());
        json.put("city", city.value());
        json.put("postal_code", postalCode.value());
        return Collections.unmodifiableMap(json);
    }

    /**
     * The deprecated {@code customer_billing_address_fields}: country always true, state only for US/CA, line1, city
     * and postal code when the full address is asked for, line2 never.
     */
    public static Map<String, Boolean> deprecatedBooleans(boolean billingAddressRequired, String country) {
        boolean full = isFull(billingAddressRequired, country);
        Map<String, Boolean> json = new LinkedHashMap<>();
        json.put("country", true);
        json.put("state", hasSubdivisions(country));
        json.put("line1", full);
        json.put("line2", false);
        json.put("city", full);
        json.put("postal_code", full);
        return Collections.unmodifiableMap(json);
    }

    /**
     * Whether a preset billing address given at create turns {@code require_billing_address} on: it has an address
     * line (line1, line2, city or postal code), or a state outside US and CA (where the state alone is not enough).
     */
    public static boolean impliesRequireBillingAddress(Address preset) {
        if (preset == null) {
            return false;
        }
        return preset.hasAddress() || (preset.hasState() && !hasSubdivisions(preset.country()));
    }

    /**
     * The billing address paths (after {@code "body"}) a confirm still misses, in sorted order:
     * {@code ["customer_billing_address"]} when there is no address, then each required subfield that is unset
     * ({@code country}; {@code state} for US/CA; {@code line1}, {@code city}, {@code postal_code} when {@code full},
     * see {@link #isFull}). Each becomes {@code {"type":"missing","msg":"Field is required."}}.
     */
    public static List<List<String>> missingForConfirm(Address address, boolean full) {
        String country = address == null ? null : address.country();
        Map<String, Boolean> required = deprecatedBooleans(full, country);
        List<List<String>> missing = new ArrayList<>();
        if (address == null) {
            missing.add(List.of("customer_billing_address"));
        }
        List<String> subfields = new ArrayList<>();
        for (Map.Entry<String, Boolean> field : required.entrySet()) {
            if (field.getValue() && valueOf(address, field.getKey()) == null) {
                subfields.add(field.getKey());
            }
        }
        Collections.sort(subfields);
        for (String field : subfields) {
            missing.add(List.of("customer_billing_address", field));
        }
        return List.copyOf(missing);
    }

    private static String valueOf(Address address, String field) {
        if (address == null) {
            return null;
        }
        return switch (field) {
            case "country" -> address.country();
            case "state" -> address.state();
            case "line1" -> address.line1();
            case "line2" -> address.line2();
            case "city" -> address.city();
            case "postal_code" -> address.postalCode();
            default -> throw new IllegalArgumentException(field);
        };
    }
}
