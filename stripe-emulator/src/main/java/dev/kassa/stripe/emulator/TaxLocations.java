package dev.kassa.stripe.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Address rules for tax calculations (documented in the README, "Address rules"):
 *
 * <ol>
 *   <li>{@code country} is required; a code that is not ISO 3166-1 alpha-2 is {@code customer_tax_location_invalid}.</li>
 *   <li>US: {@code postal_code} is required and must be a ZIP ({@code 12345} or {@code 12345-6789}); the state comes
 *       from the ZIP's first three digits (a given {@code state} is echoed but does not decide).</li>
 *   <li>CA: {@code postal_code} ({@code A1A 1A1}) and {@code state} (a province or territory code) are required.</li>
 *   <li>Elsewhere the country alone decides.</li>
 * </ol>
 */
final class TaxLocations {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern CA_POSTAL = Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d");

    /** First three ZIP digits → state, as ranges "from-to state". */
    private static final TreeMap<Integer, String[]> ZIP_PREFIXES = new TreeMap<>();

    static {
        String table = "005-005 NY,006-007 PR,008-008 VI,009-009 PR,010-027 MA,028-029 RI,030-038 NH,039-049 ME,"
                + "050-054 VT,055-055 MA,056-059 VT,060-069 CT,070-089 NJ,090-099 AE,100-149 NY,150-196 PA,"
                + "197-199 DE,200-200 DC,201-201 VA,202-205 DC,206-219 MD,220-246 VA,247-268 WV,270-289 NC,"
                + "290-299 SC,300-319 GA,320-339 FL,340-340 AA,341-349 FL,350-369 AL,370-385 TN,386-397 MS,"
                + "398-399 GA,400-427 KY,430-459 OH,460-479 IN,480-499 MI,500-528 IA,530-549 WI,550-567 MN,"
                + "569-569 DC,570-577 SD,580-588 ND,590-599 MT,600-629 IL,630-658 MO,660-679 KS,680-693 NE,"
                + "700-714 LA,716-729 AR,730-732 OK,733-733 TX,734-749 OK,750-799 TX,800-816 CO,820-831 WY,832-838 ID,840-847 UT,"
                + "850-865 AZ,870-884 NM,885-885 TX,889-898 NV,900-961 CA,962-966 AP,967-968 HI,969-969 GU,"
                + "970-979 OR,980-994 WA,995-999 AK";
        for (String range : table.split(",")) {
            int from = Integer.parseInt(range.substring(0, 3));
            int to = Integer.parseInt(range.substring(4, 7));
            ZIP_PREFIXES.put(from, new String[] {String.valueOf(to), range.substring(8)});
        }
    }

    private TaxLocations() {
    }

    /** A validated address: upper-case country, and the state that decides the tax (US from the ZIP). */
    record Resolved(String country, String taxState) {
    }

    /**
     * Validates {@code address} (keys {@code country}, {@code postal_code}, {@code state}, ...) sent under
     * {@code param}, e.g. {@code customer_details[address]}.
     */
    static Resolved resolve(Map<String, Object> address, String param) {
        String country = text(address, "country");
        if (country == null) {
            throw StripeApiException.missingParam(param + "[country]");
        }
        country = country.toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(country)) {
            throw StripeApiException.customerTaxLocationInvalid(param + "[country]");
        }
        String postalCode = text(address, "postal_code");
        String state = text(address, "state");
        switch (country) {
            case "US" -> {
                if (postalCode == null) {
                    throw StripeApiException.missingParam(param + "[postal_code]");
                }
                String zipState = ZIP.matcher(postalCode.trim()).matches() ? stateOfZip(postalCode.trim()) : null;
                if (zipState == null) {
                    throw StripeApiException.customerTaxLocationInvalid(param + "[postal_code]");
                }
                return new Resolved(country, zipState);
            }
            case "CA" -> {
                if (postalCode == null) {
                    throw StripeApiException.missingParam(param + "[postal_code]");
                }
                if (!CA_POSTAL.matcher(postalCode.trim().toUpperCase(Locale.ROOT)).matches()) {
                    throw StripeApiException.customerTaxLocationInvalid(param + "[postal_code]");
                }
                if (state == null) {
                    throw StripeApiException.missingParam(param + "[state]");
                }
                String province = state.trim().toUpperCase(Locale.ROOT);
                if (!TaxRates.CA_PROVINCES.containsKey(province)) {
                    throw StripeApiException.customerTaxLocationInvalid(param + "[state]");
                }
                return new Resolved(country, province);
            }
            default -> {
                return new Resolved(country, null);
            }
        }
    }

    static String stateOfZip(String zip) {
        int prefix = Integer.parseInt(zip.substring(0, 3));
        Map.Entry<Integer, String[]> range = ZIP_PREFIXES.floorEntry(prefix);
        if (range == null || prefix > Integer.parseInt(range.getValue()[0])) {
            return null;
        }
        return range.getValue()[1];
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
