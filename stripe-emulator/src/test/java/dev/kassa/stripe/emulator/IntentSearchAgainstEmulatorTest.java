package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeSearchResult;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentListParams;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search and list through stripe-java 33.3.0: {@code paymentIntents().search/list}, {@code setupIntents().list}. */
class IntentSearchAgainstEmulatorTest {

    private static StripeEmulatorServer server;
    private static StripeClient stripe;

    @BeforeAll
    static void start() throws IOException {
        server = StripeEmulatorServer.start("127.0.0.1", 0, "");
        stripe = StripeClient.builder().setApiKey("sk_test_search").setApiBase(server.apiBase()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Customer customer() throws Exception {
        return stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("s@example.com").build());
    }

    private static PaymentIntent intent(String customer, String checkout, long amount) throws Exception {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder().setAmount(amount)
                .setCurrency("eur").putMetadata("kassa_checkout", checkout);
        if (customer != null) {
            params.setCustomer(customer);
        }
        return stripe.v1().paymentIntents().create(params.build());
    }

    @Test
    void searchByMetadataFindsTheIntentsWithThatValue() throws Exception {
        String checkout = UUID.randomUUID().toString();
        PaymentIntent first = intent(null, checkout, 1000);
        PaymentIntent second = intent(null, checkout, 2000);
        intent(null, UUID.randomUUID().toString(), 3000);

        StripeSearchResult<PaymentIntent> found = stripe.v1().paymentIntents().search(PaymentIntentSearchParams
                .builder().setQuery("metadata['kassa_checkout']:'" + checkout + "'").build());

        assertThat(found.getObject()).isEqualTo("search_result");
        assertThat(found.getData()).extracting(PaymentIntent::getId).containsExactly(second.getId(), first.getId());
        assertThat(found.getHasMore()).isFalse();
        assertThat(found.getNextPage()).isNull();
        assertThat(found.getUrl()).isEqualTo("/v1/payment_intents/search");
    }

    @Test
    void searchClausesJoinedByAndMustAllMatch() throws Exception {
        String checkout = UUID.randomUUID().toString();
        Customer customer = customer();
        PaymentIntent mine = intent(customer.getId(), checkout, 1000);
        intent(null, checkout, 1000);

        StripeSearchResult<PaymentIntent> found = stripe.v1().paymentIntents().search(PaymentIntentSearchParams
                .builder().setQuery("metadata['kassa_checkout']:'" + checkout + "' AND customer:'" + customer.getId()
                        + "'").build());

        assertThat(found.getData()).extracting(PaymentIntent::getId).containsExactly(mine.getId());
    }

    @Test
    void searchPagesWithLimitAndNextPage() throws Exception {
        String checkout = UUID.randomUUID().toString();
        PaymentIntent oldest = intent(null, checkout, 1000);
        PaymentIntent middle = intent(null, checkout, 1000);
        PaymentIntent newest = intent(null, checkout, 1000);
        String query = "metadata['kassa_checkout']:'" + checkout + "'";

        StripeSearchResult<PaymentIntent> page1 = stripe.v1().paymentIntents().search(
                PaymentIntentSearchParams.builder().setQuery(query).setLimit(2L).build());
        StripeSearchResult<PaymentIntent> page2 = stripe.v1().paymentIntents().search(
                PaymentIntentSearchParams.builder().setQuery(query).setLimit(2L).setPage(page1.getNextPage()).build());

        assertThat(page1.getData()).extracting(PaymentIntent::getId).containsExactly(newest.getId(), middle.getId());
        assertThat(page1.getHasMore()).isTrue();
        assertThat(page2.getData()).extracting(PaymentIntent::getId).containsExactly(oldest.getId());
        assertThat(page2.getHasMore()).isFalse();
    }

    @Test
    void aQueryTheEmulatorDoesNotUnderstandIs400() {
        assertThatThrownBy(() -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("amount>1000 OR status:'succeeded'").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("query"));
    }

    @Test
    void listByCustomerGivesItsPaymentIntentsNewestFirst() throws Exception {
        Customer customer = customer();
        PaymentIntent older = intent(customer.getId(), "c", 1000);
        PaymentIntent newer = intent(customer.getId(), "c", 2000);
        intent(customer().getId(), "c", 3000);

        StripeCollection<PaymentIntent> list = stripe.v1().paymentIntents().list(PaymentIntentListParams.builder()
                .setCustomer(customer.getId()).build());

        assertThat(list.getObject()).isEqualTo("list");
        assertThat(list.getData()).extracting(PaymentIntent::getId).containsExactly(newer.getId(), older.getId());
        assertThat(list.getHasMore()).isFalse();
        assertThat(list.getUrl()).isEqualTo("/v1/payment_intents");
    }

    @Test
    void listHonoursLimitAndCreatedGte() throws Exception {
        Customer customer = customer();
        intent(customer.getId(), "c", 1000);
        PaymentIntent newer = intent(customer.getId(), "c", 2000);

        StripeCollection<PaymentIntent> limited = stripe.v1().paymentIntents().list(PaymentIntentListParams.builder()
                .setCustomer(customer.getId()).setLimit(1L).build());
        StripeCollection<PaymentIntent> future = stripe.v1().paymentIntents().list(PaymentIntentListParams.builder()
                .setCustomer(customer.getId()).setCreated(PaymentIntentListParams.Created.builder()
                        .setGte(newer.getCreated() + 1).build()).build());

        assertThat(limited.getData()).extracting(PaymentIntent::getId).containsExactly(newer.getId());
        assertThat(limited.getHasMore()).isTrue();
        assertThat(future.getData()).isEmpty();
    }

    @Test
    void listByCustomerGivesItsSetupIntentsNewestFirst() throws Exception {
        Customer customer = customer();
        SetupIntent older = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer.getId()).build());
        SetupIntent newer = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer.getId()).build());
        stripe.v1().setupIntents().create(SetupIntentCreateParams.builder().build());

        StripeCollection<SetupIntent> list = stripe.v1().setupIntents().list(SetupIntentListParams.builder()
                .setCustomer(customer.getId()).build());

        assertThat(list.getData()).extracting(SetupIntent::getId).containsExactly(newer.getId(), older.getId());
        assertThat(list.getUrl()).isEqualTo("/v1/setup_intents");
    }
}
