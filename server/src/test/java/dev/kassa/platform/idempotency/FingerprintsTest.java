package dev.kassa.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Two requests with one key are "the same" when their query and JSON body are the same data. */
class FingerprintsTest {

    private static String of(String query, String body) {
        return Fingerprints.of(query, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void memberOrderAndWhitespaceDoNotMatterAtAnyDepth() {
        assertThat(of(null, "{\"a\": 1, \"b\": {\"c\": [1, {\"d\": true, \"e\": null}]}}"))
                .isEqualTo(of(null, "{\"b\":{\"c\":[1,{\"e\":null,\"d\":true}]},\"a\":1}"));
    }

    @Test
    void valuesArrayOrderAndTheQueryDo() {
        String base = of(null, "{\"a\": [1, 2]}");
        assertThat(of(null, "{\"a\": [2, 1]}")).isNotEqualTo(base);
        assertThat(of(null, "{\"a\": [1, 3]}")).isNotEqualTo(base);
        assertThat(of(null, "{\"a\": [1, 2], \"b\": null}")).isNotEqualTo(base);
        assertThat(of("x=1", "{\"a\": [1, 2]}")).isNotEqualTo(base);
        assertThat(of(null, "{\"a\": \"1\"}")).isNotEqualTo(of(null, "{\"a\": 1}"));
    }

    @Test
    void aBodyThatIsNotJsonIsComparedByteForByte() {
        assertThat(of(null, "{\"a\": ")).isEqualTo(of(null, "{\"a\": "));
        assertThat(of(null, "{\"a\": ")).isNotEqualTo(of(null, "{\"a\":  "));
        assertThat(of(null, "")).isNotEqualTo(of(null, "{}"));
    }
}
