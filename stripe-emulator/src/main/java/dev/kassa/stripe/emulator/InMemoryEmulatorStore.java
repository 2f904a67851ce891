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

    @Override
    public void insert(String kind, String id, Map<String, Object> object) {
        objects.put(key(kind, id), copy(object));
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
