package dev.kassa.order;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerService;
import dev.kassa.order.DocumentLinks.Kind;
import dev.kassa.order.DocumentLinks.Verdict;
import dev.kassa.order.OrderDocumentContent.Amounts;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.web.ApiError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order's invoice and receipt (Polar's {@code trigger_invoice_generation}, {@code get_order_invoice},
 * {@code get_order_receipt}), for the merchant ({@code customerId} null) and for the buyer in the portal.
 *
 * <p>Generating an invoice renders it at once (outside any transaction: it is CPU work on a snapshot of the order)
 * and stores the PDF; the insert keeps the first invoice when two requests race, and only the request that stored it
 * records {@code order.updated}. A generated invoice never changes. A receipt is rendered on each download from the
 * order as it is then.
 */
@Service
public class OrderDocuments {

    /** Polar's statuses without an invoice; Kassa makes neither kind of order yet. */
    private static final Set<String> NO_INVOICE = Set.of("draft", "void");
    /** Renders of one invoice before giving up on billing details that keep changing under it. */
    private static final int RENDER_ROUNDS = 3;

    private final OrderRepository orders;
    private final OrderDocumentRepository documents;
    private final OrderService orderService;
    private final OrganizationService organizations;
    private final CustomerService customers;
    private final DocumentLinks links;
    private final WebhookEvents webhooks;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrderDocuments(OrderRepository orders, OrderDocumentRepository documents, OrderService orderService,
            OrganizationService organizations, CustomerService customers, DocumentLinks links, WebhookEvents webhooks,
            TransactionTemplate transactions, Clock clock) {
        this.orders = orders;
        this.documents = documents;
        this.orderService = orderService;
        this.organizations = organizations;
        this.customers = customers;
        this.links = links;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A PDF to send: its file name and bytes. */
    public record Download(String fileName, byte[] pdf) {
    }

    /**
     * Renders the invoice outside any transaction, then stores it under the order's row lock, which a billing update
     * ({@link OrderBillingUpdates}) also takes: an invoice whose billing details changed while it was rendered is
     * rendered again, so the stored PDF always shows what the order says.
     */
    void generateInvoice(UUID organizationId, @Nullable UUID customerId, UUID orderId) {
        for (int round = 0; round < RENDER_ROUNDS; round++) {
            Order order = find(organizationId, customerId, orderId);
            if (NO_INVOICE.contains(order.status()) || order.invoiceNumber() == null) {
                throw new OrderNotEligibleForInvoice(order.id(), order.status());
            }
            if (order.billingName() == null || order.billingAddress() == null) {
                throw new MissingInvoiceBillingDetails();
            }
            if (documents.hasInvoice(order.id())) {
                return;
            }
            Instant now = now();
            byte[] pdf = OrderPdf.render(OrderDocumentContent.invoice(order, amounts(order),
                    organizations.get(order.organizationId()), now));
            Boolean stored = transactions.execute(status -> {
                Order locked = orders.lockById(order.organizationId(), order.id(), null).orElseThrow();
                if (!Objects.equals(locked.billingName(), order.billingName())
                        || !Objects.equals(locked.billingAddress(), order.billingAddress())) {
                    return false;
                }
                if (documents.insertInvoice(order.id(), OrderDocumentContent.invoiceFileName(order), pdf, now)) {
                    documents.touchOrder(order.id(), now);
                    webhooks.record(order.organizationId(), WebhookEventType.ORDER_UPDATED, order.id(),
                            () -> orderService.get(order.organizationId(), order.id()));
                }
                return true;
            });
            if (Boolean.TRUE.equals(stored)) {
                return;
            }
        }
        throw new ApiError(HttpStatus.CONFLICT, "Conflict", "The order's billing details kept changing while its invoice "
                + "was made. Try again.");
    }


    /** A fresh link to the generated invoice; 404 until it is generated, as in Polar. */
    String invoiceUrl(UUID organizationId, @Nullable UUID customerId, UUID orderId) {
        Order order = find(organizationId, customerId, orderId);
        if (!documents.hasInvoice(order.id())) {
            throw new ApiError(HttpStatus.NOT_FOUND, "ResourceNotFound", "No invoice exists for order " + order.id() + ".");
        }
        return links.url(Kind.INVOICE, order.id(), OrderDocumentContent.invoiceFileName(order));
    }

    /** A fresh link to the receipt of a paid order; 404 for an order nothing was paid for. */
    String receiptUrl(UUID organizationId, @Nullable UUID customerId, UUID orderId) {
        Order order = find(organizationId, customerId, orderId);
        String number = ReceiptNumbers.of(order)
                .orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "ResourceNotFound",
                        "No receipt allocated for order " + order.id() + "."));
        return links.url(Kind.RECEIPT, order.id(), OrderDocumentContent.receiptFileName(number));
    }

    /**
     * The document a link points to, if its signature holds: {@link InvalidDocumentLink} (403) for a forged or
     * malformed one, {@link ExpiredDocumentLink} (403) past its expiry, empty (404) for a document that is not there.
     */
    Optional<Download> download(String kindName, String orderIdText, String fileName, @Nullable String expires,
            @Nullable String signature) {
        Kind kind = Kind.fromPathName(kindName);
        UUID orderId = parseUuid(orderIdText);
        if (kind == null || orderId == null) {
            return Optional.empty();
        }
        Verdict verdict = links.verify(kind, orderId, fileName, expires, signature);
        if (verdict == Verdict.FORGED) {
            throw new InvalidDocumentLink();
        }
        if (verdict == Verdict.EXPIRED) {
            throw new ExpiredDocumentLink();
        }
        if (kind == Kind.INVOICE) {
            return documents.findInvoice(orderId).map(stored -> new Download(stored.fileName(), stored.pdf()));
        }
        return documents.organizationOf(orderId)
                .flatMap(organizationId -> orders.findById(organizationId, orderId, null))
                .flatMap(order -> ReceiptNumbers.of(order).map(number -> new Download(
                        OrderDocumentContent.receiptFileName(number), renderReceipt(order, number))));
    }

    private byte[] renderReceipt(Order order, String number) {
        Organization seller = organizations.get(order.organizationId());
        Customer customer = customers.findById(order.organizationId(), order.customerId()).orElse(null);
        return OrderPdf.render(OrderDocumentContent.receipt(order, number, amounts(order), seller, customer, now()));
    }

    private Amounts amounts(Order order) {
        return Amounts.of(orderService.get(order.organizationId(), order.id()));
    }

    private Order find(UUID organizationId, @Nullable UUID customerId, UUID orderId) {
        return orders.findById(organizationId, orderId, customerId).orElseThrow(ResourceNotFound::new);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static @Nullable UUID parseUuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equals(text.toLowerCase(java.util.Locale.ROOT)) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 403: the link was not made by Kassa, or was altered. */
    static final class InvalidDocumentLink extends ApiError {
        InvalidDocumentLink() {
            super(HttpStatus.FORBIDDEN, "This download link is not valid.");
        }
    }

    /** 403: the link was genuine but its time is up; the API gives a new one. */
    static final class ExpiredDocumentLink extends ApiError {
        ExpiredDocumentLink() {
            super(HttpStatus.FORBIDDEN, "This download link has expired: request a new one.");
        }
    }
}
