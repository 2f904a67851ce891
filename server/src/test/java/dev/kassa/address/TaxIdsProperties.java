package dev.kassa.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Check digits are found by brute force here (no second copy of the algorithms): for a random body, the candidates
 * that validate are collected; there must be one, and any single-digit change of a valid number must fail.
 */
class TaxIdsProperties {

    private static List<String> validCompletions(String prefix, String body, String suffixDigitsPattern, String country) {
        List<String> valid = new ArrayList<>();
        int width = suffixDigitsPattern.length();
        for (int check = 0; check < Math.pow(10, width); check++) {
            String candidate = prefix + body + String.format("%0" + width + "d", check);
            if (TaxIds.validate(candidate, country).isPresent()) {
                valid.add(candidate);
            }
        }
        return valid;
    }

    private static void everySingleDigitChangeFails(String valid, int from, String country) {
        for (int i = from; i < valid.length(); i++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c != valid.charAt(i)) {
                    String changed = valid.substring(0, i) + c + valid.substring(i + 1);
                    assertThat(TaxIds.validate(changed, country)).as(changed).isEmpty();
                }
            }
        }
    }

    @Property(seed = "20250101")
    void germanBodyHasExactlyOneCheckDigitAndChangesFail(@ForAll @IntRange(min = 1, max = 9) int first,
                                                        @ForAll @NumericChars @StringLength(7) String rest) {
        List<String> valid = validCompletions("DE", first + rest, "0", "DE");
        assertThat(valid).hasSize(1);
        everySingleDigitChangeFails(valid.getFirst(), 3, "DE");
    }

    @Property(seed = "20250101")
    void britishBodyHasACheckPairAndChangesFail(@ForAll @NumericChars @StringLength(7) String body) {
        List<String> valid = validCompletions("", body, "00", "GB");
        assertThat(valid).isNotEmpty();
        if (body.startsWith("0")) {
            // below 100 only the original residue 0 counts, so a single change is always caught
            everySingleDigitChangeFails(valid.getFirst(), 0, "GB");
        }
    }

    @Property(seed = "20250101")
    void australianBodyHasCheckDigitsAndChangesFail(@ForAll @NumericChars @StringLength(9) String body) {
        List<String> valid = new ArrayList<>();
        for (int check = 10; check <= 99; check++) {
            String candidate = check + body;
            if (TaxIds.validate(candidate, "AU").isPresent()) {
                valid.add(candidate);
            }
        }
        assertThat(valid).isNotEmpty();
        for (String number : valid) {
            everySingleDigitChangeFails(number, 0, "AU");
        }
    }

    @Property(seed = "20250101")
    void canadianBodyHasExactlyOneCheckDigitAndChangesFail(@ForAll @NumericChars @StringLength(8) String body) {
        List<String> valid = validCompletions("", body, "0", "CA");
        assertThat(valid).hasSize(1);
        everySingleDigitChangeFails(valid.getFirst(), 0, "CA");
        assertThat(TaxIds.validate(valid.getFirst() + "RT0001", "CA"))
                .contains(new TaxIds.TaxId(valid.getFirst() + "RT0001", "ca_gst_hst"));
    }

    @Property(seed = "20250101")
    void swissBodyHasAtMostOneCheckDigitAndChangesFail(@ForAll @NumericChars @StringLength(8) String body) {
        List<String> valid = validCompletions("CHE", body, "0", "CH");
        assertThat(valid).hasSizeLessThanOrEqualTo(1); // a remainder of 10 has no digit: such bodies are never issued
        valid.forEach(number -> everySingleDigitChangeFails(number, 3, "CH"));
    }

    @Property(seed = "20250101")
    void validationIsIdempotent(@ForAll @NumericChars @StringLength(8) String body) {
        for (String country : new String[] {"DE", "GB", "CA", "AU", "CH", "FR", "NL", "BE", "IT"}) {
            for (String candidate : List.of("DE" + body + "1", body + "1", "NL" + body + "1B01", "BE0" + body + "1",
                    "IT" + body + "001", "FR" + body + "123", "CHE" + body + "1")) {
                Optional<TaxIds.TaxId> first = TaxIds.validate(candidate, country);
                first.ifPresent(id -> assertThat(TaxIds.validate(id.value(), country)).contains(id));
            }
        }
    }
}
