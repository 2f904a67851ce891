package dev.kassa.stripe.emulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The emulator's tax rate table: standard rates only, as if the account were registered in every jurisdiction listed
 * here and nowhere else. It is documented, with its sources of simplification, in the module's README ("Tax rate
 * table"); keep the two in step.
 *
 * <ul>
 *   <li>EU: each member state's standard VAT rate.</li>
 *   <li>GB 20 %, NO 25 %, CH 8.1 % VAT; AU 10 %, NZ 15 % GST.</li>
 *   <li>CA: GST 5 % everywhere; HST instead of GST in ON, NS, NB, NL, PE; GST + QST in QC; GST + PST in BC, SK;
 *       GST + RST in MB.</li>
 *   <li>US: state-level sales tax only (no county, city or district tax) in CA, NY, TX, WA, FL; every other state
 *       is "not collecting" (0 %).</li>
 *   <li>Every other country: 0 %, "not collecting".</li>
 * </ul>
 */
public final class TaxRates {

    /** One tax applied at a location (a location may have two, as QC: GST and QST). */
    public record Rate(String taxType, BigDecimal percentage, String displayName, String level, String jurisdiction,
            String state) {
    }

    /**
     * What applies at a customer's location. {@code rates} is empty where tax is not collected; {@code taxType} then
     * names the kind of tax the country has ({@code sales_tax} in the US), or is null.
     */
    public record Location(String country, String state, List<Rate> rates, String taxType) {

        public boolean collecting() {
            return !rates.isEmpty();
        }
    }

    /** The 27 EU member states with their standard VAT rate, in percent. */
    public static final Map<String, BigDecimal> EU_VAT = Map.ofEntries(
            Map.entry("AT", pct("20")), Map.entry("BE", pct("21")), Map.entry("BG", pct("20")),
            Map.entry("HR", pct("25")), Map.entry("CY", pct("19")), Map.entry("CZ", pct("21")),
            Map.entry("DK", pct("25")), Map.entry("EE", pct("24")), Map.entry("FI", pct("25.5")),
            Map.entry("FR", pct("20")), Map.entry("DE", pct("19")), Map.entry("GR", pct("24")),
            Map.entry("HU", pct("27")), Map.entry("IE", pct("23")), Map.entry("IT", pct("22")),
            Map.entry("LV", pct("21")), Map.entry("LT", pct("21")), Map.entry("LU", pct("17")),
            Map.entry("MT", pct("18")), Map.entry("NL", pct("21")), Map.entry("PL", pct("23")),
            Map.entry("PT", pct("23")), Map.entry("RO", pct("21")), Map.entry("SK", pct("23")),
            Map.entry("SI", pct("22")), Map.entry("ES", pct("21")), Map.entry("SE", pct("25")));

    /** Other countries with one national rate: VAT or GST, in percent. */
    private static final Map<String, Rate> NATIONAL = Map.of(
            "GB", national("vat", "20", "VAT", "GB"),
            "NO", national("vat", "25", "VAT", "NO"),
            "CH", national("vat", "8.1", "VAT", "CH"),
            "AU", national("gst", "10", "GST", "AU"),
            "NZ", national("gst", "15", "GST", "NZ"));

    /** Countries where a business customer's tax id makes the sale reverse-charged (tax 0). */
    public static final Set<String> REVERSE_CHARGE_COUNTRIES;

    static {
        var countries = new java.util.HashSet<>(EU_VAT.keySet());
        countries.addAll(Set.of("GB", "CH"));
        REVERSE_CHARGE_COUNTRIES = Set.copyOf(countries);
    }

    /** Canadian provinces and territories. */
    public static final Map<String, String> CA_PROVINCES = orderedMap(
            "AB", "Alberta", "BC", "British Columbia", "MB", "Manitoba", "NB", "New Brunswick",
            "NL", "Newfoundland and Labrador", "NS", "Nova Scotia", "NT", "Northwest Territories", "NU", "Nunavut",
            "ON", "Ontario", "PE", "Prince Edward Island", "QC", "Quebec", "SK", "Saskatchewan", "YT", "Yukon");

    /** HST (replacing GST) by province, in percent. NS has been 14 % since 2025-04-01. */
    private static final Map<String, BigDecimal> CA_HST = Map.of(
            "ON", pct("13"), "NS", pct("14"), "NB", pct("15"), "NL", pct("15"), "PE", pct("15"));

    /** Provincial taxes charged on top of the 5 % GST: type, percent, display name. */
    private static final Map<String, Rate> CA_PROVINCIAL = Map.of(
            "QC", new Rate("qst", pct("9.975"), "QST", "state", "Quebec", "QC"),
            "BC", new Rate("pst", pct("7"), "PST", "state", "British Columbia", "BC"),
            "SK", new Rate("pst", pct("6"), "PST", "state", "Saskatchewan", "SK"),
            "MB", new Rate("rst", pct("7"), "RST", "state", "Manitoba", "MB"));

    /** US states (state-level rate only) where the emulated account collects sales tax, in percent. */
    public static final Map<String, BigDecimal> US_SALES_TAX = Map.of(
            "CA", pct("7.25"), "NY", pct("4"), "TX", pct("6.25"), "WA", pct("6.5"), "FL", pct("6"));

    private static final Map<String, String> US_STATE_NAMES = Map.of(
            "CA", "California", "NY", "New York", "TX", "Texas", "WA", "Washington", "FL", "Florida");

    private TaxRates() {
    }

    /**
     * The taxes at a location. {@code country} must be an upper-case ISO 3166-1 alpha-2 code; {@code state} is the
     * US state or Canadian province code (already validated), else ignored.
     */
    public static Location locate(String country, String state) {
        if (EU_VAT.containsKey(country)) {
            return new Location(country, null,
                    List.of(new Rate("vat", EU_VAT.get(country), "VAT", "country", countryName(country), null)), "vat");
        }
        Rate national = NATIONAL.get(country);
        if (national != null) {
            return new Location(country, null, List.of(national), national.taxType());
        }
        if (country.equals("CA")) {
            BigDecimal hst = CA_HST.get(state);
            if (hst != null) {
                return new Location(country, state,
                        List.of(new Rate("hst", hst, "HST", "state", CA_PROVINCES.get(state), state)), "hst");
            }
            Rate gst = new Rate("gst", pct("5"), "GST", "country", "Canada", null);
            Rate provincial = CA_PROVINCIAL.get(state);
            return new Location(country, state, provincial == null ? List.of(gst) : List.of(gst, provincial), "gst");
        }
        if (country.equals("US")) {
            BigDecimal rate = US_SALES_TAX.get(state);
            if (rate == null) {
                return new Location(country, state, List.of(), "sales_tax");
            }
            return new Location(country, state,
                    List.of(new Rate("sales_tax", rate, "Sales Tax", "state", US_STATE_NAMES.get(state), state)),
                    "sales_tax");
        }
        return new Location(country, null, List.of(), null);
    }

    /** Stripe's {@code percentage_decimal}: at least one decimal place, no trailing zeros beyond it ("19.0", "9.975"). */
    public static String percentageDecimal(BigDecimal percentage) {
        BigDecimal stripped = percentage.stripTrailingZeros();
        return (stripped.scale() < 1 ? stripped.setScale(1) : stripped).toPlainString();
    }

    static String countryName(String country) {
        return Locale.of("", country).getDisplayCountry(Locale.ENGLISH);
    }

    private static BigDecimal pct(String percent) {
        return new BigDecimal(percent);
    }

    private static Rate national(String type, String percent, String displayName, String country) {
        return new Rate(type, pct(percent), displayName, "country", countryName(country), null);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
