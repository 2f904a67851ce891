package dev.kassa.stripe.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * State changes that Stripe makes some time after a request (a {@code pending} refund that later succeeds, a
 * refund that later fails). Each is stored ({@link EmulatorStore.ScheduledTransition}) before it is due, so with
 * a {@link JdbcEmulatorStore} a restart, or another node on the same database, still makes it; a background
 * thread claims due ones with a lease (as webhook deliveries are) and runs each in one store transaction, with the
 * events it records. An action checks the object's state itself, so running one twice, or after the test helper
 * settled the object, changes nothing.
 */
final class Transitions implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Transitions.class.getName());
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** How long a claimed transition is kept from other claimants; a claimant that died frees it after this. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 50;

    /** Runs a transition of object {@code objectId}; {@code call} carries the time of the events it records. */
    @FunctionalInterface
    interface Action {
        void run(String objectId, StripeEmulator.Call call);
    }

    private final EmulatorStore store;
    private final Clock clock;
    private final Map<String, Action> actions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    Transitions(EmulatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("stripe-emulator-transitions").factory());
        scheduler.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void register(String action, Action run) {
        actions.put(action, run);
    }

    /** Stores a transition due after {@code delay} (in the caller's store transaction, if any). */
    void schedule(String kind, String objectId, String action, Duration delay) {
        store.scheduleTransitions(List.of(new EmulatorStore.ScheduledTransition(Ids.next("trn_"), kind, objectId,
                action, Instant.now().plus(delay))));
        wakeIn(delay);
    }

    /** Runs every transition scheduled for the object now, due or not (the emulator's settle test helper). */
    void runNow(String kind, String objectId, StripeEmulator.Call call) {
        for (EmulatorStore.ScheduledTransition transition : store.transitionsOf(kind, objectId)) {
            run(transition, call);
        }
    }

    private void run(EmulatorStore.ScheduledTransition transition, StripeEmulator.Call call) {
        Action action = actions.get(transition.action());
        if (action != null) {
            action.run(transition.objectId(), call);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Unknown scheduled transition {0}; dropped", transition.action());
        }
        store.removeTransition(transition.id());
    }

    private void wakeIn(Duration delay) {
        if (closed) {
            return;
        }
        try {
            // A little later than due: the schedule commits with the request that made it.
            scheduler.schedule(this::poll, delay.toMillis() + 20, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        try {
            Instant now = Instant.now();
            List<EmulatorStore.ScheduledTransition> due = store.claimDueTransitions(now, now.plus(LEASE), BATCH);
            for (EmulatorStore.ScheduledTransition transition : due) {
                if (closed) {
                    return;
                }
                try {
                    store.atomically(() -> {
                        run(transition, new StripeEmulator.Call(clock.instant().getEpochSecond(), null, null));
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Scheduled transition " + transition.action() + " of "
                            + transition.objectId() + " failed; retried after its lease", e);
                }
            }
            if (due.size() == BATCH) {
                wakeIn(Duration.ZERO);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Looking for due transitions failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
