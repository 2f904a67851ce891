package dev.kassa.order;

import dev.kassa.address.Address;
import dev.kassa.address.AddressInput;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Patch;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Polar's {@code PATCH /v1/orders/{id}} and {@code PATCH /v1/customer-portal/orders/{id}}: the name and address the
 * invoice shows ({@code OrderUpdate} / {@code CustomerOrderUpdate}). Only the keys sent change, null clears. Once the
 * invoice is generated its billing details are fixed: a different value answers 422 "This field cannot be updated
 * after the invoice is generated." (resending the same value is fine), as Polar's. The address's country and state
 * cannot change at all, as Polar's schema says: the order's tax was computed for them.
 */
@Service
class OrderBillingUpdates {

    static final String LOCKED_BY_INVOICE = "This field cannot be updated after the invoice is generated.";
    static final String TAX_LOCATION_FIXED = "Country and state fields cannot be updated.";

    /** The body: each field absent, null or a value. */
    record BillingUpdate(Patch<String> billingName, Patch<Address> billingAddress) {

        static BillingUpdate read(JsonNode body) {
            ValidationErrors errors = new ValidationErrors();
            JsonFields fields = JsonFields.body(body, errors);
            Patch<String> name = Patch.read(fields, "billing_name",
                    fields.string("billing_name", false, true, 0, Integer.MAX_VALUE));
            Patch<Address> address = Patch.read(fields, "billing_address", AddressInput.read(fields, "billing_address"));
            errors.throwIfAny();
            return new BillingUpdate(name, address);
        }
    }

    private final OrderRepository orders;
    private final OrderDocumentRepository documents;
    private final OrderService orderService;
    private final WebhookEvents webhooks;
    private final Clock clock;

    OrderBillingUpdates(OrderRepository orders, OrderDocumentRepository documents, OrderService orderService,
            WebhookEvents webhooks, Clock clock) {
        this.orders = orders;
        this.documents = documents;
        this.orderService = orderService;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Updates the order of the organization (of the customer, for the portal); 404 for any other order. */
    @Transactional
    void update(UUID organizationId, @Nullable UUID customerId, UUID orderId, BillingUpdate update) {
        Order order = orders.lockById(organizationId, orderId, customerId).orElseThrow(ResourceNotFound::new);
        String name = update.billingName().present() ? update.billingName().value() : order.billingName();
        Address address = update.billingAddress().present() ? update.billingAddress().value() : order.billingAddress();
        ValidationErrors errors = new ValidationErrors();
        if (documents.hasInvoice(order.id())) {
            if (!Objects.equals(name, order.billingName())) {
                errors.add("value_error", List.of("body", "billing_name"), LOCKED_BY_INVOICE, name);
            }
            if (!Objects.equals(address, order.billingAddress())) {
                errors.add("value_error", List.of("body", "billing_address"), LOCKED_BY_INVOICE,
                        address == null ? null : address.toJson());
            }
        }
        Address before = order.billingAddress();
        if (before != null && address != null) {
            if (!Objects.equals(before.country(), address.country())) {
                errors.add("value_error", List.of("body", "billing_address", "country"), TAX_LOCATION_FIXED, address.country());
            }
            if (!Objects.equals(before.state(), address.state())) {
                errors.add("value_error", List.of("body", "billing_address", "state"), TAX_LOCATION_FIXED, address.state());
            }
        }
        errors.throwIfAnyFromService();
        if (Objects.equals(name, order.billingName()) && Objects.equals(address, order.billingAddress())) {
            return;
        }
        orders.updateBilling(order.id(), name, address, now());
        webhooks.record(organizationId, WebhookEventType.ORDER_UPDATED, order.id(), () -> orderService.get(organizationId, order.id()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
