package dev.kassa.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void stringsAreStrippedAndBlankOnesBecomeNull() {
        Address address = new Address("  1 Main St ", "   ", "", " 75001 ", "\t", "FR");
        assertThat(address).isEqualTo(new Address("1 Main St", null, null, "75001", null, "FR"));
        assertThat(address.line2()).isNull();
    }

    @Test
    void countryIsUpperCased() {
        assertThat(Address.ofCountry("fr").country()).isEqualTo("FR");
    }

    @Test
    void unprefixedUsStateGetsThePrefix() {
        assertThat(new Address(null, null, null, null, "NY", "US").state()).isEqualTo("US-NY");
    }

    @Test
    void prefixedUsStateIsKept() {
        assertThat(new Address(null, null, null, null, "US-NY", "US").state()).isEqualTo("US-NY");
    }

    @Test
    void districtOfColumbiaIsAUsState() {
        assertThat(new Address(null, null, null, null, "DC", "US").state()).isEqualTo("US-DC");
    }

    @Test
    void usTerritoriesAreNotUsStates() {
        assertThatThrownBy(() -> new Address(null, null, null, null, "PR", "US"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid US state");
        assertThatThrownBy(() -> new Address(null, null, null, null, "GU", "US")).hasMessage("Invalid US state");
    }

    @Test
    void unknownUsStateIsRefused() {
        assertThatThrownBy(() -> new Address(null, null, null, null, "XX", "US")).hasMessage("Invalid US state");
    }

    @Test
    void stateIsUpperCasedBeforeTheCheck() {
        assertThat(new Address(null, null, null, null, "ny", "US").state()).isEqualTo("US-NY");
        assertThat(new Address(null, null, null, null, "us-ny", "US").state()).isEqualTo("US-NY");
        assertThat(new Address(null, null, null, null, "qc", "CA").state()).isEqualTo("CA-QC");
    }

    @Test
    void canadianSubdivisionGetsThePrefix() {
        assertThat(new Address(null, null, null, null, "QC", "CA").state()).isEqualTo("CA-QC");
        assertThat(new Address(null, null, null, null, "CA-YT", "CA").state()).isEqualTo("CA-YT");
    }

    @Test
    void unknownCanadianSubdivisionIsRefused() {
        assertThatThrownBy(() -> new Address(null, null, null, null, "NY", "CA")).hasMessage("Invalid CA subdivision");
    }

    @Test
    void usStateForCanadaIsRefused() {
        assertThatThrownBy(() -> new Address(null, null, null, null, "US-NY", "CA")).hasMessage("Invalid CA subdivision");
    }

    @Test
    void subdivisionListsHaveTheirRealSizes() {
        assertThat(Address.US_STATES).hasSize(51);
        assertThat(Address.CA_SUBDIVISIONS).hasSize(13);
    }

    @Test
    void otherCountriesKeepFreeTextState() {
        assertThat(new Address(null, null, null, null, " Île-de-France ", "FR").state()).isEqualTo("Île-de-France");
    }

    @Test
    void hasAddressCountsLinesCityAndPostalCode() {
        assertThat(Address.ofCountry("FR").hasAddress()).isFalse();
        assertThat(new Address(null, null, null, null, "QC", "CA").hasAddress()).isFalse();
        assertThat(new Address("x", null, null, null, null, "FR").hasAddress()).isTrue();
        assertThat(new Address(null, "x", null, null, null, "FR").hasAddress()).isTrue();
        assertThat(new Address(null, null, "x", null, null, "FR").hasAddress()).isTrue();
        assertThat(new Address(null, null, null, "x", null, "FR").hasAddress()).isTrue();
    }

    @Test
    void unprefixedStateDropsTheCountryPrefixForUsAndCa() {
        assertThat(new Address(null, null, null, null, "US-NY", "US").unprefixedState()).isEqualTo("NY");
        assertThat(new Address(null, null, null, null, "QC", "CA").unprefixedState()).isEqualTo("QC");
        assertThat(new Address(null, null, null, null, "Bavaria", "DE").unprefixedState()).isEqualTo("Bavaria");
        assertThat(Address.ofCountry("US").unprefixedState()).isNull();
    }

    @Test
    void jsonHasEveryKeyInPolarsOrderWithNulls() {
        Map<String, Object> json = new Address("1 Main St", null, "10001", "New York", "NY", "US").toJson();
        Map<String, Object> expected = new HashMap<>();
        expected.put("line1", "1 Main St");
        expected.put("line2", null);
        expected.put("postal_code", "10001");
        expected.put("city", "New York");
        expected.put("state", "US-NY");
        expected.put("country", "US");
        assertThat(json).isEqualTo(expected);
        assertThat(json.keySet()).containsExactly("line1", "line2", "postal_code", "city", "state", "country");
    }

    @Test
    void storageLeavesOutNullKeys() {
        assertThat(new Address(null, null, "75001", null, null, "FR").toStorage())
                .isEqualTo(Map.of("postal_code", "75001", "country", "FR"));
        assertThat(Address.ofCountry("FR").toStorage()).containsExactlyEntriesOf(Map.of("country", "FR"));
    }

    @Test
    void storageRoundTrips() {
        Address address = new Address("1 Main St", "Apt 2", "10001", "New York", "NY", "US");
        assertThat(Address.fromStorage(address.toStorage())).isEqualTo(address);
        assertThat(Address.fromStorage(null)).isNull();
    }

    @Test
    void countryInputSupportExcludesTheEmbargoes() {
        assertThat(Country.ALL).hasSize(249).contains("CU", "IR", "KP", "SY", "RU", "US", "FR");
        for (String embargoed : new String[] {"CU", "IR", "KP", "SY", "RU"}) {
            assertThat(Country.isKnown(embargoed)).isTrue();
            assertThat(Country.isSupportedForInput(embargoed)).isFalse();
        }
        assertThat(Country.SUPPORTED_FOR_INPUT).hasSize(244).doesNotContain("RU");
        assertThat(Country.isSupportedForInput("FR")).isTrue();
        assertThat(Country.isSupportedForInput("XX")).isFalse();
        assertThat(Country.isSupportedForInput("fr")).isFalse();
        assertThat(Country.isSupportedForInput(null)).isFalse();
    }
}
