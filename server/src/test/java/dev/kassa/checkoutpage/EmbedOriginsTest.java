package dev.kassa.checkoutpage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbedOriginsTest {

    @ParameterizedTest(name = "{0} (test mode {1}) -> {2}")
    @CsvSource(nullValues = "REFUSED", value = {
            "https://shop.example, false, https://shop.example",
            "https://Shop.Example:443, false, https://shop.example",
            "https://shop.example:8443/, false, https://shop.example:8443",
            "http://localhost:3000, true, http://localhost:3000",
            "http://127.0.0.1:5173, true, http://127.0.0.1:5173",
            "http://[::1]:8080, true, http://[::1]:8080",
            "http://localhost:3000, false, REFUSED",
            "http://shop.example, true, REFUSED",
            "https://shop.example/checkout, false, REFUSED",
            "https://shop.example?x=1, false, REFUSED",
            "https://user@shop.example, false, REFUSED",
            "javascript:alert(1), true, REFUSED",
            "shop.example, true, REFUSED",
            "'', true, REFUSED",
    })
    void acceptsOnlyBareHttpsOriginsOrLoopbackInTestMode(String raw, boolean testMode, String expected) {
        assertThat(EmbedOrigins.normalize(raw, testMode).orElse(null)).isEqualTo(expected);
    }
}
