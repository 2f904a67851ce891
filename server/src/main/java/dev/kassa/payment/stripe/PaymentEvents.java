package dev.kassa.payment.stripe;

import dev.kassa.platform.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Kassa's own payment events, queued with Stripe's: a free checkout's success is an event like a paid one's, so
 * it is fulfilled by the same durable, multi-node processor once the confirm commits.
 */
@Service
public class PaymentEvents {

    public static final String FREE_CHECKOUT_SUCCEEDED = "kassa.checkout.free_succeeded";

    private final StripeEventRepository events;
    private final ObjectProvider<StripeEventProcessor> processor;
    private final Clock clock;

    PaymentEvents(StripeEventRepository events, ObjectProvider<StripeEventProcessor> processor, Clock clock) {
        this.events = events;
        this.processor = processor;
        this.clock = clock;
    }

    /** Queues the success of a checkout that needs no payment, in the caller's transaction. */
    public void freeCheckoutSucceeded(UUID checkoutId) {
        String id = "kassa_free_" + checkoutId;
        Map<String, Object> payload = Map.of("id", id, "type", FREE_CHECKOUT_SUCCEEDED,
                "data", Map.of("object", Map.of("id", checkoutId.toString(), "metadata", Map.of("checkout_id", checkoutId.toString()))));
        events.insertIfNew(id, FREE_CHECKOUT_SUCCEEDED, checkoutId.toString(), Json.write(payload), clock.instant());
        processAfterCommit();
    }

    /** Wakes the processor once the current transaction commits (webhooks may already be waiting). */
    public void processAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    processor.ifAvailable(StripeEventProcessor::processSoon);
                }
            });
        } else {
            processor.ifAvailable(StripeEventProcessor::processSoon);
        }
    }
}
