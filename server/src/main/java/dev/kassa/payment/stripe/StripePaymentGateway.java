package dev.kassa.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.SetupIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.SetupIntentCancelParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentListParams;
import dev.kassa.address.Address;
import dev.kassa.payment.CustomerDetails;
import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.OffSessionCharge;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.payment.PaymentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link PaymentGateway} on Stripe's API through stripe-java; every answer says whether money may have moved. */
@Service
class StripePaymentGateway implements PaymentGateway {

    /** Intents created this long before the attempt's record are still looked at (clock skew between hosts). */
    private static final Duration LOOKUP_SLACK = Duration.ofMinutes(5);

    private final StripeAccess stripe;

    StripePaymentGateway(StripeAccess stripe) {
        this.stripe = stripe;
    }

    @Override
    public String publishableKey() {
        return stripe.publishableKey();
    }

    @Override
    public CustomerOutcome saveCustomer(String customerId, CustomerDetails details, String idempotencyKey) {
        try {
            if (customerId == null) {
                return new CustomerOutcome.Saved(create(details, idempotencyKey));
            }
            try {
                return new CustomerOutcome.Saved(stripe.client().v1().customers().update(customerId, updateParams(details)).getId());
            } catch (InvalidRequestException e) {
                if (!"resource_missing".equals(e.getCode())) {
                    throw e;
                }
                // Deleted in Stripe: a new Stripe customer, under a key of its own.
                return new CustomerOutcome.Saved(create(details, idempotencyKey + "_replaced"));
            }
        } catch (StripeException e) {
            int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
            if (status >= 400 && status < 500 && status != 429 && !(e instanceof AuthenticationException)
                    && !(e instanceof PermissionException) && !(e instanceof IdempotencyException)) {
                return new CustomerOutcome.Rejected(messageOf(e));
            }
            return new CustomerOutcome.Unavailable(describe(e));
        }
    }

    private String create(CustomerDetails details, String idempotencyKey) throws StripeException {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder().setEmail(details.email());
        if (details.name() != null) {
            params.setName(details.name());
        }
        Address address = details.address();
        if (address != null) {
            params.setAddress(CustomerCreateParams.Address.builder().setCountry(address.country()).setLine1(address.line1())
                    .setLine2(address.line2()).setCity(address.city()).setPostalCode(address.postalCode())
                    .setState(address.state() == null ? null : address.unprefixedState()).build());
        }
        return stripe.client().v1().customers().create(params.build(), options(idempotencyKey)).getId();
    }

    private static CustomerUpdateParams updateParams(CustomerDetails details) {
        CustomerUpdateParams.Builder params = CustomerUpdateParams.builder().setEmail(details.email());
        if (details.name() != null) {
            params.setName(details.name());
        }
        Address address = details.address();
        if (address != null) {
            params.setAddress(CustomerUpdateParams.Address.builder().setCountry(address.country()).setLine1(address.line1())
                    .setLine2(address.line2()).setCity(address.city()).setPostalCode(address.postalCode())
                    .setState(address.state() == null ? null : address.unprefixedState()).build());
        }
        return params.build();
    }

    @Override
    public IntentOutcome createIntent(PaymentRequest request, String idempotencyKey) {
        try {
            return switch (request.kind()) {
                case PAYMENT_INTENT -> outcome(stripe.client().v1().paymentIntents().create(paymentIntent(request), options(idempotencyKey)));
                case SETUP_INTENT -> outcome(stripe.client().v1().setupIntents().create(setupIntent(request), options(idempotencyKey)));
            };
        } catch (StripeException e) {
            return classify(e);
        }
    }

    private static PaymentIntentCreateParams paymentIntent(PaymentRequest request) {
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
        return params.build();
    }

    private static SetupIntentCreateParams setupIntent(PaymentRequest request) {
        return SetupIntentCreateParams.builder()
                .setConfirm(true)
                .setConfirmationToken(request.confirmationToken())
                .setCustomer(request.customer())
                .setDescription(request.description())
                .setReturnUrl(request.returnUrl())
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .putAllMetadata(request.metadata())
                .build();
    }

    @Override
    public IntentOutcome retrieve(PaymentRequest.Kind kind, String intentId) {
        try {
            return switch (kind) {
                case PAYMENT_INTENT -> outcome(stripe.client().v1().paymentIntents().retrieve(intentId));
                case SETUP_INTENT -> outcome(stripe.client().v1().setupIntents().retrieve(intentId));
            };
        } catch (StripeException e) {
            // A 404 for an intent Kassa recorded means the wrong account or key, not "never charged".
            return new IntentOutcome.Unknown(describe(e));
        }
    }

    @Override
    public IntentOutcome findByAttempt(PaymentRequest.Kind kind, UUID attemptId, String customerId, Instant notBefore) {
        String tag = attemptId.toString();
        long since = notBefore.minus(LOOKUP_SLACK).getEpochSecond();
        try {
            switch (kind) {
                case PAYMENT_INTENT -> {
                    Iterable<PaymentIntent> intents = customerId != null
                            ? stripe.client().v1().paymentIntents().list(PaymentIntentListParams.builder().setCustomer(customerId)
                                    .setCreated(PaymentIntentListParams.Created.builder().setGte(since).build()).setLimit(100L).build())
                                    .autoPagingIterable()
                            // Stripe's search is eventually consistent (about a minute); look-ups run minutes later.
                            : stripe.client().v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                                    .setQuery("metadata['" + ATTEMPT_METADATA_KEY + "']:'" + tag + "'").build()).getData();
                    for (PaymentIntent intent : intents) {
                        if (tagged(intent.getMetadata(), tag)) {
                            return outcome(intent);
                        }
                    }
                }
                case SETUP_INTENT -> {
                    if (customerId == null) {
                        // Stripe cannot search SetupIntents; without the customer there is no way to look.
                        return new IntentOutcome.Unknown("no Stripe customer to list SetupIntents of");
                    }
                    for (SetupIntent intent : stripe.client().v1().setupIntents().list(SetupIntentListParams.builder()
                            .setCustomer(customerId).setCreated(SetupIntentListParams.Created.builder().setGte(since).build())
                            .setLimit(100L).build()).autoPagingIterable()) {
                        if (tagged(intent.getMetadata(), tag)) {
                            return outcome(intent);
                        }
                    }
                }
            }
            return new IntentOutcome.NotFound();
        } catch (StripeException e) {
            return new IntentOutcome.Unknown(describe(e));
        }
    }

    @Override
    public IntentOutcome chargeOffSession(OffSessionCharge charge, String idempotencyKey) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(charge.amount())
                .setCurrency(charge.currency())
                .setCustomer(charge.customer())
                .setPaymentMethod(charge.paymentMethod())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription(charge.description())
                .putAllMetadata(charge.metadata());
        if (charge.statementDescriptorSuffix() != null) {
            params.setStatementDescriptorSuffix(charge.statementDescriptorSuffix());
        }
        try {
            return outcome(stripe.client().v1().paymentIntents().create(params.build(), options(idempotencyKey)));
        } catch (StripeException e) {
            return classify(e);
        }
    }

    @Override
    public IntentOutcome findPaymentIntentByMetadata(String key, String value, String customerId, Instant notBefore) {
        long since = notBefore.minus(LOOKUP_SLACK).getEpochSecond();
        try {
            for (PaymentIntent intent : stripe.client().v1().paymentIntents().list(PaymentIntentListParams.builder()
                    .setCustomer(customerId).setCreated(PaymentIntentListParams.Created.builder().setGte(since).build())
                    .setLimit(100L).build()).autoPagingIterable()) {
                if (intent.getMetadata() != null && value.equals(intent.getMetadata().get(key))) {
                    return outcome(intent);
                }
            }
            return new IntentOutcome.NotFound();
        } catch (StripeException e) {
            return new IntentOutcome.Unknown(describe(e));
        }
    }

    @Override
    public IntentOutcome cancelAbandoned(PaymentRequest.Kind kind, String intentId) {
        try {
            switch (kind) {
                case PAYMENT_INTENT -> stripe.client().v1().paymentIntents().cancel(intentId, PaymentIntentCancelParams.builder()
                        .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build());
                case SETUP_INTENT -> stripe.client().v1().setupIntents().cancel(intentId, SetupIntentCancelParams.builder()
                        .setCancellationReason(SetupIntentCancelParams.CancellationReason.ABANDONED).build());
            }
        } catch (StripeException e) {
            // Not cancelable any more (it succeeded, or is already canceled): its current state decides.
        }
        return retrieve(kind, intentId);
    }

    private static boolean tagged(Map<String, String> metadata, String tag) {
        return metadata != null && tag.equals(metadata.get(ATTEMPT_METADATA_KEY));
    }

    private static IntentOutcome outcome(PaymentIntent intent) {
        return new IntentOutcome.Created(intent.getId(), intent.getStatus(), intent.getClientSecret(), intent.getAmount(),
                intent.getCurrency(), intent.getPaymentMethod());
    }

    private static IntentOutcome outcome(SetupIntent intent) {
        return new IntentOutcome.Created(intent.getId(), intent.getStatus(), intent.getClientSecret(), null, null,
                intent.getPaymentMethod());
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /**
     * Only a card decline (402) or a request Stripe refused as invalid (400) means nothing was charged. An idempotency
     * conflict, a timeout, a 5xx, a 404 or 429 leaves the outcome open; 401/403 means Stripe did not process it.
     */
    static IntentOutcome classify(StripeException e) {
        if (e instanceof CardException) {
            return new IntentOutcome.Declined(messageOf(e), e.getCode());
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException) {
            return new IntentOutcome.Refused(describe(e));
        }
        if (e instanceof InvalidRequestException && !(e instanceof IdempotencyException) && Integer.valueOf(400).equals(e.getStatusCode())
                && !"idempotency_key_in_use".equals(e.getCode())) {
            return new IntentOutcome.Declined(messageOf(e), e.getCode());
        }
        if (e instanceof ApiConnectionException) {
            return new IntentOutcome.Unknown("no answer from Stripe: " + e.getMessage());
        }
        return new IntentOutcome.Unknown(describe(e));
    }

    static String messageOf(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage() : null;
    }

    static String describe(StripeException e) {
        return e.getClass().getSimpleName() + " (HTTP " + e.getStatusCode() + (e.getCode() == null ? "" : ", " + e.getCode()) + "): "
                + e.getMessage();
    }
}
