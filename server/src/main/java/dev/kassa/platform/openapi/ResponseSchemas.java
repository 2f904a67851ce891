package dev.kassa.platform.openapi;

import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.checkout.schemas.CheckoutPublic;
import dev.kassa.checkout.schemas.CheckoutPublicConfirmed;
import dev.kassa.customer.schemas.Customer;
import dev.kassa.customer.schemas.CustomerPortalCustomer;
import dev.kassa.customer.schemas.CustomerSession;
import dev.kassa.order.schemas.CustomerOrder;
import dev.kassa.order.schemas.Order;
import dev.kassa.product.ProductSummary;
import dev.kassa.product.schemas.Product;
import dev.kassa.subscription.schemas.CustomerSubscription;
import dev.kassa.subscription.schemas.Subscription;
import java.util.List;

/** The response records the operations answer with; their schemas, and those of what they embed, are derived. */
final class ResponseSchemas {

    static final List<Class<?>> ROOTS = List.of(Product.class, Checkout.class, CheckoutPublic.class,
            CheckoutPublicConfirmed.class, Customer.class, CustomerSession.class, CustomerPortalCustomer.class,
            Order.class, CustomerOrder.class, Subscription.class, CustomerSubscription.class, ProductSummary.class,
            dev.kassa.webhook.schemas.WebhookEndpoint.class, dev.kassa.webhook.schemas.WebhookDelivery.class);

    private ResponseSchemas() {
    }
}
