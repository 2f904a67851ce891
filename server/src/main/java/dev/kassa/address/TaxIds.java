package dev.kassa.address;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tax ID validation against the billing country, as Polar's {@code tax/tax_id.py} does it with python-stdnum: the
 * country lists its accepted formats (Stripe's tax ID type names), tried in order; the first that validates gives the
 * stored pair (normalized number, format). A format without a validator here is skipped, as Polar skips formats
 * stdnum has no module for.
 *
 * <p>Like stdnum, {@code eu_vat} numbers must carry their member-state prefix ({@code DE136695976}; Greece
 * {@code EL}, also {@code GR}; Northern Ireland {@code XI}) and are checked against the prefix, not the address
 * country; a bare {@code 136695976} for a DE address is invalid. {@code gb_vat} is stored without its {@code GB}.
 */
public final class TaxIds {

    public static final String INVALID_TAX_ID = "Invalid tax ID.";
    public static final String COUNTRY_REQUIRED = "Country is required to validate tax ID.";

    /** A validated tax ID: the normalized number and its Stripe tax ID type. */
    public record TaxId(String value, String format) {
    }

    /** Polar's {@code COUNTRY_TAX_ID_MAP}: the formats tried for each billing country, in order. */
    public static final Map<String, List<String>> COUNTRY_FORMATS = Map.ofEntries(
            Map.entry("AD", List.of("ad_nrt")), Map.entry("AE", List.of("ae_trn")), Map.entry("AR", List.of("ar_cuit")),
            Map.entry("AT", List.of("eu_vat")), Map.entry("AU", List.of("au_abn", "au_arn")),
            Map.entry("BE", List.of("eu_vat")), Map.entry("BG", List.of("eu_vat")), Map.entry("BH", List.of("bh_vat")),
            Map.entry("BO", List.of("bo_tin")), Map.entry("BR", List.of("br_cnpj", "br_cpf")),
            Map.entry("CA", List.of("ca_gst_hst", "ca_pst_bc", "ca_pst_mb", "ca_pst_sk", "ca_qst", "ca_bn")),
            Map.entry("CH", List.of("ch_uid", "ch_vat")), Map.entry("CL", List.of("cl_tin")),
            Map.entry("CN", List.of("cn_tin")), Map.entry("CO", List.of("co_nit")), Map.entry("CR", List.of("cr_tin")),
            Map.entry("CY", List.of("eu_vat")), Map.entry("CZ", List.of("eu_vat")), Map.entry("DE", List.of("eu_vat")),
            Map.entry("DK", List.of("eu_vat")), Map.entry("DO", List.of("do_rcn")), Map.entry("EC", List.of("ec_ruc")),
            Map.entry("EE", List.of("eu_vat")), Map.entry("EG", List.of("eg_tin")), Map.entry("ES", List.of("eu_vat")),
            Map.entry("FI", List.of("eu_vat")), Map.entry("FR", List.of("eu_vat")), Map.entry("GB", List.of("gb_vat")),
            Map.entry("GE", List.of("ge_vat")), Map.entry("GR", List.of("eu_vat")), Map.entry("HK", List.of("hk_br")),
            Map.entry("HR", List.of("eu_vat")), Map.entry("HU", List.of("eu_vat")), Map.entry("ID", List.of("id_npwp")),
            Map.entry("IE", List.of("eu_vat")), Map.entry("IL", List.of("il_vat")), Map.entry("IN", List.of("in_gst")),
            Map.entry("IS", List.of("is_vat")), Map.entry("IT", List.of("eu_vat")),
            Map.entry("JP", List.of("jp_cn", "jp_rn", "jp_trn")), Map.entry("KE", List.of("ke_pin")),
            Map.entry("KR", List.of("kr_brn")), Map.entry("KZ", List.of("kz_bin")), Map.entry("LI", List.of("li_uid")),
            Map.entry("LT", List.of("eu_vat")), Map.entry("LU", List.of("eu_vat")), Map.entry("LV", List.of("eu_vat")),
            Map.entry("MT", List.of("eu_vat")), Map.entry("MK", List.of("mk_vat")), Map.entry("MU", List.of("mu_tan")),
            Map.entry("MX", List.of("mx_rfc")), Map.entry("MY", List.of("my_frp", "my_itn", "my_sst")),
            Map.entry("NG", List.of("ng_tin")), Map.entry("NL", List.of("eu_vat")),
            Map.entry("NO", List.of("no_vat", "no_voec")), Map.entry("NZ", List.of("nz_gst")),
            Map.entry("OM", List.of("om_vat")), Map.entry("PE", List.of("pe_ruc")), Map.entry("PH", List.of("ph_tin")),
            Map.entry("PL", List.of("eu_vat")), Map.entry("PT", List.of("eu_vat")), Map.entry("RO", List.of("eu_vat")),
            Map.entry("RS", List.of("rs_pib")), Map.entry("RU", List.of("ru_inn", "ru_kpp")),
            Map.entry("SA", List.of("sa_vat")), Map.entry("SE", List.of("eu_vat")),
            Map.entry("SG", List.of("sg_gst", "sg_uen")), Map.entry("SI", List.of("eu_vat")),
            Map.entry("SK", List.of("eu_vat")), Map.entry("SV", List.of("sv_nit")), Map.entry("TH", List.of("th_vat")),
            Map.entry("TR", List.of("tr_tin")), Map.entry("TW", List.of("tw_vat")), Map.entry("UA", List.of("ua_vat")),
            Map.entry("US", List.of("us_ein")), Map.entry("UY", List.of("uy_ruc")), Map.entry("VE", List.of("ve_rif")),
            Map.entry("VN", List.of("vn_tin")), Map.entry("ZA", List.of("za_vat")));

    /** The formats this class can validate; the others in {@link #COUNTRY_FORMATS} are skipped. */
    public static final Set<String> IMPLEMENTED_FORMATS = Set.of(
            "eu_vat", "gb_vat", "us_ein", "ca_gst_hst", "ca_bn", "au_abn", "ch_uid", "ch_vat", "no_vat");

    /** The EU VAT prefixes stdnum accepts (Greece as EL or GR, Northern Ireland as XI). */
    public static final Set<String> EU_VAT_PREFIXES = Set.of(
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "EL", "GR", "HR", "HU", "IE", "IT", "LT",
            "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI");

    /** EU VAT prefixes validated by format (length and characters) only, without a check digit. */
    public static final Set<String> EU_VAT_FORMAT_ONLY = Set.of("CZ", "LT", "LV", "SI");

    private static final String SEPARATORS = " -./,:";
    private static final Pattern EIN = Pattern.compile("[0-9]{2}-?[0-9]{7}");
    private static final Set<String> EIN_PREFIXES = Set.of((
            "01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 40 41 42 43"
            + " 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 73 74 75 76 77 80 81 82"
            + " 83 84 85 86 87 88 90 91 92 93 94 95 98 99").split(" "));
    private static final String FR_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV";

    private TaxIds() {
    }

    /**
     * The tax ID for {@code number} in billing country {@code country}, or empty when no accepted format validates
     * it (including an unknown country or a blank number); callers report {@link #INVALID_TAX_ID}.
     */
    public static Optional<TaxId> validate(String number, String country) {
        if (number == null || country == null) {
            return Optional.empty();
        }
        for (String format : COUNTRY_FORMATS.getOrDefault(country, List.of())) {
            String value = validateFormat(format, number);
            if (value != null) {
                return Optional.of(new TaxId(value, format));
            }
        }
        return Optional.empty();
    }

    /** The normalized number when it is valid in {@code format}; null when invalid or the format is not implemented. */
    public static String validateFormat(String format, String number) {
        return switch (format) {
            case "eu_vat" -> euVat(number);
            case "gb_vat" -> gbVat(compact(number, "GB", "XI"));
            case "us_ein" -> usEin(number);
            case "ca_gst_hst" -> {
                String compact = clean(number, " -");
                yield compact.length() == 15 ? caBn(compact) : null;
            }
            case "ca_bn" -> caBn(clean(number, " -"));
            case "au_abn" -> auAbn(clean(number, " -"));
            case "ch_uid" -> chUid(clean(number, " -."));
            case "ch_vat" -> chVat(clean(number, " -."));
            case "no_vat" -> noVat(compact(number, "NO"));
            default -> null;
        };
    }

    // --- EU VAT -------------------------------------------------------------------------------------------------

    private static String euVat(String number) {
        String upper = number.toUpperCase(Locale.ROOT).strip();
        if (upper.length() < 2) {
            return null;
        }
        String cc = upper.substring(0, 2);
        if (!EU_VAT_PREFIXES.contains(cc)) {
            return null;
        }
        String rest = clean(upper.substring(2), SEPARATORS);
        String valid = switch (cc) {
            case "AT" -> at(rest);
            case "BE" -> be(rest);
            case "BG" -> bg(rest);
            case "CY" -> cy(rest);
            case "CZ" -> digitsOfLength(rest, 8, 9, 10) ? rest : null;
            case "DE" -> de(rest);
            case "DK" -> dk(rest);
            case "EE" -> ee(rest);
            case "ES" -> es(rest);
            case "FI" -> fi(rest);
            case "FR" -> fr(rest);
            case "EL", "GR" -> gr(rest);
            case "HR" -> digitsOfLength(rest, 11) && mod11x10(rest) ? rest : null;
            case "HU" -> hu(rest);
            case "IE" -> ie(rest);
            case "IT" -> it(rest);
            case "LT" -> digitsOfLength(rest, 9, 12) ? rest : null;
            case "LU" -> lu(rest);
            case "LV" -> digitsOfLength(rest, 11) ? rest : null;
            case "MT" -> mt(rest);
            case "NL" -> nl(rest);
            case "PL" -> pl(rest);
            case "PT" -> pt(rest);
            case "RO" -> ro(rest);
            case "SE" -> se(rest);
            case "SI" -> digitsOfLength(rest, 8) && rest.charAt(0) != '0' ? rest : null;
            case "SK" -> sk(rest);
            case "XI" -> gbVat(rest);
            default -> null;
        };
        return valid == null ? null : cc + valid;
    }

    private static String at(String n) {
        if (n.length() != 9 || n.charAt(0) != 'U' || !isDigits(n.substring(1))) {
            return null;
        }
        int sum = 0;
        for (int i = 1; i < 8; i++) {
            int d = digit(n, i);
            sum += i % 2 == 1 ? d : digitSum(2 * d);
        }
        return Math.floorMod(6 - sum, 10) == digit(n, 8) ? n : null;
    }

    private static String be(String n) {
        String number = n.startsWith("(0)") ? "0" + n.substring(3) : n;
        if (number.length() == 9) {
            number = "0" + number;
        }
        if (!digitsOfLength(number, 10) || (number.charAt(0) != '0' && number.charAt(0) != '1')) {
            return null;
        }
        long head = Long.parseLong(number.substring(0, 8));
        return 97 - head % 97 == Long.parseLong(number.substring(8)) ? number : null;
    }

    private static String bg(String n) {
        if (digitsOfLength(n, 10)) {
            return n; // format only: EGN, PNF and other 10-digit numbers each have their own check
        }
        if (!digitsOfLength(n, 9)) {
            return null;
        }
        int check = weighted(n, new int[] {1, 2, 3, 4, 5, 6, 7, 8}) % 11;
        if (check == 10) {
            check = weighted(n, new int[] {3, 4, 5, 6, 7, 8, 9, 10}) % 11;
        }
        return check % 10 == digit(n, 8) ? n : null;
    }

    private static String cy(String n) {
        if (n.length() != 9 || !isDigits(n.substring(0, 8)) || n.startsWith("12")) {
            return null;
        }
        int[] even = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += i % 2 == 0 ? even[digit(n, i)] : digit(n, i);
        }
        return n.charAt(8) == (char) ('A' + sum % 26) ? n : null;
    }

    private static String de(String n) {
        return digitsOfLength(n, 9) && n.charAt(0) != '0' && mod11x10(n) ? n : null;
    }

    private static String dk(String n) {
        return digitsOfLength(n, 8) && n.charAt(0) != '0' && weighted(n, new int[] {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0
                ? n : null;
    }

    private static String ee(String n) {
        return digitsOfLength(n, 9) && weighted(n, new int[] {3, 7, 1, 3, 7, 1, 3, 7, 1}) % 10 == 0 ? n : null;
    }

    private static String es(String n) {
        if (n.length() != 9 || !isDigits(n.substring(1, 8))) {
            return null;
        }
        char first = n.charAt(0);
        char last = n.charAt(8);
        if (Character.isDigit(first)) {
            return last == DNI_LETTERS.charAt(Integer.parseInt(n.substring(0, 8)) % 23) ? n : null;
        }
        if ("XYZ".indexOf(first) >= 0) {
            int value = Integer.parseInt(("XYZ".indexOf(first)) + n.substring(1, 8));
            return last == DNI_LETTERS.charAt(value % 23) ? n : null;
        }
        if ("KLM".indexOf(first) >= 0) {
            return last == DNI_LETTERS.charAt(Integer.parseInt(n.substring(1, 8)) % 23) ? n : null;
        }
        if ("ABCDEFGHJNPQRSUVW".indexOf(first) >= 0) {
            int sum = 0;
            for (int i = 1; i < 8; i++) {
                int d = digit(n, i);
                sum += i % 2 == 0 ? d : digitSum(2 * d);
            }
            int check = (10 - sum % 10) % 10;
            return last == (char) ('0' + check) || last == "JABCDEFGHI".charAt(check) ? n : null;
        }
        return null;
    }

    private static String fi(String n) {
        return digitsOfLength(n, 8) && weighted(n, new int[] {7, 9, 10, 5, 8, 4, 2, 1}) % 11 == 0 ? n : null;
    }

    private static String fr(String n) {
        if (n.length() != 11 || FR_ALPHABET.indexOf(n.charAt(0)) < 0 || FR_ALPHABET.indexOf(n.charAt(1)) < 0
                || !isDigits(n.substring(2))) {
            return null;
        }
        String siren = n.substring(2);
        if (!siren.startsWith("000") && !luhn(siren)) {
            return null; // numbers from Monaco (000…) are valid TVA but not SIREN
        }
        if (isDigits(n)) {
            long key = Long.parseLong(siren + "12") % 97;
            return Integer.parseInt(n.substring(0, 2)) == key ? n : null;
        }
        int check = Character.isDigit(n.charAt(0))
                ? FR_ALPHABET.indexOf(n.charAt(0)) * 24 + FR_ALPHABET.indexOf(n.charAt(1)) - 10
                : FR_ALPHABET.indexOf(n.charAt(0)) * 34 + FR_ALPHABET.indexOf(n.charAt(1)) - 100;
        return (Long.parseLong(siren) + 1 + check / 11) % 11 == check % 11 ? n : null;
    }

    private static String gr(String n) {
        String number = n.length() == 8 ? "0" + n : n;
        if (!digitsOfLength(number, 9)) {
            return null;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += digit(number, i) << (8 - i);
        }
        return sum % 11 % 10 == digit(number, 8) ? number : null;
    }

    private static String hu(String n) {
        return digitsOfLength(n, 8) && weighted(n, new int[] {9, 7, 3, 1, 9, 7, 3, 1}) % 10 == 0 ? n : null;
    }

    private static String ie(String n) {
        if ((n.length() != 8 && n.length() != 9) || !Character.isDigit(n.charAt(0)) || !isDigits(n.substring(2, 7))) {
            return null;
        }
        for (int i = 7; i < n.length(); i++) {
            if (IE_LETTERS.indexOf(n.charAt(i)) < 0) {
                return null;
            }
        }
        String body;
        if (isDigits(n.substring(0, 7))) {
            body = n.substring(0, 7); // new style: 7 digits, check letter, optional second letter
        } else if ("ABCDEFGHIJKLMNOPQRSTUVWXYZ+*".indexOf(n.charAt(1)) >= 0 && n.length() == 8) {
            body = "0" + n.substring(2, 7) + n.charAt(0); // old style: the second character is a letter or symbol
        } else {
            return null;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * digit(body, i);
        }
        if (n.length() == 9 && isDigits(n.substring(0, 7))) {
            sum += 9 * IE_LETTERS.indexOf(n.charAt(8));
        }
        return n.charAt(7) == IE_LETTERS.charAt(sum % 23) ? n : null;
    }

    private static String it(String n) {
        if (!digitsOfLength(n, 11) || n.startsWith("0000000")) {
            return null;
        }
        int office = Integer.parseInt(n.substring(7, 10));
        if (!((office >= 1 && office <= 100) || office == 120 || office == 121 || office == 888 || office == 999)) {
            return null;
        }
        return luhn(n) ? n : null;
    }

    private static String lu(String n) {
        return digitsOfLength(n, 8) && Integer.parseInt(n.substring(0, 6)) % 89 == Integer.parseInt(n.substring(6))
                ? n : null;
    }

    private static String mt(String n) {
        return digitsOfLength(n, 8) && n.charAt(0) != '0' && weighted(n, new int[] {3, 4, 6, 7, 8, 9, 10, 1}) % 37 == 0
                ? n : null;
    }

    private static String nl(String n) {
        if (n.length() < 4) {
            return null;
        }
        String head = n.substring(0, n.length() - 3);
        String number = "0".repeat(Math.max(0, 9 - head.length())) + head + n.substring(n.length() - 3);
        if (number.length() != 12 || !isDigits(number.substring(0, 9)) || number.charAt(9) != 'B'
                || !isDigits(number.substring(10)) || Integer.parseInt(number.substring(10)) <= 0) {
            return null;
        }
        int elevenProof = weighted(number, new int[] {9, 8, 7, 6, 5, 4, 3, 2, -1});
        return elevenProof % 11 == 0 || mod97x10("NL" + number) ? number : null;
    }

    private static String pl(String n) {
        return digitsOfLength(n, 10) && weighted(n, new int[] {6, 5, 7, 2, 3, 4, 5, 6, 7, -1}) % 11 == 0 ? n : null;
    }

    private static String pt(String n) {
        if (!digitsOfLength(n, 9) || n.charAt(0) == '0') {
            return null;
        }
        int sum = weighted(n, new int[] {9, 8, 7, 6, 5, 4, 3, 2});
        return (11 - sum % 11) % 10 == digit(n, 8) ? n : null;
    }

    private static String ro(String n) {
        if (digitsOfLength(n, 13)) {
            return n.charAt(0) != '0' ? n : null; // CNP (personal number): format only
        }
        if (!isDigits(n) || n.length() < 2 || n.length() > 10) {
            return null;
        }
        String padded = "0".repeat(10 - n.length()) + n;
        int sum = weighted(padded, new int[] {7, 5, 3, 2, 1, 7, 5, 3, 2});
        return sum * 10 % 11 % 10 == digit(padded, 9) ? n : null;
    }

    private static String se(String n) {
        return digitsOfLength(n, 12) && n.endsWith("01") && luhn(n.substring(0, 10)) ? n : null;
    }

    private static String sk(String n) {
        if (!digitsOfLength(n, 10) || n.charAt(0) == '0' || "234789".indexOf(n.charAt(2)) < 0) {
            return null;
        }
        return Long.parseLong(n) % 11 == 0 ? n : null;
    }

    // --- Other countries ----------------------------------------------------------------------------------------

    private static String gbVat(String n) {
        if (n.length() == 5) {
            if (!isDigits(n.substring(2))) {
                return null;
            }
            int code = Integer.parseInt(n.substring(2));
            return (n.startsWith("GD") && code < 500) || (n.startsWith("HA") && code >= 500) ? n : null;
        }
        if (n.length() == 11 && (n.startsWith("GD8888") || n.startsWith("HA8888"))) {
            if (!isDigits(n.substring(6))) {
                return null;
            }
            int code = Integer.parseInt(n.substring(6, 9));
            boolean kind = (n.startsWith("GD") && code < 500) || (n.startsWith("HA") && code >= 500);
            return kind && code % 97 == Integer.parseInt(n.substring(9)) ? n : null;
        }
        if ((n.length() == 9 || n.length() == 12) && isDigits(n)) {
            int sum = weighted(n, new int[] {8, 7, 6, 5, 4, 3, 2, 10, 1}) % 97;
            boolean valid = Integer.parseInt(n.substring(0, 3)) >= 100
                    ? sum == 0 || sum == 42 || sum == 55 // 42 and 55: the "9755" series issued since 2010
                    : sum == 0;
            return valid ? n : null;
        }
        return null;
    }

    private static String usEin(String number) {
        String n = number.strip();
        if (!EIN.matcher(n).matches() || !EIN_PREFIXES.contains(n.substring(0, 2))) {
            return null;
        }
        return n.replace("-", "");
    }

    private static String caBn(String n) {
        if ((n.length() != 9 && n.length() != 15) || !isDigits(n.substring(0, 9)) || !luhn(n.substring(0, 9))) {
            return null;
        }
        if (n.length() == 15) {
            if (!Set.of("RC", "RM", "RP", "RT").contains(n.substring(9, 11)) || !isDigits(n.substring(11))) {
                return null;
            }
        }
        return n;
    }

    private static String auAbn(String n) {
        if (!digitsOfLength(n, 11)) {
            return null;
        }
        int[] weights = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += weights[i] * (digit(n, i) - (i == 0 ? 1 : 0));
        }
        return sum % 89 == 0 ? n : null;
    }

    private static String chUid(String n) {
        String number = digitsOfLength(n, 9) ? "CHE" + n : n;
        if (number.length() != 12 || !number.startsWith("CHE") || !isDigits(number.substring(3))) {
            return null;
        }
        int sum = weighted(number.substring(3), new int[] {5, 4, 3, 2, 7, 6, 5, 4});
        int check = (11 - sum % 11) % 11;
        return check == digit(number, 11) ? number : null;
    }

    private static String chVat(String n) {
        if (n.length() != 15 && n.length() != 16) {
            return null;
        }
        if (chUid(n.substring(0, 12)) == null || !n.startsWith("CHE")) {
            return null;
        }
        return Set.of("MWST", "TVA", "IVA", "TPV").contains(n.substring(12)) ? n : null;
    }

    private static String noVat(String n) {
        if (!n.endsWith("MVA")) {
            return null;
        }
        String org = n.substring(0, n.length() - 3);
        return digitsOfLength(org, 9) && weighted(org, new int[] {3, 2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0 ? n : null;
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    /** Removes {@code separators}, upper-cases and strips, as stdnum's {@code clean(...).upper().strip()}. */
    static String clean(String number, String separators) {
        StringBuilder kept = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (separators.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        return kept.toString().toUpperCase(Locale.ROOT).strip();
    }

    private static String compact(String number, String... prefixes) {
        String cleaned = clean(number, SEPARATORS);
        for (String prefix : prefixes) {
            if (cleaned.startsWith(prefix)) {
                return cleaned.substring(prefix.length());
            }
        }
        return cleaned;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean digitsOfLength(String s, int... lengths) {
        for (int length : lengths) {
            if (s.length() == length) {
                return isDigits(s);
            }
        }
        return false;
    }

    private static int digit(String s, int i) {
        return s.charAt(i) - '0';
    }

    private static int digitSum(int n) {
        return n / 10 + n % 10;
    }

    /** Sum of digit × weight over the first {@code weights.length} digits. */
    private static int weighted(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digit(digits, i);
        }
        return sum;
    }

    /** Luhn over the whole digit string, check digit last. */
    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digit(digits, digits.length() - 1 - i);
            sum += i % 2 == 1 ? digitSum(2 * d) : d;
        }
        return sum % 10 == 0;
    }

    /** ISO 7064 MOD 11,10 over the whole digit string, check digit last. */
    static boolean mod11x10(String digits) {
        int check = 5;
        for (int i = 0; i < digits.length(); i++) {
            check = ((check == 0 ? 10 : check) * 2 % 11 + digit(digits, i)) % 10;
        }
        return check == 1;
    }

    /** ISO 7064 MOD 97-10 with letters as 10..35. */
    static boolean mod97x10(String text) {
        int remainder = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = Character.digit(text.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value;
            remainder %= 97;
        }
        return remainder == 1;
    }

}
