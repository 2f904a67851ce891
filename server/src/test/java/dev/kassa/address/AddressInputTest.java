package dev.kassa.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.platform.web.ValidationProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AddressInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADDRESS = "customer_billing_address";

    private final ValidationErrors errors = new ValidationErrors();

    private Address read(String body) {
        return AddressInput.read(JsonFields.body(JSON.readTree(body), errors), ADDRESS);
    }

    private List<ValidationProblem> problems() {
        try {
            errors.throwIfAny();
            return List.of();
        } catch (RequestValidationError e) {
            return e.problems();
        }
    }

    @Test
    void readsAndNormalizesAFullAddress() {
        Address address = read("""
                {"customer_billing_address": {"line1": " 1 Main St ", "line2": "", "postal_code": "10001",
                 "city": "New York", "state": "NY", "country": "us"}}""");
        assertThat(address).isEqualTo(new Address("1 Main St", null, "10001", "New York", "US-NY", "US"));
        assertThat(problems()).isEmpty();
    }

    @Test
    void absentOrNullAddressIsNullWithoutProblems() {
        assertThat(read("{}")).isNull();
        assertThat(read("{\"customer_billing_address\": null}")).isNull();
        assertThat(problems()).isEmpty();
    }

    @Test
    void missingCountryIsMissing() {
        assertThat(read("{\"customer_billing_address\": {\"city\": \"Paris\"}}")).isNull();
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("missing");
            assertThat(p.loc()).containsExactly("body", ADDRESS, "country");
            assertThat(p.msg()).isEqualTo("Field required");
        });
    }

    @Test
    void embargoedCountryIsAnEnumErrorWithTheUpperCasedInput() {
        assertThat(read("{\"customer_billing_address\": {\"country\": \"ru\"}}")).isNull();
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("enum");
            assertThat(p.loc()).containsExactly("body", ADDRESS, "country");
            assertThat(p.msg()).startsWith("Input should be 'AD', 'AE', 'AF'").endsWith("'ZM' or 'ZW'")
                    .doesNotContain("'RU'");
            assertThat(p.input()).isEqualTo("RU");
        });
    }

    @Test
    void unknownCountryIsAnEnumError() {
        read("{\"customer_billing_address\": {\"country\": \"XX\"}}");
        assertThat(problems()).extracting(ValidationProblem::type).containsExactly("enum");
    }

    @Test
    void invalidUsStateIsAValueErrorOnTheAddress() {
        assertThat(read("{\"customer_billing_address\": {\"state\": \"PR\", \"country\": \"US\"}}")).isNull();
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("value_error");
            assertThat(p.loc()).containsExactly("body", ADDRESS);
            assertThat(p.msg()).isEqualTo("Value error, Invalid US state");
            assertThat(p.input()).isInstanceOf(JsonNode.class);
        });
    }

    @Test
    void invalidCanadianSubdivisionIsAValueErrorOnTheAddress() {
        read("{\"customer_billing_address\": {\"state\": \"XX\", \"country\": \"CA\"}}");
        assertThat(problems()).extracting(ValidationProblem::msg).containsExactly("Value error, Invalid CA subdivision");
    }

    @Test
    void nonStringLineIsAStringTypeError() {
        read("{\"customer_billing_address\": {\"line1\": 12, \"country\": \"FR\"}}");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("string_type");
            assertThat(p.loc()).containsExactly("body", ADDRESS, "line1");
        });
    }

    @Test
    void nulCharacterIsRefused() {
        read("{\"customer_billing_address\": {\"city\": \"Pa\\u0000ris\", \"country\": \"FR\"}}");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("value_error");
            assertThat(p.loc()).containsExactly("body", ADDRESS, "city");
            assertThat(p.msg()).isEqualTo("Value error, Input must not contain a NUL character (\\u0000).");
        });
    }

    @Test
    void nonObjectAddressIsRefused() {
        assertThat(read("{\"customer_billing_address\": \"FR\"}")).isNull();
        assertThat(problems()).extracting(ValidationProblem::type).containsExactly("model_attributes_type");
    }

    @Test
    void fieldProblemsAreAllReported() {
        read("{\"customer_billing_address\": {\"line1\": 1, \"city\": true, \"country\": \"KP\"}}");
        assertThat(problems()).extracting(p -> p.loc().getLast()).containsExactly("line1", "city", "country");
    }
}
