package dev.kassa.address;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AddressProperties {

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().withChars(" \tab-Z1").ofMaxLength(6));
    }

    @Provide
    Arbitrary<String> country() {
        return Arbitraries.of(Country.ALL).map(c -> c.hashCode() % 2 == 0 ? c.toLowerCase() : c);
    }

    @Provide
    Arbitrary<String> state() {
        return Arbitraries.oneOf(text(), Arbitraries.of(Address.US_STATES), Arbitraries.of(Address.CA_SUBDIVISIONS),
                Arbitraries.of(Address.US_STATES).map(s -> s.substring(3)));
    }

    @Property(seed = "20250101")
    void normalizationIsIdempotent(@ForAll("text") String line1, @ForAll("text") String line2,
                                   @ForAll("text") String postalCode, @ForAll("text") String city,
                                   @ForAll("state") String state, @ForAll("country") String country) {
        Address address;
        try {
            address = new Address(line1, line2, postalCode, city, state, country);
        } catch (IllegalArgumentException e) {
            return;
        }
        Address again = new Address(address.line1(), address.line2(), address.postalCode(), address.city(),
                address.state(), address.country());
        assertThat(again).isEqualTo(address);
        assertThat(Address.fromStorage(address.toStorage())).isEqualTo(address);
    }

    @Property(seed = "20250101")
    void usAndCaStatesAlwaysCarryTheirPrefix(@ForAll("state") String state) {
        for (String country : new String[] {"US", "CA"}) {
            try {
                Address address = new Address(null, null, null, null, state, country);
                if (address.state() != null) {
                    assertThat(address.state()).startsWith(country + "-");
                    assertThat(country + "-" + address.unprefixedState()).isEqualTo(address.state());
                }
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isIn(Address.INVALID_US_STATE, Address.INVALID_CA_SUBDIVISION);
            }
        }
    }
}
