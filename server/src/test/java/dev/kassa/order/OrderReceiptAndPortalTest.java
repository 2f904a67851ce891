package dev.kassa.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.order.OrderDraft.ItemDraft;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/orders/{id}/receipt}, and the customer portal's invoice and receipt of the buyer's own orders. */
class OrderReceiptAndPortalTest extends OrderDocumentTestSupport {

    @Test
    void aPaidOrderHasAReceiptNumberAndAReceiptShowingWhatWasPaid() {
        Order order = order();
        String number = "RCPT-" + invoiceNumber(order);

        as(tenant).get("/v1/orders/" + order.id()).then().body("receipt_number", equalTo(number));
        String url = as(tenant).get("/v1/orders/" + order.id() + "/receipt").then().statusCode(200)
                .body("url", startsWith("http://localhost:8000/documents/receipt/" + order.id() + "/Receipt-" + number + ".pdf?"))
                .extract().path("url");
        var pdf = download(url);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).isEqualTo("attachment; filename=\"Receipt-" + number + ".pdf\"");
        assertThat(text(pdf.asByteArray())).contains("Receipt", "Receipt number " + number,
                "Invoice number " + invoiceNumber(order), "Date paid", "Ada Lovelace", "ada@example.com", "Field Guide",
                "Total $17.85", "Amount paid $17.85", "PAID BY");
    }

    @Test
    void anOrderNoPaymentWasTakenForHasNoReceipt() {
        Order trial = order("Ada Lovelace", BERLIN, "usd", 0, 0, 0, null,
                List.of(new ItemDraft("Field Guide", 0, 0, false, priceId, null, null)));

        as(tenant).get("/v1/orders/" + trial.id()).then().body("receipt_number", nullValue());
        as(tenant).get("/v1/orders/" + trial.id() + "/receipt").then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"))
                .body("detail", equalTo("No receipt allocated for order " + trial.id() + "."));
    }

    @Test
    void theBuyerGeneratesAndDownloadsTheInvoiceOfTheirOrderInThePortal() {
        Order order = order();

        buyer(customer).get("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(404);
        buyer(customer).post("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(202)
                .body(equalTo("null"));
        String url = buyer(customer).get("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(200)
                .extract().path("url");

        buyer(customer).get("/v1/customer-portal/orders/" + order.id()).then().body("is_invoice_generated", equalTo(true))
                .body("receipt_number", equalTo("RCPT-" + invoiceNumber(order)));
        as(tenant).get("/v1/orders/" + order.id()).then().body("is_invoice_generated", equalTo(true));
        assertThat(text(download(url).asByteArray())).contains("Invoice number " + invoiceNumber(order), "Ada Lovelace");
    }

    @Test
    void theBuyerGetsTheReceiptOfTheirOrderInThePortal() {
        Order order = order();

        String url = buyer(customer).get("/v1/customer-portal/orders/" + order.id() + "/receipt").then().statusCode(200)
                .extract().path("url");

        assertThat(text(download(url).asByteArray())).contains("Receipt number RCPT-" + invoiceNumber(order));
    }

    @Test
    void anotherCustomersOrderIsNotFoundInThePortal() {
        Order order = order();
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "eve@example.com", null));

        buyer(other).post("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"));
        buyer(other).get("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(404);
        buyer(other).get("/v1/customer-portal/orders/" + order.id() + "/receipt").then().statusCode(404);
        anonymous().post("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(401);
        as(tenant).get("/v1/orders/" + order.id()).then().body("is_invoice_generated", equalTo(false));
    }

    @Test
    void thePortalRefusesAnInvoiceWithoutBillingDetailsAsPolarDoes() {
        Order order = order(null, null, "usd", 1500, 0, 0, "pi_test",
                List.of(new ItemDraft("Field Guide", 1500, 0, false, priceId, null, null)));

        buyer(customer).post("/v1/customer-portal/orders/" + order.id() + "/invoice").then().statusCode(422)
                .body("error", equalTo("MissingInvoiceBillingDetails"));
    }
}
