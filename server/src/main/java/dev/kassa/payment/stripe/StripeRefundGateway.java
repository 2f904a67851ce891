package dev.kassa.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import dev.kassa.payment.RefundGateway;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link RefundGateway} on Stripe's Refunds API through stripe-java; every answer says whether money may have moved. */
@Service
class StripeRefundGateway implements RefundGateway {

    private final StripeAccess stripe;

    StripeRefundGateway(StripeAccess stripe) {
        this.stripe = stripe;
    }

    @Override
    public RefundOutcome create(RefundRequest request, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(request.paymentIntentId())
                .setAmount(request.amount())
                .setReason(reason(request.reason()))
                .putAllMetadata(request.metadata())
                .build();
        try {
            return outcome(stripe.client().v1().refunds().create(params,
                    RequestOptions.builder().setIdempotencyKey(idempotencyKey).build()));
        } catch (StripeException e) {
            return classify(e);
        }
    }

    @Override
    public RefundOutcome retrieve(String refundId) {
        try {
            return outcome(stripe.client().v1().refunds().retrieve(refundId));
        } catch (StripeException e) {
            // A 404 for a refund Kassa recorded means the wrong account or key, not "never refunded".
            return new RefundOutcome.Unknown(describe(e));
        }
    }

    @Override
    public RefundOutcome findByRefund(String paymentIntentId, UUID refundId) {
        String tag = refundId.toString();
        try {
            for (Refund refund : stripe.client().v1().refunds().list(RefundListParams.builder()
                    .setPaymentIntent(paymentIntentId).setLimit(100L).build()).autoPagingIterable()) {
                if (refund.getMetadata() != null && tag.equals(refund.getMetadata().get(REFUND_METADATA_KEY))) {
                    return outcome(refund);
                }
            }
            return new RefundOutcome.NotFound();
        } catch (StripeException e) {
            return new RefundOutcome.Unknown(describe(e));
        }
    }

    private static RefundCreateParams.Reason reason(String reason) {
        return switch (reason) {
            case "duplicate" -> RefundCreateParams.Reason.DUPLICATE;
            case "fraudulent" -> RefundCreateParams.Reason.FRAUDULENT;
            default -> RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER;
        };
    }

    private static RefundOutcome outcome(Refund refund) {
        return new RefundOutcome.Created(refund.getId(), refund.getStatus(), refund.getAmount() == null ? 0 : refund.getAmount(),
                refund.getFailureReason(), refund.getMetadata() == null ? Map.of() : refund.getMetadata());
    }

    /**
     * Only a 402 or a 400 Stripe refused as invalid (for example {@code charge_already_refunded},
     * {@code charge_disputed}, an amount above what is left) means nothing was refunded; anything else leaves the
     * outcome open, for the look-up.
     */
    static RefundOutcome classify(StripeException e) {
        if (e instanceof CardException) {
            return new RefundOutcome.Declined(messageOf(e), e.getCode());
        }
        if (e instanceof InvalidRequestException && !(e instanceof IdempotencyException)
                && Integer.valueOf(400).equals(e.getStatusCode()) && !"idempotency_key_in_use".equals(e.getCode())) {
            return new RefundOutcome.Declined(messageOf(e), e.getCode());
        }
        if (e instanceof ApiConnectionException) {
            return new RefundOutcome.Unknown("no answer from Stripe: " + e.getMessage());
        }
        return new RefundOutcome.Unknown(describe(e));
    }

    private static String messageOf(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage() : e.getMessage();
    }

    private static String describe(StripeException e) {
        return e.getClass().getSimpleName() + " (HTTP " + e.getStatusCode() + (e.getCode() == null ? "" : ", " + e.getCode()) + "): "
                + e.getMessage();
    }
}
