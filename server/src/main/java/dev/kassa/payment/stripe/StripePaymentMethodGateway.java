package dev.kassa.payment.stripe;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodDetachParams;
import com.stripe.param.SetupIntentCreateParams;
import dev.kassa.payment.PaymentMethodGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** {@link PaymentMethodGateway} on Stripe: SetupIntents confirmed with a confirmation token, and the customer's cards. */
@Service
class StripePaymentMethodGateway implements PaymentMethodGateway {

    private final StripeAccess stripe;

    StripePaymentMethodGateway(StripeAccess stripe) {
        this.stripe = stripe;
    }

    @Override
    public List<SavedMethod> list(String processorCustomerId) {
        try {
            List<SavedMethod> methods = new ArrayList<>();
            for (PaymentMethod method : stripe.client().v1().customers().paymentMethods().list(processorCustomerId,
                    CustomerPaymentMethodListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
                methods.add(saved(method));
            }
            return methods;
        } catch (StripeException e) {
            throw new Unavailable(StripePaymentGateway.describe(e), e);
        }
    }

    @Override
    public boolean confirmationTokenExists(String confirmationToken) {
        try {
            stripe.client().v1().confirmationTokens().retrieve(confirmationToken);
            return true;
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return false;
            }
            throw new Unavailable(StripePaymentGateway.describe(e), e);
        } catch (StripeException e) {
            throw new Unavailable(StripePaymentGateway.describe(e), e);
        }
    }

    @Override
    public SetupOutcome setUp(String processorCustomerId, String confirmationToken, String returnUrl, String idempotencyKey) {
        try {
            SetupIntent intent = stripe.client().v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setCustomer(processorCustomerId)
                    .setConfirm(true)
                    .setConfirmationToken(confirmationToken)
                    .setReturnUrl(returnUrl)
                    .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                    .build(), RequestOptions.builder().setIdempotencyKey(idempotencyKey).build());
            return outcome(intent);
        } catch (CardException e) {
            return new SetupOutcome.Declined(StripePaymentGateway.messageOf(e));
        } catch (InvalidRequestException e) {
            if (Integer.valueOf(400).equals(e.getStatusCode()) && !"idempotency_key_in_use".equals(e.getCode())) {
                return new SetupOutcome.Declined(StripePaymentGateway.messageOf(e));
            }
            return new SetupOutcome.Unavailable(StripePaymentGateway.describe(e));
        } catch (StripeException e) {
            return new SetupOutcome.Unavailable(StripePaymentGateway.describe(e));
        }
    }

    @Override
    public SetupOutcome retrieveSetup(String processorCustomerId, String setupIntentId) {
        try {
            SetupIntent intent = stripe.client().v1().setupIntents().retrieve(setupIntentId);
            if (!processorCustomerId.equals(intent.getCustomer())) {
                return new SetupOutcome.Declined(null);
            }
            return outcome(intent);
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return new SetupOutcome.Declined(null);
            }
            return new SetupOutcome.Unavailable(StripePaymentGateway.describe(e));
        } catch (StripeException e) {
            return new SetupOutcome.Unavailable(StripePaymentGateway.describe(e));
        }
    }

    @Override
    public void makeDefault(String processorCustomerId, String processorPaymentMethodId) {
        try {
            stripe.client().v1().customers().update(processorCustomerId, CustomerUpdateParams.builder()
                    .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                            .setDefaultPaymentMethod(processorPaymentMethodId).build())
                    .build());
        } catch (StripeException e) {
            throw new Unavailable(StripePaymentGateway.describe(e), e);
        }
    }

    @Override
    public void detach(String processorPaymentMethodId) {
        try {
            stripe.client().v1().paymentMethods().detach(processorPaymentMethodId, PaymentMethodDetachParams.builder().build());
        } catch (InvalidRequestException e) {
            // Detached already (or gone): nothing left to charge.
            if (!"resource_missing".equals(e.getCode()) && !Integer.valueOf(400).equals(e.getStatusCode())) {
                throw new Unavailable(StripePaymentGateway.describe(e), e);
            }
        } catch (StripeException e) {
            throw new Unavailable(StripePaymentGateway.describe(e), e);
        }
    }

    private SetupOutcome outcome(SetupIntent intent) throws StripeException {
        return switch (intent.getStatus()) {
            case "succeeded" -> new SetupOutcome.Succeeded(intent.getId(),
                    saved(stripe.client().v1().paymentMethods().retrieve(intent.getPaymentMethod())));
            case "requires_action" -> new SetupOutcome.RequiresAction(intent.getId(), intent.getClientSecret());
            case "requires_payment_method", "canceled" -> new SetupOutcome.Declined(
                    intent.getLastSetupError() == null ? null : intent.getLastSetupError().getMessage());
            default -> new SetupOutcome.Unavailable("SetupIntent " + intent.getId() + " is " + intent.getStatus());
        };
    }

    private static SavedMethod saved(PaymentMethod method) {
        PaymentMethod.Card card = method.getCard();
        return new SavedMethod(method.getId(), method.getType(), card == null ? null : card.getBrand(),
                card == null ? null : card.getLast4(), card == null ? null : card.getExpMonth(),
                card == null ? null : card.getExpYear(),
                card == null || card.getWallet() == null ? null : card.getWallet().getType(),
                method.getCreated() == null ? null : Instant.ofEpochSecond(method.getCreated()));
    }
}
