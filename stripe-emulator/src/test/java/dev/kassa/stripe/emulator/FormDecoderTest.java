package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {

    @Test
    void decodesNestedHashesAndPercentEncoding() {
        Map<String, Object> params = FormDecoder.decode(
                "email=jane%40example.com&name=Jane+Doe&customer_details[address][country]=DE"
                        + "&customer_details%5Baddress%5D%5Bpostal_code%5D=10115");
        assertThat(params).containsEntry("email", "jane@example.com").containsEntry("name", "Jane Doe");
        assertThat(params.get("customer_details"))
                .isEqualTo(Map.of("address", Map.of("country", "DE", "postal_code", "10115")));
    }

    @Test
    void indexedKeysBecomeListsOrderedByIndex() {
        Map<String, Object> params = FormDecoder.decode(
                "line_items[1][amount]=500&line_items[0][amount]=1000&line_items[0][reference]=a&line_items[10][amount]=1");
        assertThat(params.get("line_items")).isEqualTo(List.of(
                Map.of("amount", "1000", "reference", "a"), Map.of("amount", "500"), Map.of("amount", "1")));
    }

    @Test
    void emptyBracketsAppend() {
        Map<String, Object> params = FormDecoder.decode("expand[]=tax_ids&expand[]=line_items&x[][k]=1&x[][j]=2&x[][k]=3");
        assertThat(params.get("expand")).isEqualTo(List.of("tax_ids", "line_items"));
        assertThat(params.get("x")).isEqualTo(List.of(Map.of("k", "1", "j", "2"), Map.of("k", "3")));
    }

    @Test
    void metadataKeysStayAHashEvenWhenNumeric() {
        Map<String, Object> params = FormDecoder.decode("metadata[0]=zero&metadata[1]=one&metadata[order]=");
        assertThat(params.get("metadata")).isEqualTo(Map.of("0", "zero", "1", "one", "order", ""));
    }

    @Test
    void emptyValuesAndBareKeysAreEmptyStrings() {
        assertThat(FormDecoder.decode("email=&name")).containsEntry("email", "").containsEntry("name", "");
        assertThat(FormDecoder.decode("")).isEmpty();
        assertThat(FormDecoder.decode((String) null)).isEmpty();
    }

    @Test
    void aKeyUsedAsValueAndHashIsRejected() {
        assertThatThrownBy(() -> FormDecoder.decode("address=x&address[city]=Berlin"))
                .isInstanceOfSatisfying(StripeApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("address[city]");
                });
        assertThatThrownBy(() -> FormDecoder.decode("address[city]=Berlin&address=x"))
                .isInstanceOf(StripeApiException.class);
    }

    @Test
    void malformedBracketsAreRejected() {
        assertThatThrownBy(() -> FormDecoder.decode("address[city=Berlin")).isInstanceOf(StripeApiException.class);
        assertThatThrownBy(() -> FormDecoder.decode("[city]=Berlin")).isInstanceOf(StripeApiException.class);
    }
}
