package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Jdbc.execute;
import static dev.kassa.stripe.emulator.Jdbc.texts;

import dev.kassa.stripe.emulator.EmulatorStore.IdempotentResponse;
import dev.kassa.stripe.emulator.EmulatorStore.PendingDelivery;
import dev.kassa.stripe.emulator.EmulatorStore.ScheduledTransition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link JdbcEmulatorStore#atomically} unit has read and not yet written: its connection (one
 * transaction), the rows it read, and its writes, stored at its commit (or dropped with its rollback).
 */
final class JdbcUnit {

    /** An object's primary key. */
    record Key(String kind, String id) {
    }

    final Connection connection;
    private final String schema;
    /**
     * Rows read by {@link JdbcObjects#list}, by kind: id to body, in {@code seq} order, as the unit first read them.
     */
    final Map<String, Map<String, String>> lists = new HashMap<>();
    /**
     * Bodies read by {@link JdbcObjects#find} or {@code FOR UPDATE} (as stored: the unit's own writes are in writes).
     */
    final Map<Key, String> read = new HashMap<>();
    /** Rows this unit holds the lock of (read {@code FOR UPDATE}, or written by an early flush). */
    final Set<Key> locked = new HashSet<>();
    /** Objects to store at commit, in the order first written (the order in which new rows get their seq). */
    final Map<Key, String> writes = new LinkedHashMap<>();
    /** Idempotency responses to store at commit, by (API key, idempotency key). */
    final Map<List<String>, IdempotentResponse> completions = new LinkedHashMap<>();
    final Map<String, PendingDelivery> deliveries = new LinkedHashMap<>();
    final Set<String> removedDeliveries = new LinkedHashSet<>();
    final Map<String, ScheduledTransition> transitions = new LinkedHashMap<>();
    final Set<String> removedTransitions = new LinkedHashSet<>();

    /** A unit on {@code connection} (auto-commit off), whose writes go to the tables of {@code schema}. */
    JdbcUnit(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** The body of an object as this unit knows it (its own write, else as read), or null. */
    String seen(Key key) {
        String body = writes.get(key);
        if (body == null) {
            body = read.get(key);
        }
        if (body == null) {
            Map<String, String> listed = lists.get(key.kind());
            body = listed == null ? null : listed.get(key.id());
        }
        return body;
    }

    boolean hasWrites() {
        return !writes.isEmpty() || !completions.isEmpty() || !deliveries.isEmpty()
                || !removedDeliveries.isEmpty() || !transitions.isEmpty() || !removedTransitions.isEmpty();
    }

    /**
     * Stores the unit's writes, in one statement: the objects in one {@code INSERT ... SELECT FROM unnest(...)} (new
     * rows take their {@code seq} in the order the unit first wrote them; a row that exists keeps its own), and
     * beside it, as data-modifying {@code WITH} parts of that statement, the idempotency responses and the
     * webhook deliveries and scheduled transitions added or removed. The unit goes on afterwards as if it had
     * read what it wrote (an early flush, before a statement that must see the rows, keeps their locks).
     */
    void flush() throws SQLException {
        if (!hasWrites()) {
            return;
        }
        Connection c = connection;
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!writes.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            writes.forEach((key, body) -> {
                kinds.add(key.kind());
                ids.add(key.id());
                bodies.add(body);
            });
            parts.add("INSERT INTO " + schema + ".objects (kind, id, body) SELECT u.kind, u.id, u.body "
                    + "FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u (kind, id, body, n) "
                    + "ORDER BY u.n ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body");
            args.addAll(List.of(texts(c, kinds), texts(c, ids), texts(c, bodies)));
        }
        if (!completions.isEmpty()) {
            List<String> apiKeys = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            completions.forEach((key, response) -> {
                apiKeys.add(key.get(0));
                keys.add(key.get(1));
                statuses.add(Integer.toString(response.status()));
                bodies.add(response.body());
                fingerprints.add(response.fingerprint());
            });
            parts.add("UPDATE " + schema + ".idempotency AS t SET status = u.status::integer, body = u.body, "
                    + "fingerprint = u.fingerprint FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                    + "AS u (api_key, idempotency_key, status, body, fingerprint) "
                    + "WHERE t.api_key = u.api_key AND t.idempotency_key = u.idempotency_key");
            args.addAll(List.of(texts(c, apiKeys), texts(c, keys), texts(c, statuses), texts(c, bodies),
                    texts(c, fingerprints)));
        }
        if (!deliveries.isEmpty()) {
            List<List<String>> columns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                columns.add(new ArrayList<>());
            }
            for (PendingDelivery d : deliveries.values()) {
                List<String> row = List.of(d.id(), d.eventId(), d.url(), d.secret(), d.payload(),
                        Boolean.toString(d.counted()), Integer.toString(d.attempt()), d.dueAt().toString());
                for (int i = 0; i < 8; i++) {
                    columns.get(i).add(row.get(i));
                }
            }
            parts.add("INSERT INTO " + schema + ".webhook_deliveries (id, event_id, url, secret, payload, counted, "
                    + "attempt, due_at) SELECT u.id, u.event_id, u.url, u.secret, u.payload, u.counted::boolean, "
                    + "u.attempt::integer, u.due_at::timestamptz FROM unnest(?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u (id, event_id, url, secret, "
                    + "payload, counted, attempt, due_at)");
            for (List<String> column : columns) {
                args.add(texts(c, column));
            }
        }
        if (!removedDeliveries.isEmpty()) {
            parts.add("DELETE FROM " + schema + ".webhook_deliveries WHERE id = ANY (?::text[])");
            args.add(texts(c, new ArrayList<>(removedDeliveries)));
        }
        if (!transitions.isEmpty()) {
            List<List<String>> columns = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                columns.add(new ArrayList<>());
            }
            for (ScheduledTransition t : transitions.values()) {
                List<String> row = List.of(t.id(), t.kind(), t.objectId(), t.action(), t.dueAt().toString());
                for (int i = 0; i < 5; i++) {
                    columns.get(i).add(row.get(i));
                }
            }
            parts.add("INSERT INTO " + schema + ".scheduled_transitions (id, kind, object_id, action, due_at) "
                    + "SELECT u.id, u.kind, u.object_id, u.action, u.due_at::timestamptz FROM unnest(?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[]) AS u (id, kind, object_id, action, due_at)");
            for (List<String> column : columns) {
                args.add(texts(c, column));
            }
        }
        if (!removedTransitions.isEmpty()) {
            parts.add("DELETE FROM " + schema + ".scheduled_transitions WHERE id = ANY (?::text[])");
            args.add(texts(c, new ArrayList<>(removedTransitions)));
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            sql.append(i == 0 ? "WITH " : ", ").append('w').append(i).append(" AS (").append(parts.get(i))
                    .append(") ");
        }
        sql.append(parts.getLast());
        execute(c, sql.toString(), args.toArray());
        writes.forEach((key, body) -> {
            read.put(key, body);
            locked.add(key);
            lists.remove(key.kind());
        });
        writes.clear();
        completions.clear();
        deliveries.clear();
        removedDeliveries.clear();
        transitions.clear();
        removedTransitions.clear();
    }
}
