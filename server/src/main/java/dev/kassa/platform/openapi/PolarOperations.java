package dev.kassa.platform.openapi;

import static dev.kassa.platform.openapi.Schemas.anyOf;
import static dev.kassa.platform.openapi.Schemas.array;
import static dev.kassa.platform.openapi.Schemas.bool;
import static dev.kassa.platform.openapi.Schemas.constant;
import static dev.kassa.platform.openapi.Schemas.integer;
import static dev.kassa.platform.openapi.Schemas.nullable;
import static dev.kassa.platform.openapi.Schemas.object;
import static dev.kassa.platform.openapi.Schemas.ref;
import static dev.kassa.platform.openapi.Schemas.string;
import static dev.kassa.platform.openapi.Schemas.uuid;

import dev.kassa.platform.web.PageRequest;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polar's description of each operation Kassa implements: operationId, summary, tag, parameters, body and
 * responses as in Polar's document. Keyed by method and Polar's path (collections end with a slash).
 */
final class PolarOperations {

    record Definition(HttpMethod method, String path, String operationId, String summary, String description,
            String tag, List<Parameter> parameters, String requestSchema, String status, ApiResponse success,
            Map<String, ApiResponse> others, boolean notFound, boolean validated) {

        /** Replaces what springdoc read from the Java signature; security, set from the scopes, is kept. */
        void applyTo(Operation operation) {
            boolean secured = operation.getSecurity() != null && operation.getSecurity().stream()
                    .anyMatch(requirement -> requirement.containsKey(PolarDocumentCustomizer.SECURITY_SCHEME));
            boolean customerSession = operation.getSecurity() != null && operation.getSecurity().stream()
                    .anyMatch(requirement -> requirement.containsKey(PolarDocumentCustomizer.CUSTOMER_SESSION_SCHEME));
            String scopes = operation.getDescription();
            operation.operationId(operationId).summary(summary).tags(List.of(tag))
                    .description(scopes == null ? description : description + "\n\n" + scopes)
                    .parameters(parameters.isEmpty() ? null : new ArrayList<>(parameters))
                    .requestBody(requestSchema == null ? null : new RequestBody().required(true)
                            .content(json(ref(requestSchema))));
            ApiResponses responses = new ApiResponses().addApiResponse(status, success);
            others.forEach(responses::addApiResponse);
            if (secured) {
                responses.addApiResponse("401", error("Missing, unknown, expired or revoked access token.",
                        anyOf(ref("Unauthorized"), ref("BearerTokenError"))));
                ApiResponse forbidden = others.get("403");
                responses.addApiResponse("403", forbidden == null
                        ? error("The access token lacks the operation's scopes.", ref("BearerTokenError"))
                        : error("The access token lacks the operation's scopes, or: " + forbidden.getDescription(),
                                anyOf(ref("BearerTokenError"), forbidden.getContent().get("application/json").getSchema())));
            }
            if (customerSession) {
                responses.addApiResponse("401", error("Missing, unknown or expired customer session token.",
                        anyOf(ref("Unauthorized"), ref("BearerTokenError"))));
            }
            if (notFound) {
                responses.addApiResponse("404", error(tagNoun() + " not found.", ref("ResourceNotFound")));
            }
            if (validated && !others.containsKey("422")) {
                responses.addApiResponse("422", error("Validation Error", ref("HTTPValidationError")));
            }
            operation.responses(responses);
        }

        private String tagNoun() {
            if (summary.endsWith("Checkout Session") || summary.endsWith("Checkout Session from Client")) {
                return "Checkout session";
            }
            return summary.substring(summary.indexOf(' ') + 1).replace(" by External ID", "");
        }
    }

    /** Polar's tag of the customer portal operations, which a customer session token authenticates. */
    private static final String PORTAL = "customer_portal";

    private static final List<Definition> ALL = List.of(
            list("/v1/products/", "products", "Products", "List products.", "Product", productFilters()),
            create("/v1/products/", "products", "Product", "Create a product."),
            get("/v1/products/{id}", "products", "Product", "Get a product by ID."),
            update("/v1/products/{id}", "products", "Product", "Update a product."),
            new Definition(HttpMethod.DELETE, "/v1/products/{id}", "products:delete", "Delete Product",
                    "Delete a product. Only products without orders, subscriptions, discounts or checkouts being paid "
                            + "can be deleted; products in use can only be archived.", "products", List.of(id("Product")),
                    null, "204", new ApiResponse().description("Product deleted."),
                    Map.of("409", error("The product is in use and cannot be deleted.", ref("ProductNotDeletable"))), true, true),

            list("/v1/discounts/", "discounts", "Discounts", "List discounts.", "Discount", discountFilters()),
            create("/v1/discounts/", "discounts", "Discount", "Create a discount."),
            get("/v1/discounts/{id}", "discounts", "Discount", "Get a discount by ID."),
            update("/v1/discounts/{id}", "discounts", "Discount", "Update a discount."),
            delete("/v1/discounts/{id}", "discounts", "Discount", "Delete a discount."),

            list("/v1/checkout-links/", "checkout-links", "Checkout Links", "List checkout links.", "CheckoutLink",
                    checkoutLinkFilters()),
            create("/v1/checkout-links/", "checkout-links", "Checkout Link", "Create a checkout link."),
            get("/v1/checkout-links/{id}", "checkout-links", "Checkout Link", "Get a checkout link by ID."),
            update("/v1/checkout-links/{id}", "checkout-links", "Checkout Link", "Update a checkout link."),
            delete("/v1/checkout-links/{id}", "checkout-links", "Checkout Link", "Delete a checkout link."),

            list("/v1/custom-fields/", "custom-fields", "Custom Fields", "List custom fields.", "CustomField",
                    customFieldFilters()),
            create("/v1/custom-fields/", "custom-fields", "Custom Field", "Create a custom field."),
            get("/v1/custom-fields/{id}", "custom-fields", "Custom Field", "Get a custom field by ID."),
            update("/v1/custom-fields/{id}", "custom-fields", "Custom Field", "Update a custom field."),
            delete("/v1/custom-fields/{id}", "custom-fields", "Custom Field", "Delete a custom field."),

            list("/v1/checkouts/", "checkouts", "Checkout Sessions", "List checkout sessions.", "Checkout",
                    checkoutFilters()),
            new Definition(HttpMethod.POST, "/v1/checkouts/", "checkouts:create", "Create Checkout Session",
                    "Create a checkout session.", "checkouts", List.of(), "CheckoutCreate", "201",
                    success("Checkout session created.", ref("Checkout")), Map.of(), false, true),
            new Definition(HttpMethod.GET, "/v1/checkouts/{id}", "checkouts:get", "Get Checkout Session",
                    "Get a checkout session by ID.", "checkouts", List.of(id("checkout session")), null, "200",
                    success("Successful Response", ref("Checkout")), Map.of(), true, true),
            new Definition(HttpMethod.PATCH, "/v1/checkouts/{id}", "checkouts:update", "Update Checkout Session",
                    "Update a checkout session.", "checkouts", List.of(id("checkout session")), "CheckoutUpdate", "200",
                    success("Checkout session updated.", ref("Checkout")),
                    checkoutErrors(anyOf(ref("AlreadyActiveSubscriptionError"), ref("NotOpenCheckout")), true, false), true, true),
            new Definition(HttpMethod.GET, "/v1/checkouts/client/{client_secret}", "checkouts:client_get",
                    "Get Checkout Session from Client", "Get a checkout session by client secret.", "checkouts",
                    List.of(clientSecret()), null, "200", success("Successful Response", ref("CheckoutPublic")),
                    checkoutErrors(null, false, true), true, true),
            new Definition(HttpMethod.PATCH, "/v1/checkouts/client/{client_secret}", "checkouts:client_update",
                    "Update Checkout Session from Client", "Update a checkout session by client secret.", "checkouts",
                    List.of(clientSecret()), "CheckoutUpdatePublic", "200",
                    success("Checkout session updated.", ref("CheckoutPublic")),
                    checkoutErrors(anyOf(ref("AlreadyActiveSubscriptionError"), ref("NotOpenCheckout"),
                            ref("DiscountRedemptionLimitReached")), true, true), true, true),
            new Definition(HttpMethod.POST, "/v1/checkouts/{id}/expire", "checkouts:expire", "Expire Checkout Session",
                    "Expire an open checkout session now: its status becomes `expired` and its `expires_at` the current "
                            + "time. Kassa only, not in Polar's API (Polar expires sessions only when `expires_at` passes).",
                    "checkouts", List.of(id("checkout session")), null, "200",
                    success("Checkout session expired.", ref("Checkout")), checkoutErrors(ref("NotOpenCheckout"), true, false), true, true),
            new Definition(HttpMethod.POST, "/v1/test-helpers/subscriptions/{id}/advance", "test-helpers:advance_subscription",
                    "Advance Subscription (test mode)",
                    "Test mode only (404 with a real Stripe key): moves the subscription to its next due moment (the end of "
                            + "its period or trial, or its next dunning retry) and runs what is due at once: the renewal "
                            + "charge, a retry, or the end of a subscription set to cancel. Kassa only, not in Polar's API; "
                            + "after Stripe's test clocks.",
                    "subscriptions", List.of(id("subscription")), null, "200",
                    success("Subscription advanced.", ref("Subscription")), Map.of(), true, true),

            new Definition(HttpMethod.POST, "/v1/checkouts/client/{client_secret}/confirm", "checkouts:client_confirm",
                    "Confirm Checkout Session from Client",
                    "Confirm a checkout session by client secret. Orders and subscriptions are created once the payment "
                            + "succeeds: the checkout session then becomes `succeeded`.", "checkouts",
                    List.of(clientSecret()), "CheckoutConfirmStripe", "200",
                    success("Checkout session confirmed.", ref("CheckoutPublicConfirmed")), confirmErrors(), true, true),

            list("/v1/customers/", "customers", "Customers", "List customers.", "Customer", customerFilters()),
            create("/v1/customers/", "customers", "Customer", "Create a customer."),
            get("/v1/customers/{id}", "customers", "Customer", "Get a customer by ID."),
            update("/v1/customers/{id}", "customers", "Customer", "Update a customer."),
            delete("/v1/customers/{id}", "customers", "Customer", "Delete a customer."),
            new Definition(HttpMethod.GET, "/v1/customers/external/{external_id}", "customers:get_external",
                    "Get Customer by External ID", "Get a customer by external ID.", "customers", List.of(externalId()),
                    null, "200", success("Successful Response", ref("Customer")), Map.of(), true, true),
            new Definition(HttpMethod.GET, "/v1/customers/{id}/state", "customers:get_state", "Get Customer State",
                    "Get a customer state by ID: the customer with its active subscriptions, granted benefits and "
                            + "active meters.", "customers", List.of(id("Customer")), null, "200",
                    success("Successful Response", ref("CustomerState")), Map.of(), true, true),
            new Definition(HttpMethod.GET, "/v1/customers/external/{external_id}/state", "customers:get_state_external",
                    "Get Customer State by External ID", "Get a customer state by external ID: the customer with its "
                            + "active subscriptions, granted benefits and active meters.", "customers",
                    List.of(externalId()), null, "200", success("Successful Response", ref("CustomerState")), Map.of(),
                    true, true),
            new Definition(HttpMethod.PATCH, "/v1/customers/external/{external_id}", "customers:update_external",
                    "Update Customer by External ID", "Update a customer by external ID.", "customers",
                    List.of(externalId()), "CustomerUpdateExternalID", "200",
                    success("Customer updated.", ref("Customer")), Map.of(), true, true),
            new Definition(HttpMethod.DELETE, "/v1/customers/external/{external_id}", "customers:delete_external",
                    "Delete Customer by External ID", "Delete a customer by external ID.", "customers",
                    List.of(externalId()), null, "204", new ApiResponse().description("Customer deleted."), Map.of(),
                    true, true),

            new Definition(HttpMethod.POST, "/v1/customer-sessions/", "customer-sessions:create",
                    "Create Customer Session", "Create a customer session.", "customer-sessions", List.of(),
                    "CustomerSessionCreate", "201", success("Customer session created.", ref("CustomerSession")),
                    Map.of(), false, true),

            list("/v1/orders/", "orders", "Orders", "List orders.", "Order", orderFilters()),
            get("/v1/orders/{id}", "orders", "Order", "Get an order by ID."),
            new Definition(HttpMethod.PATCH, "/v1/orders/{id}", "orders:update", "Update Order",
                    "Update an order's billing name and address (what its invoice shows).", "orders", List.of(id("order")),
                    "OrderUpdate", "200", success("Order updated.", ref("Order")), Map.of(), true, true),
            generateInvoice("/v1/orders/{id}/invoice", "orders:generate_invoice", "orders"),
            invoice("/v1/orders/{id}/invoice", "orders:invoice", "orders", "OrderInvoice"),
            receipt("/v1/orders/{id}/receipt", "orders:receipt", "orders", "OrderReceipt"),

            list("/v1/subscriptions/", "subscriptions", "Subscriptions", "List subscriptions.", "Subscription",
                    subscriptionFilters()),
            get("/v1/subscriptions/{id}", "subscriptions", "Subscription", "Get a subscription by ID."),
            new Definition(HttpMethod.PATCH, "/v1/subscriptions/{id}", "subscriptions:update", "Update Subscription",
                    "Update a subscription: cancel it at the end of the period (`cancel_at_period_end: true`), uncancel it "
                            + "(`false`), revoke it now (`revoke: true`) or replace its metadata. Product, discount, trial "
                            + "and billing period changes and pauses answer 422: Kassa does not make them yet.",
                    "subscriptions", List.of(id("Subscription")), "SubscriptionUpdate", "200",
                    success("Subscription updated.", ref("Subscription")), subscriptionUpdateErrors(), true, true),
            new Definition(HttpMethod.DELETE, "/v1/subscriptions/{id}", "subscriptions:revoke", "Revoke Subscription",
                    "Revoke a subscription, i.e cancel immediately.", "subscriptions", List.of(id("Subscription")), null,
                    "200", success("Subscription revoked.", ref("Subscription")),
                    Map.of("403", error("This subscription is already revoked.", ref("AlreadyCanceledSubscription"))),
                    true, true),

            new Definition(HttpMethod.GET, "/v1/customer-portal/customers/me", "customer_portal:customers:get",
                    "Get Customer", "Get authenticated customer.", PORTAL, List.of(), null, "200",
                    success("Successful Response", ref("CustomerPortalCustomer")), Map.of(), false, false),
            new Definition(HttpMethod.GET, "/v1/customer-portal/orders/", "customer_portal:orders:list", "List Orders",
                    "List orders of the authenticated customer.", PORTAL, portalOrderFilters(), null, "200",
                    success("Successful Response", ref("ListResource_CustomerOrder_")), Map.of(), false, true),
            new Definition(HttpMethod.GET, "/v1/customer-portal/orders/{id}", "customer_portal:orders:get", "Get Order",
                    "Get an order by ID for the authenticated customer.", PORTAL, List.of(id("order")), null, "200",
                    success("Successful Response", ref("CustomerOrder")), Map.of(), true, true),
            new Definition(HttpMethod.PATCH, "/v1/customer-portal/orders/{id}", "customer_portal:orders:update",
                    "Update Order", "Update an order for the authenticated customer.", PORTAL, List.of(id("order")),
                    "CustomerOrderUpdate", "200", success("Successful Response", ref("CustomerOrder")), Map.of(), true,
                    true),
            generateInvoice("/v1/customer-portal/orders/{id}/invoice", "customer_portal:orders:generate_invoice", PORTAL),
            invoice("/v1/customer-portal/orders/{id}/invoice", "customer_portal:orders:invoice", PORTAL,
                    "CustomerOrderInvoice"),
            receipt("/v1/customer-portal/orders/{id}/receipt", "customer_portal:orders:receipt", PORTAL,
                    "CustomerOrderReceipt"),
            new Definition(HttpMethod.GET, "/v1/customer-portal/subscriptions/", "customer_portal:subscriptions:list",
                    "List Subscriptions", "List subscriptions of the authenticated customer.", PORTAL,
                    portalSubscriptionFilters(), null, "200",
                    success("Successful Response", ref("ListResource_CustomerSubscription_")), Map.of(), false, true),
            new Definition(HttpMethod.GET, "/v1/customer-portal/subscriptions/{id}", "customer_portal:subscriptions:get",
                    "Get Subscription", "Get a subscription for the authenticated customer.", PORTAL,
                    List.of(id("subscription")), null, "200", success("Successful Response", ref("CustomerSubscription")),
                    Map.of(), true, true),
            new Definition(HttpMethod.PATCH, "/v1/customer-portal/subscriptions/{id}", "customer_portal:subscriptions:update",
                    "Update Subscription", "Update a subscription of the authenticated customer: cancel it at the end of "
                            + "the period (`cancel_at_period_end: true`, with `cancellation_reason` and "
                            + "`cancellation_comment`) or uncancel it (`false`). Plan, seat and unit changes and pauses "
                            + "are not allowed by the organization's portal settings.", PORTAL,
                    List.of(id("subscription")), "CustomerSubscriptionUpdate", "200",
                    success("Customer subscription updated.", ref("CustomerSubscription")), portalUpdateErrors(), true,
                    true),
            new Definition(HttpMethod.DELETE, "/v1/customer-portal/subscriptions/{id}", "customer_portal:subscriptions:cancel",
                    "Cancel Subscription", "Cancel a subscription of the authenticated customer at the end of the period.",
                    PORTAL, List.of(id("subscription")), null, "200",
                    success("Customer subscription is canceled.", ref("CustomerSubscription")),
                    Map.of("403", error("Customer subscription is already canceled or will be at the end of the period.",
                            ref("AlreadyCanceledSubscription"))), true, true),

            new Definition(HttpMethod.GET, "/v1/customer-portal/customers/me/payment-methods",
                    "customer_portal:customers:list_payment_methods", "List Customer Payment Methods",
                    "Get saved payment methods of the authenticated customer.", PORTAL, List.of(), null, "200",
                    success("Successful Response", ref("ListResource_CustomerPaymentMethod_")), Map.of(), false, true),
            new Definition(HttpMethod.POST, "/v1/customer-portal/customers/me/payment-methods",
                    "customer_portal:customers:add_payment_method", "Add Customer Payment Method",
                    "Add a payment method to the authenticated customer.", PORTAL, List.of(), "CustomerPaymentMethodCreate",
                    "201", success("Payment method created or setup initiated.", paymentMethodCreateResponse()),
                    paymentMethodErrors(), false, true),
            new Definition(HttpMethod.POST, "/v1/customer-portal/customers/me/payment-methods/confirm",
                    "customer_portal:customers:confirm_payment_method", "Confirm Customer Payment Method",
                    "Confirm a payment method for the authenticated customer.", PORTAL, List.of(),
                    "CustomerPaymentMethodConfirm", "201",
                    success("Payment method created or setup initiated.", paymentMethodCreateResponse()),
                    Map.of("403", error("Customer is not ready to confirm a payment method.", ref("CustomerNotReady")),
                            "502", error("The payment processor could not be reached.", ref("PaymentProcessorUnavailable"))),
                    false, true),
            new Definition(HttpMethod.DELETE, "/v1/customer-portal/customers/me/payment-methods/{id}",
                    "customer_portal:customers:delete_payment_method", "Delete Customer Payment Method",
                    "Delete a payment method from the authenticated customer.", PORTAL, List.of(id("payment method")),
                    null, "204", new ApiResponse().description("Payment method deleted."),
                    Map.of("400", error("Payment method is still needed to bill a subscription.",
                            ref("PaymentMethodInUseByActiveSubscription"))), true, true),

            new Definition(HttpMethod.GET, "/v1/webhooks/endpoints", "webhooks:list_webhook_endpoints",
                    "List Webhook Endpoints", "List webhook endpoints.", "webhooks", webhookEndpointFilters(), null, "200",
                    success("Successful Response", ref("ListResource_WebhookEndpoint_")), Map.of(), false, true),
            new Definition(HttpMethod.POST, "/v1/webhooks/endpoints", "webhooks:create_webhook_endpoint",
                    "Create Webhook Endpoint", "Create a webhook endpoint. Its secret (`whsec_...`) signs every delivery.",
                    "webhooks", List.of(), "WebhookEndpointCreate", "201",
                    success("Webhook endpoint created.", ref("WebhookEndpoint")), Map.of(), false, true),
            new Definition(HttpMethod.GET, "/v1/webhooks/endpoints/{id}", "webhooks:get_webhook_endpoint",
                    "Get Webhook Endpoint", "Get a webhook endpoint by ID.", "webhooks", List.of(id("webhook endpoint")),
                    null, "200", success("Successful Response", ref("WebhookEndpoint")), Map.of(), true, true),
            new Definition(HttpMethod.PATCH, "/v1/webhooks/endpoints/{id}", "webhooks:update_webhook_endpoint",
                    "Update Webhook Endpoint", "Update a webhook endpoint.", "webhooks", List.of(id("webhook endpoint")),
                    "WebhookEndpointUpdate", "200", success("Webhook endpoint updated.", ref("WebhookEndpoint")), Map.of(),
                    true, true),
            new Definition(HttpMethod.PATCH, "/v1/webhooks/endpoints/{id}/secret", "webhooks:reset_webhook_endpoint_secret",
                    "Reset Webhook Endpoint Secret", "Regenerate a webhook endpoint secret.", "webhooks",
                    List.of(id("webhook endpoint")), null, "200",
                    success("Webhook endpoint secret reset.", ref("WebhookEndpoint")), Map.of(), true, true),
            new Definition(HttpMethod.DELETE, "/v1/webhooks/endpoints/{id}", "webhooks:delete_webhook_endpoint",
                    "Delete Webhook Endpoint", "Delete a webhook endpoint.", "webhooks", List.of(id("webhook endpoint")),
                    null, "204", new ApiResponse().description("Webhook endpoint deleted."), Map.of(), true, true),
            new Definition(HttpMethod.GET, "/v1/webhooks/deliveries", "webhooks:list_webhook_deliveries",
                    "List Webhook Deliveries", "List webhook deliveries.\n\nDeliveries are all the attempts to deliver a "
                            + "webhook event to an endpoint.", "webhooks", webhookDeliveryFilters(), null, "200",
                    success("Successful Response", ref("ListResource_WebhookDelivery_")), Map.of(), false, true),
            new Definition(HttpMethod.POST, "/v1/webhooks/events/{id}/redeliver", "webhooks:redeliver_webhook_event",
                    "Redeliver Webhook Event", "Schedule the re-delivery of a webhook event, under the same `webhook-id`.",
                    "webhooks", List.of(id("webhook event")), null, "202",
                    new ApiResponse().description("Webhook event re-delivery scheduled."), Map.of(), true, true),

            list("/v1/refunds/", "refunds", "Refunds", "List refunds.", "Refund", refundFilters()),
            new Definition(HttpMethod.POST, "/v1/refunds/", "refunds:create", "Create Refund",
                    "Create a refund. Its amount is held against the order at once: concurrent refunds never exceed it. "
                            + "A refund Stripe settles later is answered `pending` and finished by Stripe's webhooks or "
                            + "a look-up.", "refunds", List.of(), "RefundCreate", "201",
                    success("Refund created.", ref("Refund")), refundErrors(), false, true),

            health("/healthz", "health:liveness", "Liveness", "The process answers. Kassa only, not in Polar's API.",
                    object("Liveness").required("status", constant("ok")).build(), Map.of()),
            health("/readyz", "health:readiness", "Readiness",
                    "The process can reach its database. Kassa only, not in Polar's API.",
                    object("Readiness").required("status", constant("ok")).required("database", constant("ok")).build(),
                    Map.of("503", success("The database is unreachable.", object("Unavailable")
                            .required("status", constant("unavailable"))
                            .required("database", constant("unreachable")).build()))));

    private PolarOperations() {
    }

    static Optional<Definition> find(HttpMethod method, String path) {
        return ALL.stream().filter(d -> d.method() == method && d.path().equals(path)).findFirst();
    }

    static List<Definition> all() {
        return ALL;
    }

    private static Map<String, ApiResponse> subscriptionUpdateErrors() {
        return Map.of(
                "400", error("The subscription has no seat-based or unit-based price.",
                        anyOf(ref("NotASeatBasedSubscription"), ref("NotAUnitBasedSubscription"))),
                "403", error("Subscription is already canceled or will be at the end of the period.",
                        ref("AlreadyCanceledSubscription")),
                "409", error("Subscription is not scheduled to be canceled, or has no pause to cancel or resume.",
                        anyOf(ref("SubscriptionNotScheduledToCancel"), ref("NoScheduledPause"), ref("NotPausedSubscription"))),
                "410", error("The subscription has ended: it cannot be uncanceled.", ref("ResourceUnavailable")));
    }

    private static Map<String, ApiResponse> portalUpdateErrors() {
        return Map.of(
                "403", error("Customer subscription is already canceled or will be at the end of the period, or the "
                        + "organization does not allow the change in the portal.", anyOf(ref("AlreadyCanceledSubscription"),
                        ref("UpdateSubscriptionPlanNotAllowed"), ref("UpdateSubscriptionSeatsNotAllowed"),
                        ref("UpdateSubscriptionUnitsNotAllowed"), ref("PauseResumeNotAllowed"))),
                "409", error("Subscription is not scheduled to be canceled.", ref("SubscriptionNotScheduledToCancel")),
                "410", error("The subscription has ended: it cannot be uncanceled.", ref("ResourceUnavailable")));
    }

    private static Definition list(String path, String tag, String plural, String description, String item,
            List<Parameter> filters) {
        return new Definition(HttpMethod.GET, path, tag + ":list", "List " + plural, description, tag, filters, null,
                "200", success("Successful Response", ref("ListResource_" + item + "_")), Map.of(), false, true);
    }

    private static Definition create(String path, String tag, String noun, String description) {
        String schema = noun.replace(" ", "");
        return new Definition(HttpMethod.POST, path, tag + ":create", "Create " + noun, description, tag, List.of(),
                schema + "Create", "201", success(noun + " created.", ref(schema)), Map.of(), false, true);
    }

    private static Definition get(String path, String tag, String noun, String description) {
        String schema = noun.replace(" ", "");
        return new Definition(HttpMethod.GET, path, tag + ":get", "Get " + noun, description, tag,
                List.of(id(noun)), null, "200", success("Successful Response", ref(schema)), Map.of(), true, true);
    }

    private static Definition update(String path, String tag, String noun, String description) {
        String schema = noun.replace(" ", "");
        return new Definition(HttpMethod.PATCH, path, tag + ":update", "Update " + noun, description, tag,
                List.of(id(noun)), schema + "Update", "200", success(noun + " updated.", ref(schema)), Map.of(), true,
                true);
    }

    private static Definition delete(String path, String tag, String noun, String description) {
        return new Definition(HttpMethod.DELETE, path, tag + ":delete", "Delete " + noun, description, tag,
                List.of(id(noun)), null, "204", new ApiResponse().description(noun + " deleted."), Map.of(), true, true);
    }

    /**
     * Polar's 202 for a scheduled generation; Kassa's invoice exists once it is answered. The 409 and 422 are Polar's
     * ineligible order and missing billing details.
     */
    private static Definition generateInvoice(String path, String operationId, String tag) {
        Map<String, ApiResponse> errors = new java.util.LinkedHashMap<>();
        errors.put("409", error("Order is not eligible for invoice generation (invalid status).",
                ref("OrderNotEligibleForInvoice")));
        errors.put("422", error("Order is missing billing name or address, or Validation Error.",
                anyOf(ref("MissingInvoiceBillingDetails"), ref("HTTPValidationError"))));
        return new Definition(HttpMethod.POST, path, operationId, "Generate Order Invoice",
                "Trigger generation of an order's invoice. Once the invoice is generated, it's permanent and cannot be "
                        + "modified. Kassa renders it before answering `202`, and sends `order.updated` with "
                        + "`is_invoice_generated` true.", tag, List.of(id("order")), null, "202",
                success("Successful Response", new Schema<>()), errors, true, true);
    }

    private static Definition invoice(String path, String operationId, String tag, String schema) {
        return new Definition(HttpMethod.GET, path, operationId, "Get Order Invoice",
                "Get an order's invoice data: a download link valid for 10 minutes. The invoice must be generated "
                        + "first; until then the answer is `404`.", tag, List.of(id("order")), null, "200",
                success("Successful Response", ref(schema)), Map.of(), true, true);
    }

    private static Definition receipt(String path, String operationId, String tag, String schema) {
        return new Definition(HttpMethod.GET, path, operationId, "Get Order Receipt",
                "Get a presigned URL to download an order's receipt PDF, valid for 10 minutes. Kassa renders the "
                        + "receipt when it is downloaded, so it is never `202`; an order no payment was taken for has "
                        + "no receipt (`404`).", tag, List.of(id("order")), null, "200",
                success("Successful Response", ref(schema)), Map.of(), true, true);
    }

    private static Definition health(String path, String operationId, String summary, String description,
            Schema<?> body, Map<String, ApiResponse> others) {
        return new Definition(HttpMethod.GET, path, operationId, summary, description, "health", List.of(), null, "200",
                success("Successful Response", body), others, false, false);
    }

    private static ApiResponse success(String description, Schema<?> schema) {
        return new ApiResponse().description(description).content(json(schema));
    }

    private static ApiResponse error(String description, Schema<?> schema) {
        return new ApiResponse().description(description).content(json(schema));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    private static Parameter id(String noun) {
        return new Parameter().in("path").name("id").required(true).description("The " + noun.toLowerCase() + " ID.")
                .schema(uuid().title("Id"));
    }

    private static Parameter clientSecret() {
        return new Parameter().in("path").name("client_secret").required(true)
                .description("The checkout session client secret.").schema(string().title("Client Secret"));
    }

    /**
     * The checkout failures besides 401, 404 and 422: 403 ({@code forbidden}, null for none) when the session is not
     * open or the buyer may not buy it, 409 while another request holds its row, 410 (buyer routes) once it has expired.
     */
    private static Map<String, ApiResponse> checkoutErrors(Schema<?> forbidden, boolean locked, boolean expired) {
        Map<String, ApiResponse> errors = new java.util.LinkedHashMap<>();
        if (forbidden != null) {
            errors.put("403", error("The checkout session is not open, or the buyer already has an active subscription "
                    + "or has used the discount up.", forbidden));
        }
        if (locked) {
            errors.put("409", error("The checkout session is being updated by another request.", ref("CheckoutLocked")));
        }
        if (expired) {
            errors.put("410", error("The checkout session has expired.", ref("ExpiredCheckoutError")));
        }
        return errors;
    }

    /**
     * What confirming can fail with besides 404 and 401: the checkout errors, a declined payment (400), a linked
     * customer deleted meanwhile (409), an external ID taken by a customer with another email (422) and Stripe out of
     * reach (502). The last three are Kassa's own.
     */
    private static Schema<?> paymentMethodCreateResponse() {
        return anyOf(ref("CustomerPaymentMethodCreateSucceededResponse"), ref("CustomerPaymentMethodCreateRequiresActionResponse"));
    }

    private static Map<String, ApiResponse> paymentMethodErrors() {
        Map<String, ApiResponse> errors = new java.util.LinkedHashMap<>();
        errors.put("400", error("The card was declined while setting up the payment method.", ref("PaymentMethodSetupFailed")));
        errors.put("502", error("The payment processor could not be reached.", ref("PaymentProcessorUnavailable")));
        return errors;
    }

    private static Map<String, ApiResponse> confirmErrors() {
        Map<String, ApiResponse> errors = new java.util.LinkedHashMap<>();
        errors.put("400", error("The payment was declined.", ref("PaymentError")));
        errors.put("403", error("The checkout session is not open, or the buyer already has an active subscription or "
                + "has used the discount up.", anyOf(ref("AlreadyActiveSubscriptionError"), ref("NotOpenCheckout"),
                ref("DiscountRedemptionLimitReached"))));
        errors.put("409", error("The checkout session is being updated by another request, or its customer has been "
                + "deleted.", anyOf(ref("CheckoutLocked"), ref("CheckoutCustomerDeleted"))));
        errors.put("410", error("The checkout session has expired.", ref("ExpiredCheckoutError")));
        errors.put("422", error("Validation Error", anyOf(ref("HTTPValidationError"),
                ref("CheckoutCustomerExternalIdMismatch"))));
        errors.put("502", error("The payment processor could not be reached.", ref("PaymentProcessorUnavailable")));
        return errors;
    }

    private static Parameter externalId() {
        return new Parameter().in("path").name("external_id").required(true).description("The customer external ID.")
                .schema(string().title("External Id"));
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).required(false).description(description).schema(schema);
    }

    /** A filter taken once or repeated ({@code ?id=a&id=b}). */
    private static Schema<?> oneOrMany(Schema<?> one) {
        return anyOf(one, array(one), Schemas.typed("null"));
    }

    private static Parameter organizationId() {
        return query("organization_id", "Filter by organization ID; only the token's own organization is allowed.",
                oneOrMany(uuid()));
    }

    private static Parameter text(String what) {
        return query("query", "Filter by " + what + ".", nullable(string()));
    }

    private static List<Parameter> paging(String sortSchema, String defaultSort) {
        Schema<Object> sorting = nullable(array(ref(sortSchema)));
        sorting._default(List.of(defaultSort));
        return List.of(
                query("page", "Page number, defaults to 1. Maximum is " + PageRequest.MAX_PAGE + " (Kassa).",
                        integer(1, (long) PageRequest.MAX_PAGE)._default(1)),
                query("limit", "Size of a page, defaults to 10. Maximum is 100.", integer(1, 100L)._default(10)),
                query("sorting", "Sorting criterion. Several criteria can be used simultaneously and will be applied in "
                        + "order. Add a minus sign `-` before the criteria name to sort by descending order.", sorting));
    }

    private static List<Parameter> productFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(query("id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(organizationId());
        params.add(text("product name"));
        params.add(query("is_archived", "Filter on archived products.", nullable(bool())));
        params.add(query("is_recurring", "Filter on recurring products. If `true`, only subscriptions tiers are returned. "
                + "If `false`, only one-time purchase products are returned.", nullable(bool())));
        params.addAll(paging("ProductSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> webhookEndpointFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.addAll(paging("WebhookSortProperty", "-created_at").subList(0, 2));
        return params;
    }

    private static List<Parameter> webhookDeliveryFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(query("endpoint_id", "Filter by webhook endpoint ID.", oneOrMany(uuid())));
        params.add(query("start_timestamp", "Filter deliveries after this timestamp.", nullable(Schemas.dateTime())));
        params.add(query("end_timestamp", "Filter deliveries before this timestamp.", nullable(Schemas.dateTime())));
        params.add(query("succeeded", "Filter by delivery success status.", nullable(bool())));
        params.add(query("query", "Query to filter webhook deliveries (delivery ID, event ID or HTTP code).",
                nullable(string())));
        params.add(query("http_code_class", "Filter by HTTP response code class (2xx, 3xx, 4xx, 5xx).",
                nullable(Schemas.oneOfStrings("2xx", "3xx", "4xx", "5xx"))));
        params.add(query("event_type", "Filter by webhook event type.", oneOrMany(ref("WebhookEventType"))));
        params.addAll(paging("WebhookSortProperty", "-created_at").subList(0, 2));
        return params;
    }

    private static List<Parameter> discountFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(text("name"));
        params.addAll(paging("DiscountSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> checkoutLinkFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.addAll(paging("CheckoutLinkSortProperty", "created_at"));
        return params;
    }

    private static List<Parameter> checkoutFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(query("customer_id", "Filter by customer ID.", oneOrMany(uuid())));
        params.add(query("external_customer_id", "Filter by customer external ID.", oneOrMany(string())));
        params.add(query("status", "Filter by checkout session status.", oneOrMany(ref("CheckoutStatus"))));
        params.add(text("customer email"));
        params.addAll(paging("CheckoutSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> customerFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(query("email", "Filter by exact email (ignoring case).", nullable(string())));
        params.add(text("name, email or billing name (contains), or external ID (prefix)"));
        params.addAll(paging("CustomerSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> refundFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(query("id", "Filter by refund ID.", oneOrMany(uuid())));
        params.add(organizationId());
        params.add(query("order_id", "Filter by order ID.", oneOrMany(uuid())));
        params.add(query("subscription_id", "Filter by subscription ID.", oneOrMany(uuid())));
        params.add(query("customer_id", "Filter by customer ID.", oneOrMany(uuid())));
        params.add(query("external_customer_id", "Filter by customer external ID.", oneOrMany(string())));
        params.add(query("succeeded", "Filter by `succeeded`.", nullable(bool())));
        params.addAll(paging("RefundSortProperty", "-created_at"));
        return params;
    }

    /** Polar's 403 (fully refunded already), and Kassa's names for what Polar answers 400, 404 or 500 to. */
    private static Map<String, ApiResponse> refundErrors() {
        Map<String, ApiResponse> errors = new java.util.LinkedHashMap<>();
        errors.put("400", error("Benefits of a subscription order cannot be revoked, or Stripe refused the refund.",
                anyOf(ref("RevokeSubscriptionBenefitsProhibited"), ref("RefundError"))));
        errors.put("403", error("Order is already fully refunded, or its payment is disputed.",
                anyOf(ref("RefundedAlready"), ref("RefundDisputedPayment"))));
        errors.put("404", error("The order has no payment to refund.", ref("RefundUnknownPayment")));
        return errors;
    }

    private static List<Parameter> orderFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(query("discount_id", "Filter by discount ID.", oneOrMany(uuid())));
        params.add(query("customer_id", "Filter by customer ID.", oneOrMany(uuid())));
        params.add(query("checkout_id", "Filter by checkout session ID.", oneOrMany(uuid())));
        params.add(query("subscription_id", "Filter by subscription ID.", oneOrMany(uuid())));
        params.addAll(paging("OrderSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> subscriptionFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(query("customer_id", "Filter by customer ID.", oneOrMany(uuid())));
        params.add(query("discount_id", "Filter by discount ID.", oneOrMany(uuid())));
        params.add(query("active", "Filter by active or inactive subscription.", nullable(bool())));
        params.addAll(paging("SubscriptionSortProperty", "-started_at"));
        return params;
    }

    /** In the portal another organization's ID is no error: the list is just empty. */
    private static Parameter portalOrganizationId() {
        return query("organization_id", "Filter by organization ID.", oneOrMany(uuid()));
    }

    private static List<Parameter> portalOrderFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(portalOrganizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(query("subscription_id", "Filter by subscription ID.", oneOrMany(uuid())));
        params.addAll(paging("CustomerOrderSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> portalSubscriptionFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(portalOrganizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(query("active", "Filter by active or cancelled subscription.", nullable(bool())));
        params.addAll(paging("CustomerSubscriptionSortProperty", "-started_at"));
        return params;
    }

    private static List<Parameter> customFieldFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(text("custom field name or slug"));
        params.add(query("type", "Filter by custom field type.", oneOrMany(ref("CustomFieldType"))));
        params.addAll(paging("CustomFieldSortProperty", "slug"));
        return params;
    }
}
