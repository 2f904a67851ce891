package dev.kassa.address;

import static dev.kassa.address.BillingAddressFields.Mode.DISABLED;
import static dev.kassa.address.BillingAddressFields.Mode.OPTIONAL;
import static dev.kassa.address.BillingAddressFields.Mode.REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingAddressFieldsTest {

    /** Every combination: required flag × {no address, FR, US, CA}. */
    @ParameterizedTest(name = "required={0} country={1}")
    @CsvSource(nullValues = "none", value = {
            // required, country, country, state, line1, line2, city, postal_code
            "false, none, REQUIRED, DISABLED, DISABLED, DISABLED, DISABLED, DISABLED",
            "false, FR,   REQUIRED, DISABLED, DISABLED, DISABLED, DISABLED, DISABLED",
            "false, US,   REQUIRED, REQUIRED, REQUIRED, OPTIONAL, REQUIRED, REQUIRED",
            "false, CA,   REQUIRED, REQUIRED, DISABLED, DISABLED, DISABLED, DISABLED",
            "true,  none, REQUIRED, OPTIONAL, REQUIRED, OPTIONAL, REQUIRED, REQUIRED",
            "true,  FR,   REQUIRED, OPTIONAL, REQUIRED, OPTIONAL, REQUIRED, REQUIRED",
            "true,  US,   REQUIRED, REQUIRED, REQUIRED, OPTIONAL, REQUIRED, REQUIRED",
            "true,  CA,   REQUIRED, REQUIRED, REQUIRED, OPTIONAL, REQUIRED, REQUIRED",
    })
    void modes(boolean required, String country, BillingAddressFields.Mode countryMode, BillingAddressFields.Mode state,
               BillingAddressFields.Mode line1, BillingAddressFields.Mode line2, BillingAddressFields.Mode city,
               BillingAddressFields.Mode postalCode) {
        assertThat(BillingAddressFields.of(required, country))
                .isEqualTo(new BillingAddressFields(countryMode, state, line1, line2, city, postalCode));
    }

    @Test
    void jsonUsesPolarsValuesAndKeyOrder() {
        assertThat(BillingAddressFields.of(false, "CA").toJson()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>() {{
            put("country", "required");
            put("state", "required");
            put("line1", "disabled");
            put("line2", "disabled");
            put("city", "disabled");
            put("postal_code", "disabled");
        }});
    }

    @ParameterizedTest(name = "required={0} country={1}")
    @CsvSource(nullValues = "none", value = {
            // required, country, state, line1/city/postal_code
            "false, none, false, false",
            "false, FR,   false, false",
            "false, US,   true,  true",
            "false, CA,   true,  false",
            "true,  none, false, true",
            "true,  FR,   false, true",
            "true,  US,   true,  true",
            "true,  CA,   true,  true",
    })
    void deprecatedBooleans(boolean required, String country, boolean state, boolean full) {
        Map<String, Boolean> booleans = BillingAddressFields.deprecatedBooleans(required, country);
        assertThat(booleans).isEqualTo(Map.of(
                "country", true, "state", state, "line1", full, "line2", false, "city", full, "postal_code", full));
        assertThat(booleans.keySet()).containsExactly("country", "state", "line1", "line2", "city", "postal_code");
    }

    @Test
    void countryOnlyPresetDoesNotRequireTheBillingAddress() {
        assertThat(BillingAddressFields.impliesRequireBillingAddress(Address.ofCountry("FR"))).isFalse();
    }

    @Test
    void presetWithACityRequiresTheBillingAddress() {
        assertThat(BillingAddressFields.impliesRequireBillingAddress(new Address(null, null, null, "Paris", null, "FR")))
                .isTrue();
    }

    @Test
    void canadianPresetWithOnlyAProvinceDoesNotRequireTheBillingAddress() {
        assertThat(BillingAddressFields.impliesRequireBillingAddress(new Address(null, null, null, null, "CA-QC", "CA")))
                .isFalse();
    }

    @Test
    void canadianPresetWithACityRequiresTheBillingAddress() {
        assertThat(BillingAddressFields.impliesRequireBillingAddress(
                new Address(null, null, null, "Montréal", "CA-QC", "CA"))).isTrue();
    }

    @Test
    void stateOutsideUsAndCaRequiresTheBillingAddress() {
        assertThat(BillingAddressFields.impliesRequireBillingAddress(new Address(null, null, null, null, "Bavaria", "DE")))
                .isTrue();
    }

    @Test
    void noPresetDoesNotRequireTheBillingAddress() {
        assertThat(BillingAddressFields.impliesRequireBillingAddress(null)).isFalse();
    }

    @Test
    void confirmWithoutAddressMissesTheAddressAndItsCountry() {
        assertThat(BillingAddressFields.missingForConfirm(null, false)).containsExactly(
                List.of("customer_billing_address"), List.of("customer_billing_address", "country"));
    }

    @Test
    void confirmWithoutAddressWhenFullMissesEveryRequiredField() {
        assertThat(BillingAddressFields.missingForConfirm(null, true)).containsExactly(
                List.of("customer_billing_address"), List.of("customer_billing_address", "city"),
                List.of("customer_billing_address", "country"), List.of("customer_billing_address", "line1"),
                List.of("customer_billing_address", "postal_code"));
    }

    @Test
    void countryOnlyIsEnoughWhenNotFull() {
        assertThat(BillingAddressFields.missingForConfirm(Address.ofCountry("FR"), false)).isEmpty();
    }

    @Test
    void canadaNeedsAState() {
        assertThat(BillingAddressFields.missingForConfirm(Address.ofCountry("CA"), false))
                .containsExactly(List.of("customer_billing_address", "state"));
    }

    @Test
    void usNeedsTheFullAddressEvenWhenNotRequired() {
        assertThat(BillingAddressFields.missingForConfirm(new Address("1 Main St", null, null, null, null, "US"), false))
                .containsExactly(List.of("customer_billing_address", "city"),
                        List.of("customer_billing_address", "postal_code"), List.of("customer_billing_address", "state"));
    }

    @Test
    void completeFullAddressMissesNothing() {
        assertThat(BillingAddressFields.missingForConfirm(new Address("1 rue", null, "75001", "Paris", null, "FR"), true))
                .isEmpty();
    }
}
