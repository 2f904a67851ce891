package dev.kassa.order;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerService;
import dev.kassa.order.Order.BillingReason;
import dev.kassa.order.OrderDraft.ItemDraft;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Orders made directly through {@link OrderService}, and the download of a document link with its PDF's text. */
abstract class OrderDocumentTestSupport extends ApiTest {

    @Autowired
    OrderService orders;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    UUID productId;
    UUID priceId;
    Customer customer;

    @BeforeEach
    void setUpCatalog() {
        tenant = data.tenant();
        var product = as(tenant).body(Map.of("name", "Field Guide", "prices",
                        List.of(Map.of("amount_type", "fixed", "price_amount", 1500))))
                .post("/v1/products/").then().statusCode(201).extract();
        productId = UUID.fromString(product.path("id"));
        priceId = UUID.fromString(product.path("prices[0].id"));
        customer = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "ada@example.com", null));
    }

    static final Address BERLIN = new Address("Unter den Linden 5", "3. OG", "10117", "Berlin", null, "DE");

    /** A paid purchase of the Field Guide: $15.00, $2.85 of tax, billed to Ada Lovelace in Berlin. */
    Order order() {
        return order("Ada Lovelace", BERLIN, "usd", 1500, 0, 285, "pi_test",
                List.of(new ItemDraft("Field Guide", 1500, 285, false, priceId, null, null)));
    }

    Order order(String billingName, Address address, String currency, long subtotal, long discount, long tax,
            String paymentIntentId, List<ItemDraft> items) {
        return orders.createForCheckout(new OrderDraft(tenant.organizationId(), customer.id(), productId, priceId, null,
                UUID.randomUUID(), null, BillingReason.PURCHASE, subtotal, discount, tax, currency, billingName, address,
                new TaxId("DE136695976", "eu_vat"), Map.of(), Map.of(), paymentIntentId, null, items));
    }

    String invoiceNumber(Order order) {
        return jdbc.sql("SELECT invoice_number FROM orders WHERE id = :id").param("id", order.id())
                .query(String.class).single();
    }

    /** Follows a document URL on this server: it must start with {@code PUBLIC_BASE_URL}. */
    Response download(String url) {
        String base = "http://localhost:8000";
        org.assertj.core.api.Assertions.assertThat(url).startsWith(base + "/documents/");
        return anonymous().urlEncodingEnabled(false).get(URI.create(url.substring(base.length())).toString());
    }

    /** Requests as the customer, with a customer session token of theirs. */
    io.restassured.specification.RequestSpecification buyer(Customer customer) {
        return anonymous().header("Authorization", "Bearer " + customers.issueSession(customer.id()));
    }

    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
