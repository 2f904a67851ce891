package dev.kassa.stripe.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A store that holds the first insert of one kind until released: a request "still running". By default its
 * {@link #atomically} runs the work as a store without transactions does; {@link #inUnits} passes units on to the
 * delegate, so the request runs in the delegate's transaction.
 */
final class BlockingStore implements EmulatorStore {

    private final EmulatorStore delegate;
    private final String kind;
    private final CountDownLatch inside;
    private final CountDownLatch release;
    private final boolean units;

    BlockingStore(EmulatorStore delegate, String kind, CountDownLatch inside, CountDownLatch release) {
        this(delegate, kind, inside, release, false);
    }

    private BlockingStore(EmulatorStore delegate, String kind, CountDownLatch inside, CountDownLatch release,
            boolean units) {
        this.delegate = delegate;
        this.kind = kind;
        this.inside = inside;
        this.release = release;
        this.units = units;
    }

    /** As the constructor, with {@link #atomically} units passed on to {@code delegate}. */
    static BlockingStore inUnits(EmulatorStore delegate, String kind, CountDownLatch inside, CountDownLatch release) {
        return new BlockingStore(delegate, kind, inside, release, true);
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return units ? delegate.atomically(work) : work.get();
    }

    @Override
    public void insert(String kind, String id, Map<String, Object> object) {
        if (kind.equals(this.kind) && inside.getCount() > 0) {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delegate.insert(kind, id, object);
    }

    @Override
    public Optional<Map<String, Object>> find(String kind, String id) {
        return delegate.find(kind, id);
    }

    @Override
    public Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change) {
        return delegate.update(kind, id, change);
    }

    @Override
    public List<Map<String, Object>> list(String kind) {
        return delegate.list(kind);
    }

    @Override
    public Claim claimIdempotent(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) {
        return delegate.claimIdempotent(apiKey, idempotencyKey, fingerprint, now, expiredBefore, abandonedBefore);
    }

    @Override
    public void completeIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response) {
        delegate.completeIdempotent(apiKey, idempotencyKey, response);
    }

    @Override
    public void releaseIdempotent(String apiKey, String idempotencyKey) {
        delegate.releaseIdempotent(apiKey, idempotencyKey);
    }

    @Override
    public void addDeliveries(List<PendingDelivery> deliveries) {
        delegate.addDeliveries(deliveries);
    }

    @Override
    public List<PendingDelivery> claimDueDeliveries(Instant now, Instant leaseUntil, int max) {
        return delegate.claimDueDeliveries(now, leaseUntil, max);
    }

    @Override
    public void retryDelivery(String id, int attempt, Instant dueAt) {
        delegate.retryDelivery(id, attempt, dueAt);
    }

    @Override
    public void removeDelivery(String id) {
        delegate.removeDelivery(id);
    }

    @Override
    public void scheduleTransitions(List<ScheduledTransition> transitions) {
        delegate.scheduleTransitions(transitions);
    }

    @Override
    public List<ScheduledTransition> claimDueTransitions(Instant now, Instant leaseUntil, int max) {
        return delegate.claimDueTransitions(now, leaseUntil, max);
    }

    @Override
    public List<ScheduledTransition> transitionsOf(String kind, String objectId) {
        return delegate.transitionsOf(kind, objectId);
    }

    @Override
    public void removeTransition(String id) {
        delegate.removeTransition(id);
    }

    @Override
    public String value(String name, Supplier<String> initial) {
        return delegate.value(name, initial);
    }
}
