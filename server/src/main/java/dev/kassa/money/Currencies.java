package dev.kassa.money;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Presentment currencies and their per-currency limits, in minor units, as Polar's {@code kit/currency.py} defines
 * them.
 *
 * <p>Codes are lower-case ISO 4217 codes; lookups lower-case their argument. Amounts are minor units: cents for
 * two-decimal currencies, whole units for zero-decimal ones (see {@link #isZeroDecimal(String)}). Polar keeps HUF,
 * ISK, TWD and UGX in two-decimal minor units even though Stripe pays them out in whole units.
 */
public final class Currencies {

    /** Minimum charge for a currency that has no entry of its own: 50 minor units. */
    public static final long DEFAULT_MINIMUM_AMOUNT = 50L;

    /** Maximum charge for a currency that has no entry of its own: 99,999,999 minor units. */
    public static final long DEFAULT_MAXIMUM_AMOUNT = 99_999_999L;

    private static final Set<String> ZERO_DECIMAL = Set.of(
            "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "vnd", "vuv", "xaf", "xof", "xpf");

    /**
     * Minimum charge per presentment currency, in minor units. Its keys are also the supported presentment
     * currencies. Each is worth a little more than USD 0.50.
     */
    private static final Map<String, Long> MINIMUM_AMOUNTS = Map.ofEntries(
            entry("usd", 50L), entry("aed", 200L), entry("all", 5_000L), entry("amd", 20_000L), entry("aoa", 50_000L), entry("ars", 75_000L),
            entry("aud", 70L), entry("awg", 100L), entry("azn", 100L), entry("bam", 100L), entry("bbd", 200L), entry("bdt", 7_000L),
            entry("bif", 2_000L), entry("bmd", 100L), entry("bnd", 100L), entry("bob", 500L), entry("brl", 250L), entry("bsd", 100L),
            entry("bwp", 1_000L), entry("bzd", 200L), entry("cad", 70L), entry("cdf", 200_000L), entry("chf", 50L), entry("clp", 500L),
            entry("cny", 500L), entry("cop", 200_000L), entry("crc", 30_000L), entry("cve", 5_000L), entry("czk", 1_500L), entry("djf", 100L),
            entry("dkk", 320L), entry("dop", 4_000L), entry("dzd", 7_000L), entry("egp", 3_000L), entry("etb", 8_000L), entry("eur", 50L),
            entry("fjd", 200L), entry("fkp", 100L), entry("gbp", 40L), entry("gel", 200L), entry("gnf", 5_000L), entry("gip", 100L),
            entry("gmd", 4_000L), entry("gtq", 500L), entry("gyd", 20_000L), entry("hkd", 400L), entry("hnl", 2_000L), entry("htg", 7_000L),
            entry("huf", 17_500L), entry("idr", 900_000L), entry("ils", 150L), entry("inr", 6_000L), entry("isk", 7_000L), entry("jmd", 8_000L),
            entry("jpy", 80L), entry("kes", 7_000L), entry("kgs", 5_000L), entry("khr", 300_000L), entry("kmf", 500L), entry("krw", 800L),
            entry("kyd", 100L), entry("kzt", 30_000L), entry("lak", 2_000_000L), entry("lkr", 20_000L), entry("lrd", 10_000L), entry("lsl", 1_000L),
            entry("mad", 500L), entry("mdl", 1_000L), entry("mga", 3_000L), entry("mkd", 5_000L), entry("mnt", 200_000L), entry("mop", 500L),
            entry("mur", 5_000L), entry("mvr", 800L), entry("mxn", 900L), entry("mwk", 100_000L), entry("myr", 200L), entry("mzn", 5_000L),
            entry("nad", 1_000L), entry("ngn", 70_000L), entry("nio", 2_000L), entry("nok", 500L), entry("npr", 8_000L), entry("nzd", 90L),
            entry("pab", 100L), entry("pen", 200L), entry("pgk", 300L), entry("php", 3_500L), entry("pkr", 20_000L), entry("pln", 200L),
            entry("pyg", 4_000L), entry("qar", 200L), entry("ron", 250L), entry("rsd", 6_000L), entry("rwf", 1_000L), entry("sar", 200L),
            entry("sbd", 400L), entry("scr", 800L), entry("sek", 500L), entry("sgd", 70L), entry("shp", 100L), entry("sos", 50_000L),
            entry("srd", 2_000L), entry("szl", 1_000L), entry("thb", 2_000L), entry("tjs", 500L), entry("top", 200L), entry("try", 3_000L),
            entry("ttd", 400L), entry("twd", 2_000L), entry("tzs", 200_000L), entry("uah", 3_000L), entry("ugx", 200_000L), entry("uyu", 2_000L),
            entry("uzs", 700_000L), entry("vnd", 20_000L), entry("vuv", 100L), entry("wst", 200L), entry("xaf", 500L), entry("xcd", 200L),
            entry("xcg", 100L), entry("xof", 500L), entry("xpf", 100L), entry("yer", 20_000L), entry("zar", 900L), entry("zmw", 1_000L)    );

    /**
     * Currencies whose maximum differs from {@link #DEFAULT_MAXIMUM_AMOUNT}: those where 999,999.99 major units would
     * be worth too little, so the cap is raised to roughly USD 1,000. In minor units.
     */
    private static final Map<String, Long> MAXIMUM_AMOUNTS = Map.ofEntries(
            entry("ars", 140_000_000L), entry("cdf", 280_000_000L), entry("cop", 400_000_000L),
            entry("idr", 1_600_000_000L), entry("khr", 400_000_000L), entry("lak", 2_100_000_000L),
            entry("mnt", 350_000_000L), entry("mwk", 175_000_000L), entry("ngn", 155_000_000L),
            entry("tzs", 250_000_000L), entry("ugx", 370_000_000L), entry("uzs", 1_250_000_000L)
    );

    private static final Map<String, String> SYMBOLS = Map.of("usd", "$", "eur", "€", "gbp", "£", "jpy", "¥");

    private Currencies() {
    }

    /** Whether {@code code} is one of the presentment currencies a price or checkout may use. */
    public static boolean isSupported(String code) {
        return code != null && MINIMUM_AMOUNTS.containsKey(normalize(code));
    }

    /** All supported presentment currencies, lower-case. */
    public static Set<String> supported() {
        return MINIMUM_AMOUNTS.keySet();
    }

    /** Whether the currency's minor unit is its major unit (JPY, KRW, ...), so amounts carry no decimals. */
    public static boolean isZeroDecimal(String code) {
        return ZERO_DECIMAL.contains(normalize(code));
    }

    /** Minor units per major unit: 1 for zero-decimal currencies, else 100. */
    public static long minorUnitsPerMajor(String code) {
        return isZeroDecimal(code) ? 1L : 100L;
    }

    /** The smallest positive amount that can be charged, in minor units; {@value #DEFAULT_MINIMUM_AMOUNT} if unlisted. */
    public static long minimumAmount(String code) {
        return MINIMUM_AMOUNTS.getOrDefault(normalize(code), DEFAULT_MINIMUM_AMOUNT);
    }

    /** The largest amount that can be charged, in minor units; {@value #DEFAULT_MAXIMUM_AMOUNT} if unlisted. */
    public static long maximumAmount(String code) {
        return MAXIMUM_AMOUNTS.getOrDefault(normalize(code), DEFAULT_MAXIMUM_AMOUNT);
    }

    /**
     * Formats an amount for messages, en-US style with thousands separators: {@code "$0.50"}, {@code "€1,234.00"},
     * {@code "£0.40"}, {@code "¥80"}, {@code "SEK 5.00"}, {@code "KRW 800"}, {@code "-$0.50"}. USD, EUR, GBP and JPY
     * use their symbol; every other currency is prefixed with its upper-case code and a space.
     *
     * @throws ArithmeticException if {@code minor} is {@link Long#MIN_VALUE}
     */
    public static String format(long minor, String code) {
        String normalized = normalize(code);
        long magnitude = Math.absExact(minor);
        long perMajor = minorUnitsPerMajor(normalized);
        StringBuilder out = new StringBuilder();
        if (minor < 0) {
            out.append('-');
        }
        String symbol = SYMBOLS.get(normalized);
        out.append(symbol != null ? symbol : normalized.toUpperCase(Locale.ROOT) + " ");
        out.append(String.format(Locale.US, "%,d", magnitude / perMajor));
        if (perMajor == 100L) {
            out.append(String.format(Locale.US, ".%02d", magnitude % perMajor));
        }
        return out.toString();
    }

    private static String normalize(String code) {
        if (code == null) {
            throw new IllegalArgumentException("currency code is null");
        }
        return code.toLowerCase(Locale.ROOT);
    }
}
