package dev.kassa.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.address.TaxIds.TaxId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxIdsTest {

    /** Published examples (python-stdnum documentation, tax authorities, Polar's tests) and their normal form. */
    @ParameterizedTest(name = "{1} {0} -> {2} {3}")
    @CsvSource({
            "ATU57194903,       AT, ATU57194903,     eu_vat",
            "'ATU 57194903',    AT, ATU57194903,     eu_vat",
            "BE0697449992,      BE, BE0697449992,    eu_vat",
            "BE697449992,       BE, BE0697449992,    eu_vat",
            "BG175074752,       BG, BG175074752,     eu_vat",
            "CY10259033P,       CY, CY10259033P,     eu_vat",
            "DE136695976,       DE, DE136695976,     eu_vat",
            "'de 136.695.976',  DE, DE136695976,     eu_vat",
            "DK13585628,        DK, DK13585628,      eu_vat",
            "EE100931558,       EE, EE100931558,     eu_vat",
            "ESB64717838,       ES, ESB64717838,     eu_vat",
            "ES54362315K,       ES, ES54362315K,     eu_vat",
            "ESX-5253868-R,     ES, ESX5253868R,     eu_vat",
            "FI20774740,        FI, FI20774740,      eu_vat",
            "FR61954506077,     FR, FR61954506077,   eu_vat",
            "'FR 40 303 265 045', FR, FR40303265045, eu_vat",
            "FRK7399859412,     FR, FRK7399859412,   eu_vat",
            "FR4Z123456782,     FR, FR4Z123456782,   eu_vat",
            "EL094259216,       GR, EL094259216,     eu_vat",
            "HR33392005961,     HR, HR33392005961,   eu_vat",
            "HU12892312,        HU, HU12892312,      eu_vat",
            "IE6433435F,        IE, IE6433435F,      eu_vat",
            "IE8D79739I,        IE, IE8D79739I,      eu_vat",
            "IT00743110157,     IT, IT00743110157,   eu_vat",
            "LU15027442,        LU, LU15027442,      eu_vat",
            "MT11679112,        MT, MT11679112,      eu_vat",
            "NL004495445B01,    NL, NL004495445B01,  eu_vat",
            "NL4495445B01,      NL, NL004495445B01,  eu_vat",
            "PL8567346215,      PL, PL8567346215,    eu_vat",
            "PT501964843,       PT, PT501964843,     eu_vat",
            "RO18547290,        RO, RO18547290,      eu_vat",
            "SE123456789701,    SE, SE123456789701,  eu_vat",
            "SK2022749619,      SK, SK2022749619,    eu_vat",
            "GB980780684,       GB, 980780684,       gb_vat",
            "'GB 980 7806 84',  GB, 980780684,       gb_vat",
            "91-1144442,        US, 911144442,       us_ein",
            "911144442,         US, 911144442,       us_ein",
            "234567899RT0001,   CA, 234567899RT0001, ca_gst_hst",
            "'234567899 RT0001', CA, 234567899RT0001, ca_gst_hst",
            "234567899,         CA, 234567899,       ca_bn",
            "'51 824 753 556',  AU, 51824753556,     au_abn",
            "83914571673,       AU, 83914571673,     au_abn",
            "CHE-100.155.212,   CH, CHE100155212,    ch_uid",
            "100.155.212,       CH, CHE100155212,    ch_uid",
            "'CHE-107.787.577 IVA', CH, CHE107787577IVA, ch_vat",
            "'NO 995 525 828 MVA', NO, 995525828MVA, no_vat",
    })
    void validNumbersAreNormalized(String number, String country, String value, String format) {
        assertThat(TaxIds.validate(number, country)).contains(new TaxId(value, format));
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "ATU57194902, AT", "BE0697449993, BE", "BE2697449992, BE", "BG175074751, BG", "CY10259033A, CY",
            "CY12000000C, CY", "DE136695977, DE", "DE036695976, DE", "DK13585627, DK", "EE100931559, EE",
            "ESB64717839, ES", "ES54362315A, ES", "FI20774741, FI", "FR11111111111, FR", "FR62954506077, FR",
            "FRIO334175221, FR", "EL094259217, GR", "HR33392005962, HR", "HU12892313, HU", "IE6433435E, IE",
            "IT00743110158, IT", "IT00743111157, IT", "LU15027443, LU", "MT11679113, MT", "NL004495445B00, NL",
            "NL123456789B90, NL", "PL8567346216, PL", "PT501964844, PT", "RO18547291, RO", "SE123456789702, SE",
            "SE123456789801, SE", "SK2022749618, SK", "GB802311781, GB", "07-1144442, US", "911-14-4442, US",
            "'91 1144442', US", "234567898, CA", "234567899RX0001, CA", "51824753557, AU", "CHE-100.155.213, CH",
            "'CHE-107.787.577 XYZ', CH", "'NO 995 525 829 MVA', NO",
    })
    void invalidNumbersAreRefused(String number, String country) {
        assertThat(TaxIds.validate(number, country)).isEmpty();
    }

    @Test
    void euVatNeedsTheMemberStatePrefix() {
        assertThat(TaxIds.validate("136695976", "DE")).isEmpty();
    }

    @Test
    void euVatIsCheckedAgainstItsPrefixNotTheAddressCountry() {
        assertThat(TaxIds.validate("DE136695976", "FR")).contains(new TaxId("DE136695976", "eu_vat"));
    }

    @Test
    void greeceAlsoAcceptsTheGrPrefix() {
        assertThat(TaxIds.validate("GR094259216", "GR")).contains(new TaxId("GR094259216", "eu_vat"));
    }

    @Test
    void greekEightDigitNumbersGetALeadingZero() {
        assertThat(TaxIds.validate("EL94259216", "GR")).contains(new TaxId("EL094259216", "eu_vat"));
    }

    @Test
    void northernIrelandUsesTheGbAlgorithmUnderEuVat() {
        assertThat(TaxIds.validate("XI980780684", "IE")).contains(new TaxId("XI980780684", "eu_vat"));
    }

    @Test
    void gbVatIsNotAnEuVatNumber() {
        assertThat(TaxIds.validate("GB980780684", "FR")).isEmpty();
    }

    @Test
    void gbVatAcceptsTheRestartedSeriesWithResidue55() {
        // 100 0000 xx: weighted sum 8 → 8 + 10*x + y ≡ 55 (mod 97) for xx = 47
        assertThat(TaxIds.validate("100000047", "GB")).contains(new TaxId("100000047", "gb_vat"));
    }

    @Test
    void gbVatAcceptsBranchTradersWithTwelveDigits() {
        assertThat(TaxIds.validate("980780684001", "GB")).contains(new TaxId("980780684001", "gb_vat"));
    }

    @Test
    void gbVatAcceptsGovernmentDepartmentsAndHealthAuthorities() {
        assertThat(TaxIds.validate("GBGD001", "GB")).contains(new TaxId("GD001", "gb_vat"));
        assertThat(TaxIds.validate("GBHA500", "GB")).contains(new TaxId("HA500", "gb_vat"));
        assertThat(TaxIds.validate("GBHA499", "GB")).isEmpty();
    }

    @Test
    void irishNewStyleWithSecondLetterCounts() {
        // 1234567 with second letter W (0) has the same check letter as the 8-character form
        assertThat(TaxIds.validate("IE1234567TW", "IE")).contains(new TaxId("IE1234567TW", "eu_vat"));
        assertThat(TaxIds.validate("IE1234567FA", "IE")).contains(new TaxId("IE1234567FA", "eu_vat"));
        assertThat(TaxIds.validate("IE1234567TA", "IE")).isEmpty();
    }

    @Test
    void dutchSoleProprietorNumbersUseMod97() {
        assertThat(TaxIds.validate("NL000099998B57", "NL")).contains(new TaxId("NL000099998B57", "eu_vat"));
    }

    @Test
    void canadaPrefersGstHstForFifteenCharacters() {
        assertThat(TaxIds.validate("234567899rt0001", "CA")).contains(new TaxId("234567899RT0001", "ca_gst_hst"));
    }

    @Test
    void unknownOrUnmappedCountryIsInvalid() {
        assertThat(TaxIds.validate("DE136695976", "XX")).isEmpty();
        assertThat(TaxIds.validate("DE136695976", "FJ")).isEmpty();
    }

    @Test
    void missingCountryOrNumberIsInvalid() {
        assertThat(TaxIds.validate("DE136695976", null)).isEqualTo(Optional.empty());
        assertThat(TaxIds.validate(null, "DE")).isEmpty();
        assertThat(TaxIds.validate("", "DE")).isEmpty();
    }

    @Test
    void messagesAreThoseOfPolar() {
        assertThat(TaxIds.INVALID_TAX_ID).isEqualTo("Invalid tax ID.");
        assertThat(TaxIds.COUNTRY_REQUIRED).isEqualTo("Country is required to validate tax ID.");
    }

    @Test
    void everyEuMemberStateMapsToEuVat() {
        for (String cc : "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" ")) {
            assertThat(TaxIds.COUNTRY_FORMATS.get(cc)).as(cc).contains("eu_vat");
        }
    }

    @Test
    void formatOnlyMemberStatesCheckLengthAndDigits() {
        assertThat(TaxIds.validate("CZ25123891", "CZ")).contains(new TaxId("CZ25123891", "eu_vat"));
        assertThat(TaxIds.validate("CZ2512389", "CZ")).isEmpty();
        assertThat(TaxIds.validate("LT119511515", "LT")).contains(new TaxId("LT119511515", "eu_vat"));
        assertThat(TaxIds.validate("LV40003521600", "LV")).contains(new TaxId("LV40003521600", "eu_vat"));
        assertThat(TaxIds.validate("SI50223054", "SI")).contains(new TaxId("SI50223054", "eu_vat"));
        assertThat(TaxIds.validate("SI0022305", "SI")).isEmpty();
    }
}
