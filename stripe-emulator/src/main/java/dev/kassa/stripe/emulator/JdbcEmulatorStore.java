package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Jdbc.execute;
import static dev.kassa.stripe.emulator.Jdbc.prepare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An {@link EmulatorStore} in PostgreSQL, with plain JDBC: several processes on one database share one emulated
 * Stripe, and its state survives restarts. It keeps to its own schema ({@code stripe_emulator} by default), which
 * it creates itself ({@code CREATE SCHEMA/TABLE IF NOT EXISTS}, under an advisory lock), so it needs no migration
 * tool of the application's:
 *
 * <ul>
 * <li>{@code objects (kind, id, seq, body)}: one row per Stripe object, {@code body} its JSON text (text, not
 * {@code jsonb}, so that fields keep Stripe's order), {@code seq} the insertion order for {@link #list};
 * {@link #update} reads the row {@code FOR UPDATE} and writes it back in one transaction.</li>
 * <li>{@code idempotency (api_key, idempotency_key, fingerprint, created, status, body)}: {@code status} null
 * while the request runs, so a concurrent request with the same key on any process gets 409; {@code created}
 * for the expiry.</li>
 * <li>{@code webhook_deliveries}: deliveries not yet made, claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease ({@code due_at} moved forward), so that after a crash, or on another node, they are still sent.</li>
 * <li>{@code installation (name, value)}: values such as the generated webhook signing secret.</li>
 * <li>{@code scheduled_transitions (id, kind, object_id, action, due_at)}: state changes due later (a refund that
 * settles after a while), claimed like webhook deliveries, so a restart or another node still makes them.</li>
 * </ul>
 *
 * <p>An {@link #atomically} unit (one emulator request) is one transaction, and the store keeps its writes until
 * its commit (write-behind): objects, the idempotency response, webhook deliveries and scheduled transitions then
 * go in one statement; the unit's reads see its own writes, an object read once is not read again, and a row that
 * exists is still read {@code FOR UPDATE} the first time the unit updates it. A rollback drops them all. Outside a
 * unit every operation is its own transaction, at once.
 */
public final class JdbcEmulatorStore implements EmulatorStore {

    public static final String DEFAULT_SCHEMA = "stripe_emulator";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String schema;
    private final JdbcTransactions transactions;
    private final JdbcObjects objects;
    private final JdbcIdempotency idempotency;

    /** A store in schema {@code stripe_emulator}, created if missing. */
    public JdbcEmulatorStore(DataSource dataSource) {
        this(dataSource, DEFAULT_SCHEMA);
    }

    /** A store in {@code schema} (lower-case letters, digits and {@code _}), created if missing. */
    public JdbcEmulatorStore(DataSource dataSource, String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        this.schema = schema;
        this.transactions = new JdbcTransactions(dataSource, schema);
        this.objects = new JdbcObjects(transactions, schema);
        this.idempotency = new JdbcIdempotency(transactions, schema);
        transactions.inTransaction(c -> {
            JdbcEmulatorSchema.create(c, schema);
            return null;
        });
    }

    public String schema() {
        return schema;
    }

    @Override
    public <T> T atomically(java.util.function.Supplier<T> work) {
        return transactions.atomically(work);
    }

    // ---- objects (see JdbcObjects)

    @Override
    public void insert(String kind, String id, Map<String, Object> object) {
        objects.insert(kind, id, object);
    }

    @Override
    public Optional<Map<String, Object>> find(String kind, String id) {
        return objects.find(kind, id);
    }

    @Override
    public Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change) {
        return objects.update(kind, id, change);
    }

    @Override
    public List<Map<String, Object>> list(String kind) {
        return objects.list(kind);
    }

    // ---- idempotency (see JdbcIdempotency)

    @Override
    public Claim claimIdempotent(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) {
        return idempotency.claim(apiKey, idempotencyKey, fingerprint, now, expiredBefore, abandonedBefore);
    }

    @Override
    public void completeIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response) {
        idempotency.complete(apiKey, idempotencyKey, response);
    }

    @Override
    public void releaseIdempotent(String apiKey, String idempotencyKey) {
        idempotency.release(apiKey, idempotencyKey);
    }

    // ---- webhook deliveries

    /** Within an {@link #atomically} unit the deliveries are stored with the unit's other writes, at its commit. */
    @Override
    public void addDeliveries(List<PendingDelivery> deliveries) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            deliveries.forEach(d -> u.deliveries.put(d.id(), d));
            return;
        }
        transactions.inTransaction(c -> {
            for (PendingDelivery d : deliveries) {
                execute(c, "INSERT INTO " + schema + ".webhook_deliveries (id, event_id, url, secret, payload, counted, "
                        + "attempt, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.eventId(), d.url(), d.secret(),
                        d.payload(), d.counted(), d.attempt(), Timestamp.from(d.dueAt()));
            }
            return null;
        });
    }

    @Override
    public List<PendingDelivery> claimDueDeliveries(Instant now, Instant leaseUntil, int max) {
        transactions.flushEarly();
        return transactions.inTransaction(c -> {
            List<PendingDelivery> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "UPDATE " + schema + ".webhook_deliveries SET due_at = ? WHERE id IN "
                    + "(SELECT id FROM " + schema + ".webhook_deliveries WHERE due_at <= ? ORDER BY due_at LIMIT ? "
                    + "FOR UPDATE SKIP LOCKED) RETURNING id, event_id, url, secret, payload, counted, attempt, due_at",
                    Timestamp.from(leaseUntil), Timestamp.from(now), max); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PendingDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getInt(7), rs.getTimestamp(8).toInstant()));
                }
            }
            return out;
        });
    }

    @Override
    public void retryDelivery(String id, int attempt, Instant dueAt) {
        transactions.flushEarly();
        transactions.withConnection(c -> execute(c, "UPDATE " + schema + ".webhook_deliveries SET attempt = ?, "
                + "due_at = ? WHERE id = ?", attempt, Timestamp.from(dueAt), id));
    }

    /** Within an {@link #atomically} unit the delivery is removed with the unit's other writes, at its commit. */
    @Override
    public void removeDelivery(String id) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            if (u.deliveries.remove(id) == null) {
                u.removedDeliveries.add(id);
            }
            return;
        }
        transactions.withConnection(c -> execute(c, "DELETE FROM " + schema + ".webhook_deliveries WHERE id = ?", id));
    }

    /**
     * {@code VACUUM (SKIP_LOCKED, TRUNCATE false)} of the two queue tables, outside any transaction (VACUUM cannot
     * run in one). A vacuum another process is running already is skipped, not waited for; the empty pages are kept
     * for the next deliveries: truncating them would take a lock that stops every insert meanwhile (the confirms).
     */
    @Override
    public void tidyQueues() {
        transactions.withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("VACUUM (SKIP_LOCKED, TRUNCATE false) " + schema + ".webhook_deliveries, " + schema + ".scheduled_transitions");
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    // ---- scheduled transitions

    /** Within an {@link #atomically} unit the transitions are stored with the unit's other writes, at its commit. */
    @Override
    public void scheduleTransitions(List<ScheduledTransition> transitions) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            transitions.forEach(t -> u.transitions.put(t.id(), t));
            return;
        }
        transactions.inTransaction(c -> {
            for (ScheduledTransition t : transitions) {
                execute(c, "INSERT INTO " + schema + ".scheduled_transitions (id, kind, object_id, action, due_at) "
                        + "VALUES (?, ?, ?, ?, ?)", t.id(), t.kind(), t.objectId(), t.action(),
                        Timestamp.from(t.dueAt()));
            }
            return null;
        });
    }

    @Override
    public List<ScheduledTransition> claimDueTransitions(Instant now, Instant leaseUntil, int max) {
        transactions.flushEarly();
        return transactions.inTransaction(c -> readTransitions(c, "UPDATE " + schema + ".scheduled_transitions "
                + "SET due_at = ? WHERE id IN (SELECT id FROM " + schema + ".scheduled_transitions WHERE due_at <= ? "
                + "ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, kind, object_id, action, due_at",
                Timestamp.from(leaseUntil), Timestamp.from(now), max));
    }

    /** Within an {@link #atomically} unit, with the unit's own transitions laid over the stored ones. */
    @Override
    public List<ScheduledTransition> transitionsOf(String kind, String objectId) {
        List<ScheduledTransition> stored = transactions.withConnection(c -> readTransitions(c, "SELECT id, kind, "
                + "object_id, action, due_at FROM " + schema + ".scheduled_transitions WHERE kind = ? "
                + "AND object_id = ? ORDER BY due_at", kind, objectId));
        JdbcUnit u = transactions.unit();
        if (u == null || u.transitions.isEmpty() && u.removedTransitions.isEmpty()) {
            return stored;
        }
        List<ScheduledTransition> out = new ArrayList<>(stored);
        out.removeIf(t -> u.removedTransitions.contains(t.id()));
        for (ScheduledTransition t : u.transitions.values()) {
            if (t.kind().equals(kind) && t.objectId().equals(objectId)) {
                out.add(t);
            }
        }
        out.sort(java.util.Comparator.comparing(ScheduledTransition::dueAt));
        return out;
    }

    private static List<ScheduledTransition> readTransitions(Connection c, String sql, Object... args)
            throws SQLException {
        List<ScheduledTransition> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ScheduledTransition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
            }
        }
        return out;
    }

    /** Within an {@link #atomically} unit the transition is removed with the unit's other writes, at its commit. */
    @Override
    public void removeTransition(String id) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            if (u.transitions.remove(id) == null) {
                u.removedTransitions.add(id);
            }
            return;
        }
        transactions.withConnection(c -> execute(c, "DELETE FROM " + schema + ".scheduled_transitions WHERE id = ?",
                id));
    }

    // ---- installation values

    @Override
    public String value(String name, Supplier<String> initial) {
        return transactions.withConnection(c -> {
            Optional<String> current = readValue(c, name);
            if (current.isPresent()) {
                return current.get();
            }
            execute(c, "INSERT INTO " + schema + ".installation (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    name, initial.get());
            return readValue(c, name).orElseThrow();
        });
    }

    private Optional<String> readValue(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT value FROM " + schema + ".installation WHERE name = ?", name);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }
}
