package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.tax.Calculation;
import com.stripe.model.tax.CalculationLineItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.tax.CalculationCreateParams;
import com.stripe.param.tax.CalculationCreateParams.CustomerDetails;
import com.stripe.param.tax.CalculationCreateParams.LineItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The real stripe-java client, over HTTP, against the standalone emulator at the root path. */
class StripeClientAgainstEmulatorTest {

    private static StripeEmulatorServer server;
    private static StripeClient stripe;

    @BeforeAll
    static void start() throws IOException {
        server = StripeEmulatorServer.start("127.0.0.1", 0, "");
        stripe = client("sk_test_emulator");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static StripeClient client(String key) {
        return StripeClient.builder().setApiKey(key).setApiBase(server.apiBase()).build();
    }

    private static CustomerDetails.Address.Builder address(String country) {
        return CustomerDetails.Address.builder().setCountry(country);
    }

    private static Calculation calculate(long amount, LineItem.TaxBehavior behavior, CustomerDetails details)
            throws Exception {
        return stripe.v1().tax().calculations().create(CalculationCreateParams.builder()
                .setCurrency("eur")
                .addLineItem(LineItem.builder().setAmount(amount).setReference("plan").setTaxBehavior(behavior).build())
                .setCustomerDetails(details)
                .build());
    }

    private static CustomerDetails billing(CustomerDetails.Address.Builder address) {
        return CustomerDetails.builder().setAddress(address.build())
                .setAddressSource(CustomerDetails.AddressSource.BILLING).build();
    }

    @Nested
    class Customers {

        @Test
        void createRetrieveUpdate() throws Exception {
            Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setEmail("jane@example.com")
                    .setName("Jane Doe")
                    .setAddress(CustomerCreateParams.Address.builder().setLine1("Unter den Linden 1")
                            .setCity("Berlin").setPostalCode("10117").setCountry("DE").build())
                    .putMetadata("kassa_customer", "c1")
                    .putMetadata("plan", "pro")
                    .addTaxIdData(CustomerCreateParams.TaxIdData.builder()
                            .setType(CustomerCreateParams.TaxIdData.Type.EU_VAT).setValue("DE123456789").build())
                    .build());
            assertThat(created.getId()).startsWith("cus_");
            assertThat(created.getObject()).isEqualTo("customer");
            assertThat(created.getLivemode()).isFalse();
            assertThat(created.getCreated()).isPositive();
            assertThat(created.getEmail()).isEqualTo("jane@example.com");
            assertThat(created.getAddress().getCity()).isEqualTo("Berlin");
            assertThat(created.getAddress().getCountry()).isEqualTo("DE");
            assertThat(created.getAddress().getLine2()).isNull();
            assertThat(created.getMetadata()).containsEntry("kassa_customer", "c1").containsEntry("plan", "pro");
            assertThat(created.getTaxIds()).isNull();

            Customer retrieved = stripe.v1().customers().retrieve(created.getId(),
                    CustomerRetrieveParams.builder().addExpand("tax_ids").build());
            assertThat(retrieved.getName()).isEqualTo("Jane Doe");
            assertThat(retrieved.getTaxIds().getData()).singleElement().satisfies(taxId -> {
                assertThat(taxId.getId()).startsWith("txi_");
                assertThat(taxId.getType()).isEqualTo("eu_vat");
                assertThat(taxId.getValue()).isEqualTo("DE123456789");
                assertThat(taxId.getCountry()).isEqualTo("DE");
            });

            Customer updated = stripe.v1().customers().update(created.getId(), CustomerUpdateParams.builder()
                    .setName("Jane Roe")
                    .setAddress(CustomerUpdateParams.Address.builder().setCity("Hamburg").setPostalCode("20095").build())
                    .putMetadata("plan", "")
                    .putMetadata("seats", "3")
                    .build());
            assertThat(updated.getName()).isEqualTo("Jane Roe");
            assertThat(updated.getEmail()).isEqualTo("jane@example.com");
            assertThat(updated.getAddress().getCity()).isEqualTo("Hamburg");
            assertThat(updated.getAddress().getLine1()).isEqualTo("Unter den Linden 1");
            assertThat(updated.getMetadata()).containsOnlyKeys("kassa_customer", "seats");
            assertThat(stripe.v1().customers().retrieve(created.getId()).getName()).isEqualTo("Jane Roe");
        }

        @Test
        void missingCustomerIsResourceMissing() {
            assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_doesnotexist"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(404);
                        assertThat(e.getCode()).isEqualTo("resource_missing");
                        assertThat(e.getParam()).isEqualTo("id");
                        assertThat(e.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_doesnotexist'");
                        assertThat(e.getRequestId()).startsWith("req_");
                    });
            assertThatThrownBy(() -> stripe.v1().customers().update("cus_doesnotexist",
                    CustomerUpdateParams.builder().setName("x").build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.getCode()).isEqualTo("resource_missing"));
        }

        @Test
        void aMissingObjectNamedByAParameterIsA400ResourceMissing() {
            assertThatThrownBy(() -> stripe.v1().setupIntents().create(com.stripe.param.SetupIntentCreateParams.builder()
                    .setCustomer("cus_doesnotexist").build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getCode()).isEqualTo("resource_missing");
                        assertThat(e.getParam()).isEqualTo("customer");
                        assertThat(e.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_doesnotexist'");
                    });
            assertThatThrownBy(() -> stripe.v1().paymentIntents().create(com.stripe.param.PaymentIntentCreateParams.builder()
                    .setAmount(1000L).setCurrency("usd").setConfirm(true).setConfirmationToken("ctoken_doesnotexist").build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getCode()).isEqualTo("resource_missing");
                        assertThat(e.getParam()).isEqualTo("confirmation_token");
                    });
        }

        @Test
        void deleteLeavesADeletedStub() throws Exception {
            Customer created = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Gone").build());
            Customer deleted = stripe.v1().customers().delete(created.getId());
            assertThat(deleted.getDeleted()).isTrue();
            assertThat(stripe.v1().customers().retrieve(created.getId()).getDeleted()).isTrue();
        }

        @Test
        void invalidEmailAndTaxId() {
            assertThatThrownBy(() -> stripe.v1().customers().create(
                    CustomerCreateParams.builder().setEmail("not-an-email").build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getCode()).isEqualTo("email_invalid");
                        assertThat(e.getParam()).isEqualTo("email");
                    });
            assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                    .addTaxIdData(CustomerCreateParams.TaxIdData.builder()
                            .setType(CustomerCreateParams.TaxIdData.Type.GB_VAT).setValue("12").build())
                    .build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getCode()).isEqualTo("tax_id_invalid");
                        assertThat(e.getParam()).isEqualTo("tax_id_data[0][value]");
                    });
        }

        @Test
        void idempotencyKeysReplayAndRejectOtherParameters() throws Exception {
            RequestOptions options = RequestOptions.builder().setIdempotencyKey("key-" + System.nanoTime()).build();
            CustomerCreateParams params = CustomerCreateParams.builder().setName("Once").build();
            Customer first = stripe.v1().customers().create(params, options);
            Customer second = stripe.v1().customers().create(params, options);
            assertThat(second.getId()).isEqualTo(first.getId());
            assertThatThrownBy(() -> stripe.v1().customers().create(
                    CustomerCreateParams.builder().setName("Twice").build(), options))
                    .isInstanceOf(IdempotencyException.class);
        }
    }

    @Nested
    class TaxCalculations {

        @Test
        void germanyExclusive() throws Exception {
            Calculation calculation = calculate(1999, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(address("DE").setPostalCode("10117").setCity("Berlin")));
            assertThat(calculation.getId()).startsWith("taxcalc_");
            assertThat(calculation.getObject()).isEqualTo("tax.calculation");
            assertThat(calculation.getLivemode()).isFalse();
            assertThat(calculation.getCurrency()).isEqualTo("eur");
            assertThat(calculation.getTaxAmountExclusive()).isEqualTo(380L);
            assertThat(calculation.getTaxAmountInclusive()).isZero();
            assertThat(calculation.getAmountTotal()).isEqualTo(2379L);
            assertThat(calculation.getExpiresAt()).isGreaterThan(calculation.getTaxDate());
            assertThat(calculation.getCustomerDetails().getAddress().getCountry()).isEqualTo("DE");
            assertThat(calculation.getCustomerDetails().getAddressSource()).isEqualTo("billing");
            assertThat(calculation.getCustomerDetails().getTaxabilityOverride()).isEqualTo("none");
            assertThat(calculation.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getAmount()).isEqualTo(380L);
                assertThat(b.getInclusive()).isFalse();
                assertThat(b.getTaxableAmount()).isEqualTo(1999L);
                assertThat(b.getTaxabilityReason()).isEqualTo("standard_rated");
                assertThat(b.getTaxRateDetails().getCountry()).isEqualTo("DE");
                assertThat(b.getTaxRateDetails().getPercentageDecimal()).isEqualTo("19.0");
                assertThat(b.getTaxRateDetails().getTaxType()).isEqualTo("vat");
            });
            CalculationLineItem line = calculation.getLineItems().getData().getFirst();
            assertThat(line.getId()).startsWith("tax_li_");
            assertThat(line.getAmount()).isEqualTo(1999L);
            assertThat(line.getAmountTax()).isEqualTo(380L);
            assertThat(line.getReference()).isEqualTo("plan");
            assertThat(line.getQuantity()).isEqualTo(1L);
            assertThat(line.getTaxBehavior()).isEqualTo("exclusive");
            assertThat(line.getTaxCode()).isEqualTo("txcd_10000000");
            assertThat(line.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getJurisdiction().getCountry()).isEqualTo("DE");
                assertThat(b.getJurisdiction().getDisplayName()).isEqualTo("Germany");
                assertThat(b.getTaxRateDetails().getPercentageDecimal()).isEqualTo("19.0");
            });
        }

        @Test
        void germanyInclusive() throws Exception {
            Calculation calculation = calculate(1999, LineItem.TaxBehavior.INCLUSIVE,
                    billing(address("DE").setPostalCode("10117")));
            assertThat(calculation.getTaxAmountInclusive()).isEqualTo(319L);
            assertThat(calculation.getTaxAmountExclusive()).isZero();
            assertThat(calculation.getAmountTotal()).isEqualTo(1999L);
            assertThat(calculation.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getAmount()).isEqualTo(319L);
                assertThat(b.getInclusive()).isTrue();
                assertThat(b.getTaxableAmount()).isEqualTo(1680L);
            });
        }

        @Test
        void californiaExclusiveRoundsHalfUp() throws Exception {
            Calculation calculation = calculate(1000, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(address("US").setPostalCode("94105").setState("CA").setCity("San Francisco")));
            assertThat(calculation.getTaxAmountExclusive()).isEqualTo(73L); // 72.5
            assertThat(calculation.getAmountTotal()).isEqualTo(1073L);
            assertThat(calculation.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getTaxRateDetails().getState()).isEqualTo("CA");
                assertThat(b.getTaxRateDetails().getPercentageDecimal()).isEqualTo("7.25");
                assertThat(b.getTaxRateDetails().getTaxType()).isEqualTo("sales_tax");
            });
        }

        @Test
        void aUsStateWithoutCollectionIsZero() throws Exception {
            Calculation calculation = calculate(1000, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(address("US").setPostalCode("60601")));
            assertThat(calculation.getTaxAmountExclusive()).isZero();
            assertThat(calculation.getAmountTotal()).isEqualTo(1000L);
            assertThat(calculation.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getAmount()).isZero();
                assertThat(b.getTaxabilityReason()).isEqualTo("not_collecting");
                assertThat(b.getTaxRateDetails().getState()).isEqualTo("IL");
                assertThat(b.getTaxRateDetails().getPercentageDecimal()).isEqualTo("0.0");
            });
            assertThat(calculation.getLineItems().getData().getFirst().getTaxBreakdown()).singleElement()
                    .satisfies(b -> assertThat(b.getTaxRateDetails()).isNull());
        }

        @Test
        void quebecHasGstAndQst() throws Exception {
            Calculation calculation = calculate(1000, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(address("CA").setPostalCode("H2X 1Y4").setState("QC")));
            assertThat(calculation.getTaxAmountExclusive()).isEqualTo(150L);
            assertThat(calculation.getAmountTotal()).isEqualTo(1150L);
            assertThat(calculation.getTaxBreakdown()).hasSize(2);
            assertThat(calculation.getTaxBreakdown().get(0)).satisfies(b -> {
                assertThat(b.getAmount()).isEqualTo(50L);
                assertThat(b.getTaxRateDetails().getTaxType()).isEqualTo("gst");
                assertThat(b.getTaxRateDetails().getPercentageDecimal()).isEqualTo("5.0");
                assertThat(b.getTaxRateDetails().getState()).isNull();
            });
            assertThat(calculation.getTaxBreakdown().get(1)).satisfies(b -> {
                assertThat(b.getAmount()).isEqualTo(100L); // 99.75
                assertThat(b.getTaxRateDetails().getTaxType()).isEqualTo("qst");
                assertThat(b.getTaxRateDetails().getPercentageDecimal()).isEqualTo("9.975");
                assertThat(b.getTaxRateDetails().getState()).isEqualTo("QC");
            });
            Calculation inclusive = calculate(1000, LineItem.TaxBehavior.INCLUSIVE,
                    billing(address("CA").setPostalCode("H2X 1Y4").setState("QC")));
            assertThat(inclusive.getTaxAmountInclusive()).isEqualTo(130L);
            assertThat(inclusive.getTaxBreakdown()).extracting(Calculation.TaxBreakdown::getAmount)
                    .containsExactly(44L, 86L);
        }

        @Test
        void aBritishBusinessIsReverseCharged() throws Exception {
            Calculation calculation = calculate(1000, LineItem.TaxBehavior.EXCLUSIVE, CustomerDetails.builder()
                    .setAddress(address("GB").setPostalCode("SW1A 1AA").build())
                    .setAddressSource(CustomerDetails.AddressSource.BILLING)
                    .addTaxId(CustomerDetails.TaxId.builder().setType(CustomerDetails.TaxId.Type.GB_VAT)
                            .setValue("GB123456789").build())
                    .build());
            assertThat(calculation.getTaxAmountExclusive()).isZero();
            assertThat(calculation.getAmountTotal()).isEqualTo(1000L);
            assertThat(calculation.getCustomerDetails().getTaxIds()).singleElement()
                    .satisfies(t -> assertThat(t.getValue()).isEqualTo("GB123456789"));
            assertThat(calculation.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getTaxabilityReason()).isEqualTo("reverse_charge");
                assertThat(b.getTaxRateDetails().getTaxType()).isEqualTo("vat");
                assertThat(b.getTaxRateDetails().getCountry()).isEqualTo("GB");
            });
            Calculation consumer = calculate(1000, LineItem.TaxBehavior.EXCLUSIVE, billing(address("GB")));
            assertThat(consumer.getTaxAmountExclusive()).isEqualTo(200L);
        }

        @Test
        void aStoredCustomerProvidesTheAddress() throws Exception {
            Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setAddress(CustomerCreateParams.Address.builder().setCountry("FR").setPostalCode("75001").build())
                    .build());
            Calculation calculation = stripe.v1().tax().calculations().create(CalculationCreateParams.builder()
                    .setCurrency("EUR").setCustomer(customer.getId())
                    .addLineItem(LineItem.builder().setAmount(1000L).build())
                    .build());
            assertThat(calculation.getCustomer()).isEqualTo(customer.getId());
            assertThat(calculation.getTaxAmountExclusive()).isEqualTo(200L);
            assertThat(calculation.getCurrency()).isEqualTo("eur");
            assertThat(stripe.v1().tax().calculations().retrieve(calculation.getId()).getAmountTotal())
                    .isEqualTo(1200L);
            assertThat(stripe.v1().tax().calculations().lineItems().list(calculation.getId()).getData())
                    .singleElement().satisfies(l -> assertThat(l.getAmountTax()).isEqualTo(200L));
        }

        @Test
        void severalLinesAndShipping() throws Exception {
            Calculation calculation = stripe.v1().tax().calculations().create(CalculationCreateParams.builder()
                    .setCurrency("eur")
                    .addLineItem(LineItem.builder().setAmount(1000L).setQuantity(2L).setReference("a").build())
                    .addLineItem(LineItem.builder().setAmount(1002L).setReference("b").build())
                    .setShippingCost(CalculationCreateParams.ShippingCost.builder().setAmount(500L).build())
                    .setCustomerDetails(billing(address("DE")))
                    .build());
            // 190 + 190 (190.38) + 95
            assertThat(calculation.getTaxAmountExclusive()).isEqualTo(475L);
            assertThat(calculation.getAmountTotal()).isEqualTo(2977L);
            assertThat(calculation.getShippingCost().getAmountTax()).isEqualTo(95L);
            assertThat(calculation.getTaxBreakdown()).singleElement().satisfies(b -> {
                assertThat(b.getAmount()).isEqualTo(475L);
                assertThat(b.getTaxableAmount()).isEqualTo(2502L);
            });
            assertThat(calculation.getLineItems().getData()).extracting(CalculationLineItem::getQuantity)
                    .containsExactly(2L, 1L);
        }

        @Test
        void missingUsPostalCode() {
            assertThatThrownBy(() -> calculate(1000, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(address("US").setState("CA"))))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getParam()).isEqualTo("customer_details[address][postal_code]");
                        assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    });
        }

        @Test
        void canadaNeedsAProvince() {
            assertThatThrownBy(() -> calculate(1000, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(address("CA").setPostalCode("M5V 2T6"))))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.getParam()).isEqualTo("customer_details[address][state]"));
        }

        @Test
        void missingCountry() {
            assertThatThrownBy(() -> calculate(1000, LineItem.TaxBehavior.EXCLUSIVE,
                    billing(CustomerDetails.Address.builder().setPostalCode("10117"))))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.getParam()).isEqualTo("customer_details[address][country]"));
        }

        @Test
        void unknownCountry() {
            assertThatThrownBy(() -> calculate(1000, LineItem.TaxBehavior.EXCLUSIVE, billing(address("XX"))))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getCode()).isEqualTo("customer_tax_location_invalid");
                        assertThat(e.getParam()).startsWith("customer_details[address]");
                        assertThat(e.getStripeError().getMessage()).isEqualTo(
                                "We could not determine the customer's tax location based on the provided customer address.");
                    });
        }
    }

    @Test
    void badApiKeyIsAnAuthenticationError() {
        assertThatThrownBy(() -> client("sk_live_0123456789abcdef").v1().customers().retrieve("cus_x"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getStripeError().getMessage())
                            .isEqualTo("Invalid API Key provided: sk_live_************cdef");
                });
    }

    @Test
    void rawHttpBasicAuthUnknownRoutesAndUnknownParameters() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = java.util.Base64.getEncoder().encodeToString("sk_test_basic:".getBytes());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.apiBase() + "/v1/customers"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Basic&metadata[a]=b")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(created.body()).contains("\"object\": \"customer\"", "\"name\": \"Basic\"");

        HttpResponse<String> unknownRoute = http.send(HttpRequest.newBuilder(URI.create(server.apiBase() + "/v1/charges"))
                .header("Authorization", "Bearer sk_test_x").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(unknownRoute.body()).contains("Unrecognized request URL (GET: /v1/charges)");

        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create(server.apiBase() + "/v1/customers/cus_x"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).contains("You did not provide an API key");

        HttpResponse<String> unknownParam = http.send(HttpRequest.newBuilder(URI.create(server.apiBase() + "/v1/customers"))
                .header("Authorization", "Bearer sk_test_x")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("nmae=typo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownParam.statusCode()).isEqualTo(400);
        assertThat(unknownParam.body()).contains("Received unknown parameter: nmae", "\"param\": \"nmae\"");
        assertThat(List.of(unknownParam.headers().firstValue("Request-Id").orElseThrow())).allMatch(id -> id.startsWith("req_"));
    }
}
