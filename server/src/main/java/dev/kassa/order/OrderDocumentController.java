package dev.kassa.order;

import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.order.schemas.CustomerOrderInvoice;
import dev.kassa.order.schemas.CustomerOrderReceipt;
import dev.kassa.order.schemas.OrderInvoice;
import dev.kassa.order.schemas.OrderReceipt;
import dev.kassa.platform.web.ResourceNotFound;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices and receipts of orders. Polar's generate endpoints answer 202 with the JSON body {@code null} (FastAPI's
 * rendering of {@code None}), which the SDKs parse as JSON; Kassa's invoice is ready when the 202 arrives.
 */
@RestController
class OrderDocumentController {

    private final OrderDocuments documents;

    OrderDocumentController(OrderDocuments documents) {
        this.documents = documents;
    }

    @PostMapping("/v1/orders/{id}/invoice")
    @RequireScopes(Scope.ORDERS_READ)
    ResponseEntity<String> generateInvoice(OrganizationAccess access, @PathVariable UUID id) {
        documents.generateInvoice(access.organizationId(), null, id);
        return accepted();
    }

    @GetMapping("/v1/orders/{id}/invoice")
    @RequireScopes(Scope.ORDERS_READ)
    OrderInvoice invoice(OrganizationAccess access, @PathVariable UUID id) {
        return new OrderInvoice(documents.invoiceUrl(access.organizationId(), null, id));
    }

    @GetMapping("/v1/orders/{id}/receipt")
    @RequireScopes(Scope.ORDERS_READ)
    OrderReceipt receipt(OrganizationAccess access, @PathVariable UUID id) {
        return new OrderReceipt(documents.receiptUrl(access.organizationId(), null, id));
    }

    @PostMapping("/v1/customer-portal/orders/{id}/invoice")
    @RequireCustomerSession
    ResponseEntity<String> portalGenerateInvoice(CustomerAccess access, @PathVariable UUID id) {
        documents.generateInvoice(access.organizationId(), access.customerId(), id);
        return accepted();
    }

    @GetMapping("/v1/customer-portal/orders/{id}/invoice")
    @RequireCustomerSession
    CustomerOrderInvoice portalInvoice(CustomerAccess access, @PathVariable UUID id) {
        return new CustomerOrderInvoice(documents.invoiceUrl(access.organizationId(), access.customerId(), id));
    }

    @GetMapping("/v1/customer-portal/orders/{id}/receipt")
    @RequireCustomerSession
    CustomerOrderReceipt portalReceipt(CustomerAccess access, @PathVariable UUID id) {
        return new CustomerOrderReceipt(documents.receiptUrl(access.organizationId(), access.customerId(), id));
    }

    /** Where the signed links lead: no token, the signature is the credential. */
    @GetMapping("/documents/{kind}/{orderId}/{fileName}")
    @io.swagger.v3.oas.annotations.Hidden
    ResponseEntity<byte[]> download(@PathVariable String kind, @PathVariable String orderId, @PathVariable String fileName,
            @RequestParam(required = false) String expires, @RequestParam(required = false) String signature) {
        OrderDocuments.Download download = documents.download(kind, orderId, fileName, expires, signature)
                .orElseThrow(ResourceNotFound::new);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(download.fileName())
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(download.pdf());
    }

    private static ResponseEntity<String> accepted() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body("null");
    }
}
