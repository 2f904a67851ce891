package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** The default store: concurrent maps, deep copies in and out. Lost on restart. */
public final class InMemoryEmulatorStore implements EmulatorStore {

    private final ConcurrentMap<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IdempotentResponse> idempotent = new ConcurrentHashMap<>();
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
    public Optional<IdempotentResponse> findIdempotent(String apiKey, String idempotencyKey) {
        return Optional.ofNullable(idempotent.get(key(apiKey, idempotencyKey)));
    }

    @Override
    public IdempotentResponse rememberIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response) {
        IdempotentResponse earlier = idempotent.putIfAbsent(key(apiKey, idempotencyKey), response);
        return earlier == null ? response : earlier;
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
