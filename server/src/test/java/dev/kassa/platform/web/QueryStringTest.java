package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    private static Map<String, String[]> parse(String raw) throws QueryString.Invalid {
        return QueryString.parse(raw).parameters();
    }

    private static ValidationProblem refusal(String raw) {
        try {
            QueryString.parse(raw);
        } catch (QueryString.Invalid invalid) {
            return invalid.problem();
        }
        throw new AssertionError("accepted " + raw);
    }

    @Test
    void decodesPercentEscapesAndPlusAsUtf8() throws Exception {
        assertThat(parse("query=caf%C3%A9+au+lait&x=%2B1")).containsOnlyKeys("query", "x");
        assertThat(parse("query=caf%C3%A9+au+lait").get("query")).containsExactly("café au lait");
        assertThat(parse("x=%2B1").get("x")).containsExactly("+1");
    }

    @Test
    void keepsEveryValueOfARepeatedNameInOrder() throws Exception {
        assertThat(parse("product_id=a&product_id=b&page=1").get("product_id")).containsExactly("a", "b");
    }

    @Test
    void ignoresChunksWithoutAName() throws Exception {
        assertThat(parse("=0&&page=2&=")).containsOnlyKeys("page");
        assertThat(parse("flag").get("flag")).containsExactly("");
    }

    @Test
    void refusesAnEscapeThatIsNotTwoHexDigits() {
        ValidationProblem problem = refusal("query=%ZZ");
        assertThat(problem.loc()).isEqualTo(List.of("query", "query"));
        assertThat(problem.type()).isEqualTo("string_unicode");
        assertThat(refusal("query=abc%").msg()).isEqualTo("Input should be a valid query string, '%' must start a two-digit hex escape");
    }

    @Test
    void refusesBytesThatAreNotUtf8IncludingEncodedSurrogatesAndOverlongForms() {
        for (String raw : List.of("q=%FF", "q=%ED%A0%80", "q=%C0%80", "q=%E2%82")) {
            assertThat(refusal(raw).msg()).as(raw)
                    .isEqualTo("Input should be a valid string, unable to parse raw data as a unicode string");
        }
    }

    @Test
    void refusesANulCharacterInANameOrAValue() {
        assertThat(refusal("query=a%00b").msg()).isEqualTo("Input should be a valid string, NUL characters are not allowed");
        assertThat(refusal("a%00=1").loc()).isEqualTo(List.of("query", "a%00"));
    }
}
