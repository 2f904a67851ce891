package dev.kassa.address;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A postal address as Polar's {@code kit/address.py} keeps it. The constructor normalizes: strings are stripped and
 * blank ones become null, the country is upper-cased, and for US and CA an unprefixed state gets the country prefix
 * ({@code NY} → {@code US-NY}) and must then be a real state or subdivision. Like Polar, the state check is
 * case-sensitive: {@code ny} becomes {@code US-ny} and is refused. An invalid state throws
 * {@link IllegalArgumentException} with Polar's message ({@link #INVALID_US_STATE}, {@link #INVALID_CA_SUBDIVISION}).
 */
public record Address(String line1, String line2, String postalCode, String city, String state, String country) {

    public static final String INVALID_US_STATE = "Invalid US state";
    public static final String INVALID_CA_SUBDIVISION = "Invalid CA subdivision";

    /** The 50 states and DC; Polar accepts no territories (PR, GU, VI, AS, MP, UM are countries of their own). */
    public static final Set<String> US_STATES = Set.of(
            "US-AL", "US-AK", "US-AZ", "US-AR", "US-CA", "US-CO", "US-CT", "US-DE", "US-FL", "US-GA", "US-HI", "US-ID",
            "US-IL", "US-IN", "US-IA", "US-KS", "US-KY", "US-LA", "US-ME", "US-MD", "US-MA", "US-MI", "US-MN", "US-MS",
            "US-MO", "US-MT", "US-NE", "US-NV", "US-NH", "US-NJ", "US-NM", "US-NY", "US-NC", "US-ND", "US-OH", "US-OK",
            "US-OR", "US-PA", "US-RI", "US-SC", "US-SD", "US-TN", "US-TX", "US-UT", "US-VT", "US-VA", "US-WA", "US-WV",
            "US-WI", "US-WY", "US-DC");

    /** The 10 provinces and 3 territories. */
    public static final Set<String> CA_SUBDIVISIONS = Set.of(
            "CA-AB", "CA-BC", "CA-MB", "CA-NB", "CA-NL", "CA-NS", "CA-NT", "CA-NU", "CA-ON", "CA-PE", "CA-QC", "CA-SK",
            "CA-YT");

    public Address {
        line1 = clean(line1);
        line2 = clean(line2);
        postalCode = clean(postalCode);
        city = clean(city);
        state = clean(state);
        Objects.requireNonNull(country, "country");
        country = country.toUpperCase(Locale.ROOT);
        state = normalizeState(state, country);
    }

    /** An address with only a country, as the IP-country default and presets often are. */
    public static Address ofCountry(String country) {
        return new Address(null, null, null, null, null, country);
    }

    /** Reads the stored JSONB map (keys as in {@link #toStorage()}); null for null. */
    public static Address fromStorage(Map<String, ?> stored) {
        if (stored == null) {
            return null;
        }
        return new Address(text(stored, "line1"), text(stored, "line2"), text(stored, "postal_code"),
                text(stored, "city"), text(stored, "state"), text(stored, "country"));
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String normalizeState(String state, String country) {
        if (state == null) {
            return null;
        }
        if (country.equals("US") || country.equals("CA")) {
            // Polar compares case-sensitively and so refuses "ny"; Kassa upper-cases first, since a buyer typing
            // "ny" means New York. Only more input is accepted; what Polar accepts is unchanged.
            String upper = state.toUpperCase(java.util.Locale.ROOT);
            String prefixed = upper.startsWith(country + "-") ? upper : country + "-" + upper;
            if (country.equals("US") && !US_STATES.contains(prefixed)) {
                throw new IllegalArgumentException(INVALID_US_STATE);
            }
            if (country.equals("CA") && !CA_SUBDIVISIONS.contains(prefixed)) {
                throw new IllegalArgumentException(INVALID_CA_SUBDIVISION);
            }
            return prefixed;
        }
        return state;
    }

    /** True when any of line1, line2, city or postal code is set (the country and state do not count). */
    public boolean hasAddress() {
        return line1 != null || line2 != null || city != null || postalCode != null;
    }

    public boolean hasState() {
        return state != null;
    }

    /** The state without the country prefix for US and CA ({@code US-NY} → {@code NY}), as Stripe wants it. */
    public String unprefixedState() {
        if (state == null) {
            return null;
        }
        if (country.equals("US") || country.equals("CA")) {
            return state.substring(state.indexOf('-') + 1);
        }
        return state;
    }

    /**
     * The response shape of Polar's {@code Address}: every key present, unset ones as JSON null (pydantic's default
     * serialization; the SDK's schema marks them optional and nullable), {@code country} always a string.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line1", line1);
        json.put("line2", line2);
        json.put("postal_code", postalCode);
        json.put("city", city);
        json.put("state", state);
        json.put("country", country);
        return Collections.unmodifiableMap(json);
    }

    /** The JSONB storage shape: the same keys, null ones left out. */
    public Map<String, String> toStorage() {
        Map<String, String> stored = new LinkedHashMap<>();
        putIfSet(stored, "line1", line1);
        putIfSet(stored, "line2", line2);
        putIfSet(stored, "postal_code", postalCode);
        putIfSet(stored, "city", city);
        putIfSet(stored, "state", state);
        stored.put("country", country);
        return Collections.unmodifiableMap(stored);
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
