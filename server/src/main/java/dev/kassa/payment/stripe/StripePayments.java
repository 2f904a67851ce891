package dev.kassa.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.SetupIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.SetupIntentCreateParams;
import dev.kassa.address.Address;
import org.springframework.stereotype.Service;

/** Kassa's payment calls to Stripe, with outcomes that say whether money may have moved. */
@Service
public class StripePayments {

    private final StripeAccess stripe;

    StripePayments(StripeAccess stripe) {
        this.stripe = stripe;
    }

    /** A failure to reach Stripe or an answer Kassa cannot use, outside of a payment. */
    public static final class StripeUnavailable extends RuntimeException {
        StripeUnavailable(StripeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Stripe refused what it was sent (an HTTP 4xx such as a rejected address): the buyer can fix it. */
    public static final class StripeRejected extends RuntimeException {
        StripeRejected(StripeException cause) {
            super(cause.getStripeError() != null && cause.getStripeError().getMessage() != null
                    ? cause.getStripeError().getMessage() : null, cause);
        }
    }

    /** Creates or updates the buyer's Stripe customer; returns its id. */
    public String upsertCustomer(String stripeCustomerId, String email, String name, Address address) {
        try {
            if (stripeCustomerId == null) {
                CustomerCreateParams.Builder params = CustomerCreateParams.builder().setEmail(email);
                if (name != null) {
                    params.setName(name);
                }
                if (address != null) {
                    params.setAddress(CustomerCreateParams.Address.builder().setCountry(address.country()).setLine1(address.line1())
                            .setLine2(address.line2()).setCity(address.city()).setPostalCode(address.postalCode())
                            .setState(address.state() == null ? null : address.unprefixedState()).build());
                }
                return stripe.client().v1().customers().create(params.build()).getId();
            }
            CustomerUpdateParams.Builder params = CustomerUpdateParams.builder().setEmail(email);
            if (name != null) {
                params.setName(name);
            }
            if (address != null) {
                params.setAddress(CustomerUpdateParams.Address.builder().setCountry(address.country()).setLine1(address.line1())
                        .setLine2(address.line2()).setCity(address.city()).setPostalCode(address.postalCode())
                        .setState(address.state() == null ? null : address.unprefixedState()).build());
            }
            try {
                return stripe.client().v1().customers().update(stripeCustomerId, params.build()).getId();
            } catch (com.stripe.exception.InvalidRequestException e) {
                if (!"resource_missing".equals(e.getCode())) {
                    throw e;
                }
                // Deleted in Stripe (or, in test mode, the emulator restarted): start a new Stripe customer.
                return upsertCustomer(null, email, name, address);
            }
        } catch (StripeException e) {
            if (e.getStatusCode() != null && e.getStatusCode() >= 400 && e.getStatusCode() < 500 && e.getStatusCode() != 429
                    && !(e instanceof com.stripe.exception.AuthenticationException)) {
                throw new StripeRejected(e);
            }
            throw new StripeUnavailable(e);
        }
    }

    /**
     * Asks Stripe for the intent. The idempotency key makes a retry (after an unknown outcome) return the intent
     * of the first call instead of charging twice.
     */
    public IntentOutcome createIntent(PaymentRequest request, String idempotencyKey) {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        try {
            return switch (request.kind()) {
                case PAYMENT_INTENT -> {
                    PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                            .setAmount(request.amount())
                            .setCurrency(request.currency())
                            .setConfirm(true)
                            .setConfirmationToken(request.confirmationToken())
                            .setCustomer(request.customer())
                            .setDescription(request.description())
                            .setReturnUrl(request.returnUrl())
                            .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build())
                            .putAllMetadata(request.metadata());
                    if (request.statementDescriptorSuffix() != null) {
                        params.setStatementDescriptorSuffix(request.statementDescriptorSuffix());
                    }
                    if (request.saveForOffSession()) {
                        params.setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION);
                    }
                    PaymentIntent intent = stripe.client().v1().paymentIntents().create(params.build(), options);
                    yield new IntentOutcome.Created(intent.getId(), intent.getStatus(), intent.getClientSecret());
                }
                case SETUP_INTENT -> {
                    SetupIntentCreateParams params = SetupIntentCreateParams.builder()
                            .setConfirm(true)
                            .setConfirmationToken(request.confirmationToken())
                            .setCustomer(request.customer())
                            .setDescription(request.description())
                            .setReturnUrl(request.returnUrl())
                            .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                            .putAllMetadata(request.metadata())
                            .build();
                    SetupIntent intent = stripe.client().v1().setupIntents().create(params, options);
                    yield new IntentOutcome.Created(intent.getId(), intent.getStatus(), intent.getClientSecret());
                }
            };
        } catch (StripeException e) {
            return classify(e);
        }
    }

    /**
     * Cancels an intent the buyer abandoned (3-D Secure never finished), then reports its state: {@code canceled},
     * or, if the buyer finished it meanwhile, what it became.
     */
    public IntentOutcome cancelAbandoned(PaymentRequest.Kind kind, String intentId) {
        try {
            switch (kind) {
                case PAYMENT_INTENT -> stripe.client().v1().paymentIntents().cancel(intentId,
                        com.stripe.param.PaymentIntentCancelParams.builder()
                                .setCancellationReason(com.stripe.param.PaymentIntentCancelParams.CancellationReason.ABANDONED)
                                .build());
                case SETUP_INTENT -> stripe.client().v1().setupIntents().cancel(intentId,
                        com.stripe.param.SetupIntentCancelParams.builder()
                                .setCancellationReason(com.stripe.param.SetupIntentCancelParams.CancellationReason.ABANDONED)
                                .build());
            }
        } catch (StripeException e) {
            // Not cancelable any more (it succeeded, or is already canceled): its current state decides.
        }
        return retrieve(kind, intentId);
    }

    /** The intent's current state, for reconciliation. */
    public IntentOutcome retrieve(PaymentRequest.Kind kind, String intentId) {
        try {
            return switch (kind) {
                case PAYMENT_INTENT -> {
                    PaymentIntent intent = stripe.client().v1().paymentIntents().retrieve(intentId);
                    yield new IntentOutcome.Created(intent.getId(), intent.getStatus(), intent.getClientSecret());
                }
                case SETUP_INTENT -> {
                    SetupIntent intent = stripe.client().v1().setupIntents().retrieve(intentId);
                    yield new IntentOutcome.Created(intent.getId(), intent.getStatus(), intent.getClientSecret());
                }
            };
        } catch (StripeException e) {
            return classify(e);
        }
    }

    /**
     * Connection failures, timeouts, rate limits, Stripe's own errors and idempotency conflicts leave the outcome
     * open; every other Stripe error (a decline, a bad token, an authentication error) means nothing was charged.
     */
    private static IntentOutcome classify(StripeException e) {
        if (e instanceof ApiConnectionException || e instanceof ApiException || e instanceof RateLimitException
                || e instanceof IdempotencyException || (e.getStatusCode() != null && e.getStatusCode() >= 500)) {
            return new IntentOutcome.Unknown(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : null;
        return new IntentOutcome.Declined(message);
    }
}
