package dev.kassa.platform.openapi;

import dev.kassa.checkout.CheckoutCustomerDeleted;
import dev.kassa.checkout.CheckoutCustomerExternalIdMismatch;
import dev.kassa.checkout.CheckoutLocked;
import dev.kassa.checkout.ExpiredCheckoutError;
import dev.kassa.checkout.NotOpenCheckout;
import dev.kassa.checkout.PaymentError;
import dev.kassa.checkout.PaymentProcessorUnavailable;
import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.checkout.schemas.CheckoutPublic;
import dev.kassa.checkout.schemas.CheckoutPublicConfirmed;
import dev.kassa.checkoutlink.schemas.CheckoutLink;
import dev.kassa.customer.schemas.Customer;
import dev.kassa.customer.schemas.CustomerPortalCustomer;
import dev.kassa.customer.schemas.CustomerSession;
import dev.kassa.customer.schemas.CustomerState;
import dev.kassa.order.schemas.CustomerOrder;
import dev.kassa.order.schemas.Order;
import dev.kassa.product.ProductNotDeletable;
import dev.kassa.product.ProductSummary;
import dev.kassa.product.schemas.Product;
import dev.kassa.subscription.SubscriptionErrors;
import dev.kassa.subscription.schemas.CustomerSubscription;
import dev.kassa.subscription.schemas.Subscription;
import dev.kassa.platform.web.ApiError;
import dev.kassa.platform.web.ResourceNotFound;
import java.util.List;

/** The response records the operations answer with; their schemas, and those of what they embed, are derived. */
final class ResponseSchemas {

    static final List<Class<?>> ROOTS = List.of(Product.class, Checkout.class, CheckoutPublic.class,
            CheckoutPublicConfirmed.class, Customer.class, CustomerState.class, CustomerSession.class,
            CustomerPortalCustomer.class, Order.class, CustomerOrder.class, Subscription.class, CustomerSubscription.class,
            ProductSummary.class, CheckoutLink.class, dev.kassa.webhook.schemas.WebhookEndpoint.class,
            dev.kassa.webhook.schemas.WebhookDelivery.class, dev.kassa.order.schemas.OrderInvoice.class,
            dev.kassa.order.schemas.OrderReceipt.class, dev.kassa.order.schemas.CustomerOrderInvoice.class,
            dev.kassa.order.schemas.CustomerOrderReceipt.class,
            dev.kassa.paymentmethod.schemas.CustomerPaymentMethod.Card.class,
            dev.kassa.paymentmethod.schemas.CustomerPaymentMethod.Generic.class,
            dev.kassa.paymentmethod.schemas.CustomerPaymentMethodCreateResponse.Succeeded.class,
            dev.kassa.paymentmethod.schemas.CustomerPaymentMethodCreateResponse.RequiresAction.class,
            dev.kassa.refund.schemas.Refund.class);

    /** The errors with Polar's {@code {"error", "detail"}} body that operations document by name. */
    static final List<Class<? extends ApiError>> ERRORS = List.of(ResourceNotFound.class, NotOpenCheckout.class,
            dev.kassa.checkout.AlreadyActiveSubscriptionError.class, dev.kassa.checkout.DiscountRedemptionLimitReached.class,
            CheckoutLocked.class, ExpiredCheckoutError.class, PaymentError.class, CheckoutCustomerDeleted.class,
            CheckoutCustomerExternalIdMismatch.class, PaymentProcessorUnavailable.class, ProductNotDeletable.class,
            SubscriptionErrors.AlreadyCanceledSubscription.class, SubscriptionErrors.SubscriptionNotScheduledToCancel.class,
            SubscriptionErrors.ResourceUnavailable.class, SubscriptionErrors.NotASeatBasedSubscription.class,
            SubscriptionErrors.NotAUnitBasedSubscription.class, SubscriptionErrors.NoScheduledPause.class,
            SubscriptionErrors.NotPausedSubscription.class, SubscriptionErrors.UpdateSubscriptionPlanNotAllowed.class,
            SubscriptionErrors.UpdateSubscriptionSeatsNotAllowed.class,
            SubscriptionErrors.UpdateSubscriptionUnitsNotAllowed.class, SubscriptionErrors.PauseResumeNotAllowed.class,
            dev.kassa.order.OrderNotEligibleForInvoice.class, dev.kassa.order.MissingInvoiceBillingDetails.class,
            dev.kassa.paymentmethod.PaymentMethodSetupFailed.class,
            dev.kassa.paymentmethod.PaymentMethodInUseByActiveSubscription.class, dev.kassa.paymentmethod.CustomerNotReady.class,
            dev.kassa.refund.RefundedAlready.class, dev.kassa.refund.RefundDisputedPayment.class,
            dev.kassa.refund.RevokeSubscriptionBenefitsProhibited.class, dev.kassa.refund.RefundUnknownPayment.class,
            dev.kassa.refund.RefundError.class, dev.kassa.platform.ratelimit.TooManyRequests.class);

    private ResponseSchemas() {
    }
}
