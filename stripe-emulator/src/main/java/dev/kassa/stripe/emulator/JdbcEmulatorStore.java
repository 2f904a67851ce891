package dev.kassa.stripe.emulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 */
public final class JdbcEmulatorStore implements EmulatorStore {

    public static final String DEFAULT_SCHEMA = "stripe_emulator";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String schema;

    /** A store in schema {@code stripe_emulator}, created if missing. */
    public JdbcEmulatorStore(DataSource dataSource) {
        this(dataSource, DEFAULT_SCHEMA);
    }

    /** A store in {@code schema} (lower-case letters, digits and {@code _}), created if missing. */
    public JdbcEmulatorStore(DataSource dataSource, String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        this.dataSource = dataSource;
        this.schema = schema;
        createSchema();
    }

    private void createSchema() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                // Concurrent CREATE ... IF NOT EXISTS can still collide; one process at a time.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + schema + "'))");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".objects (kind text NOT NULL, id text NOT NULL, "
                        + "seq bigserial NOT NULL, body text NOT NULL, PRIMARY KEY (kind, id))");
                s.execute("CREATE INDEX IF NOT EXISTS objects_kind_seq ON " + schema + ".objects (kind, seq)");
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".idempotency (api_key text NOT NULL, "
                        + "idempotency_key text NOT NULL, fingerprint text NOT NULL, created timestamptz NOT NULL, "
                        + "status integer, body text, PRIMARY KEY (api_key, idempotency_key))");
                s.execute("CREATE INDEX IF NOT EXISTS idempotency_created ON " + schema + ".idempotency (created)");
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".webhook_deliveries (id text PRIMARY KEY, "
                        + "event_id text NOT NULL, url text NOT NULL, secret text NOT NULL, payload text NOT NULL, "
                        + "counted boolean NOT NULL, attempt integer NOT NULL, due_at timestamptz NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON " + schema
                        + ".webhook_deliveries (due_at)");
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".installation (name text PRIMARY KEY, "
                        + "value text NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".scheduled_transitions (id text PRIMARY KEY, "
                        + "kind text NOT NULL, object_id text NOT NULL, action text NOT NULL, "
                        + "due_at timestamptz NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS scheduled_transitions_due ON " + schema
                        + ".scheduled_transitions (due_at)");
                s.execute("CREATE INDEX IF NOT EXISTS scheduled_transitions_object ON " + schema
                        + ".scheduled_transitions (kind, object_id)");
                // Objects and keys are updated right after their insert: room on the page keeps those updates HOT
                // (set once; a store made before this setting existed gets it here).
                for (String table : List.of("objects", "idempotency")) {
                    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_class WHERE oid = '" + schema + "." + table
                            + "'::regclass AND reloptions IS NOT NULL AND 'fillfactor=80' = ANY (reloptions)")) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                    s.execute("ALTER TABLE " + schema + "." + table + " SET (fillfactor = 80)");
                }
            }
            return null;
        });
    }

    public String schema() {
        return schema;
    }

    // ---- objects

    @Override
    public void insert(String kind, String id, Map<String, Object> object) {
        String body = Json.write(object);
        forgetList(kind);
        withConnection(c -> execute(c, "INSERT INTO " + schema + ".objects (kind, id, body) VALUES (?, ?, ?) "
                + "ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body", kind, id, body));
    }

    @Override
    public Optional<Map<String, Object>> find(String kind, String id) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT body FROM " + schema + ".objects WHERE kind = ? AND id = ?",
                    kind, id); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Json.readObject(rs.getString(1))) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change) {
        forgetList(kind);
        return inTransaction(c -> {
            Map<String, Object> current;
            try (PreparedStatement ps = prepare(c, "SELECT body FROM " + schema + ".objects WHERE kind = ? AND id = ? "
                    + "FOR UPDATE", kind, id); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                current = Json.readObject(rs.getString(1));
            }
            Map<String, Object> updated = change.apply(current);
            String body = Json.write(updated);
            execute(c, "UPDATE " + schema + ".objects SET body = ? WHERE kind = ? AND id = ?", body, kind, id);
            return Optional.of(Json.readObject(body));
        });
    }

    /**
     * Within an {@link #atomically} unit a kind is read once: every event of a request looks up the faults and the
     * webhook endpoints, and one request's look-ups may as well see the same rows. A write of the kind in the unit
     * reads it again.
     */
    @Override
    public List<Map<String, Object>> list(String kind) {
        Map<String, List<String>> cache = unitLists.get();
        List<String> bodies = cache == null ? null : cache.get(kind);
        if (bodies == null) {
            bodies = withConnection(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = prepare(c, "SELECT body FROM " + schema + ".objects WHERE kind = ? ORDER BY seq",
                        kind); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            if (cache != null) {
                cache.put(kind, bodies);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            out.add(Json.readObject(body));
        }
        return out;
    }

    private void forgetList(String kind) {
        Map<String, List<String>> cache = unitLists.get();
        if (cache != null) {
            cache.remove(kind);
        }
    }

    // ---- idempotency

    /**
     * Within an {@link #atomically} unit (the emulator's idempotent requests) the claim is a transaction-scoped
     * advisory lock on the key plus the key's row, both ending with the unit: a concurrent request with the key,
     * on any process, finds the lock taken and gets {@link Claim.InProgress}; the row commits with the request's
     * writes and its response, or not at all. Outside a unit the row commits at once, status null until completed.
     * Only this key's expired or abandoned record is deleted here (a primary-key look-up); older keys are swept
     * at most once per {@link #SWEEP_INTERVAL_MILLIS} by the {@code created} index.
     */
    @Override
    public Claim claimIdempotent(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) {
        return inTransaction(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT pg_try_advisory_xact_lock(hashtextextended(? || ' ' || ?, "
                    + LOCK_SEED + "))", apiKey, idempotencyKey); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new Claim.InProgress();
                }
            }
            sweepExpired(c, expiredBefore);
            execute(c, "DELETE FROM " + schema + ".idempotency WHERE api_key = ? AND idempotency_key = ? AND "
                    + "(created < ? OR (status IS NULL AND created < ?))", apiKey, idempotencyKey,
                    Timestamp.from(expiredBefore), Timestamp.from(abandonedBefore));
            int inserted = execute(c, "INSERT INTO " + schema + ".idempotency (api_key, idempotency_key, fingerprint, "
                    + "created) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", apiKey, idempotencyKey, fingerprint,
                    Timestamp.from(now));
            if (inserted == 1) {
                return new Claim.Claimed();
            }
            try (PreparedStatement ps = prepare(c, "SELECT fingerprint, status, body FROM " + schema + ".idempotency "
                    + "WHERE api_key = ? AND idempotency_key = ?", apiKey, idempotencyKey);
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Released between our insert attempt and this read: answer 409; a retry claims it.
                    return new Claim.InProgress();
                }
                int status = rs.getInt(2);
                return rs.wasNull() ? new Claim.InProgress()
                        : new Claim.Completed(new IdempotentResponse(rs.getString(1), status, rs.getString(3)));
            }
        });
    }

    /** Seed of the 64-bit key hash of the idempotency advisory locks (apart from other users of advisory locks). */
    private static final long LOCK_SEED = 0x5743_7249_7065L;
    static final long SWEEP_INTERVAL_MILLIS = 60_000;
    private final java.util.concurrent.atomic.AtomicLong nextSweep = new java.util.concurrent.atomic.AtomicLong();

    private void sweepExpired(Connection c, Instant expiredBefore) throws SQLException {
        long now = System.currentTimeMillis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            execute(c, "DELETE FROM " + schema + ".idempotency WHERE created < ?", Timestamp.from(expiredBefore));
        }
    }

    @Override
    public void completeIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response) {
        withConnection(c -> execute(c, "UPDATE " + schema + ".idempotency SET status = ?, body = ?, fingerprint = ? "
                + "WHERE api_key = ? AND idempotency_key = ?", response.status(), response.body(),
                response.fingerprint(), apiKey, idempotencyKey));
    }

    @Override
    public void releaseIdempotent(String apiKey, String idempotencyKey) {
        withConnection(c -> execute(c, "DELETE FROM " + schema + ".idempotency WHERE api_key = ? AND "
                + "idempotency_key = ? AND status IS NULL", apiKey, idempotencyKey));
    }

    // ---- webhook deliveries

    @Override
    public void addDeliveries(List<PendingDelivery> deliveries) {
        inTransaction(c -> {
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
        return inTransaction(c -> {
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
        withConnection(c -> execute(c, "UPDATE " + schema + ".webhook_deliveries SET attempt = ?, due_at = ? WHERE id = ?",
                attempt, Timestamp.from(dueAt), id));
    }

    @Override
    public void removeDelivery(String id) {
        withConnection(c -> execute(c, "DELETE FROM " + schema + ".webhook_deliveries WHERE id = ?", id));
    }

    // ---- scheduled transitions

    @Override
    public void scheduleTransitions(List<ScheduledTransition> transitions) {
        inTransaction(c -> {
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
        return inTransaction(c -> readTransitions(c, "UPDATE " + schema + ".scheduled_transitions SET due_at = ? "
                + "WHERE id IN (SELECT id FROM " + schema + ".scheduled_transitions WHERE due_at <= ? ORDER BY due_at "
                + "LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, kind, object_id, action, due_at",
                Timestamp.from(leaseUntil), Timestamp.from(now), max));
    }

    @Override
    public List<ScheduledTransition> transitionsOf(String kind, String objectId) {
        return withConnection(c -> readTransitions(c, "SELECT id, kind, object_id, action, due_at FROM " + schema
                + ".scheduled_transitions WHERE kind = ? AND object_id = ? ORDER BY due_at", kind, objectId));
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

    @Override
    public void removeTransition(String id) {
        withConnection(c -> execute(c, "DELETE FROM " + schema + ".scheduled_transitions WHERE id = ?", id));
    }

    // ---- installation values

    @Override
    public String value(String name, Supplier<String> initial) {
        return withConnection(c -> {
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

    // ---- JDBC plumbing

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The connection of the {@link #atomically} unit this thread runs in, if any. */
    private final ThreadLocal<Connection> unit = new ThreadLocal<>();
    /** {@link #list} results of the unit this thread runs in, by kind (raw bodies). */
    private final ThreadLocal<Map<String, List<String>>> unitLists = new ThreadLocal<>();

    @Override
    public <T> T atomically(java.util.function.Supplier<T> work) {
        if (unit.get() != null) {
            return work.get();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            unit.set(c);
            unitLists.set(new java.util.HashMap<>());
            try {
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                unit.remove();
                unitLists.remove();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} on the thread's {@link #atomically} connection (its unit commits), else on a pooled
     * connection; one whose auto-commit is off is committed (or rolled back).
     */
    private <T> T withConnection(Work<T> work) {
        Connection current = unit.get();
        if (current != null) {
            try {
                return work.run(current);
            } catch (SQLException e) {
                throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return c.getAutoCommit() ? work.run(c) : committed(c, work);
        } catch (SQLException e) {
            throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction (the thread's {@link #atomically} unit when there is one). */
    private <T> T inTransaction(Work<T> work) {
        if (unit.get() != null) {
            return withConnection(work);
        }
        return withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                return committed(c, work);
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    private static <T> T committed(Connection c, Work<T> work) throws SQLException {
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }
}
