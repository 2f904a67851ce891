package dev.kassa.stripe.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The default store: concurrent maps, deep copies in and out. Lost on restart. */
public final class InMemoryEmulatorStore implements EmulatorStore {

    private final ConcurrentMap<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Idempotency> idempotent = new ConcurrentHashMap<>();
    private final Map<String, PendingDelivery> deliveries = new LinkedHashMap<>();
    private final ConcurrentMap<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, ScheduledTransition> transitions = new LinkedHashMap<>();
    /** Ids per kind in insertion order, for {@link #list}. */
    private final ConcurrentMap<String, List<String>> order = new ConcurrentHashMap<>();

    @Override
    public void insert(String kind, String id, Map<String, Object> object) {
        List<String> ids = order.computeIfAbsent(kind, k -> new ArrayList<>());
        synchronized (ids) {
            if (objects.put(key(kind, id), copy(object)) == null) {
                ids.add(id);
            }
        }
    }

    @Override
    public List<Map<String, Object>> list(String kind) {
        List<String> ids = order.getOrDefault(kind, List.of());
        List<String> snapshot;
        synchronized (ids) {
            snapshot = new ArrayList<>(ids);
        }
        List<Map<String, Object>> out = new ArrayList<>(snapshot.size());
        for (String id : snapshot) {
            find(kind, id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<Map<String, Object>> find(String kind, String id) {
        Map<String, Object> object = objects.get(key(kind, id));
        return Optional.ofNullable(object).map(InMemoryEmulatorStore::copy);
    }

    @Override
    public Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> updated = objects.computeIfPresent(key(kind, id), (k, current) -> copy(change.apply(copy(current))));
        return Optional.ofNullable(updated).map(InMemoryEmulatorStore::copy);
    }

    @Override
    public Claim claimIdempotent(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) {
        Claim[] claim = new Claim[1];
        idempotent.compute(key(apiKey, idempotencyKey), (k, current) -> {
            if (current != null && (current.created().isBefore(expiredBefore)
                    || current.response() == null && current.created().isBefore(abandonedBefore))) {
                current = null;
            }
            if (current == null) {
                claim[0] = new Claim.Claimed();
                return new Idempotency(fingerprint, now, null);
            }
            claim[0] = current.response() == null ? new Claim.InProgress()
                    : new Claim.Completed(current.response());
            return current;
        });
        return claim[0];
    }

    @Override
    public void completeIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response) {
        idempotent.computeIfPresent(key(apiKey, idempotencyKey),
                (k, current) -> new Idempotency(current.fingerprint(), current.created(), response));
    }

    @Override
    public void releaseIdempotent(String apiKey, String idempotencyKey) {
        idempotent.remove(key(apiKey, idempotencyKey));
    }

    @Override
    public void addDeliveries(List<PendingDelivery> added) {
        synchronized (deliveries) {
            added.forEach(d -> deliveries.put(d.id(), d));
        }
    }

    @Override
    public List<PendingDelivery> claimDueDeliveries(Instant now, Instant leaseUntil, int max) {
        synchronized (deliveries) {
            List<PendingDelivery> due = deliveries.values().stream().filter(d -> !d.dueAt().isAfter(now))
                    .sorted(java.util.Comparator.comparing(PendingDelivery::dueAt)).limit(max).toList();
            due.forEach(d -> deliveries.put(d.id(), withDue(d, d.attempt(), leaseUntil)));
            return due;
        }
    }

    @Override
    public void retryDelivery(String id, int attempt, Instant dueAt) {
        synchronized (deliveries) {
            deliveries.computeIfPresent(id, (k, d) -> withDue(d, attempt, dueAt));
        }
    }

    @Override
    public void removeDelivery(String id) {
        synchronized (deliveries) {
            deliveries.remove(id);
        }
    }

    private static PendingDelivery withDue(PendingDelivery d, int attempt, Instant dueAt) {
        return new PendingDelivery(d.id(), d.eventId(), d.url(), d.secret(), d.payload(), d.counted(), attempt,
                dueAt);
    }

    @Override
    public void scheduleTransitions(List<ScheduledTransition> added) {
        synchronized (transitions) {
            added.forEach(t -> transitions.put(t.id(), t));
        }
    }

    @Override
    public List<ScheduledTransition> claimDueTransitions(Instant now, Instant leaseUntil, int max) {
        synchronized (transitions) {
            List<ScheduledTransition> due = transitions.values().stream().filter(t -> !t.dueAt().isAfter(now))
                    .sorted(java.util.Comparator.comparing(ScheduledTransition::dueAt)).limit(max).toList();
            due.forEach(t -> transitions.put(t.id(),
                    new ScheduledTransition(t.id(), t.kind(), t.objectId(), t.action(), leaseUntil)));
            return due;
        }
    }

    @Override
    public List<ScheduledTransition> transitionsOf(String kind, String objectId) {
        synchronized (transitions) {
            return transitions.values().stream()
                    .filter(t -> t.kind().equals(kind) && t.objectId().equals(objectId)).toList();
        }
    }

    @Override
    public void removeTransition(String id) {
        synchronized (transitions) {
            transitions.remove(id);
        }
    }

    @Override
    public String value(String name, Supplier<String> initial) {
        return values.computeIfAbsent(name, n -> initial.get());
    }

    /** An idempotency record; {@code response} is null while its request runs. */
    private record Idempotency(String fingerprint, Instant created, IdempotentResponse response) {
    }

    private static String key(String a, String b) {
        return a + '\u0000' + b;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, copyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }
}
