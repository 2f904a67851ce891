package dev.kassa.stripe.emulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Within an {@link #atomically} unit the write is kept in the unit (write-behind) and stored with the others at
     * commit, in one statement (see {@link #flush}); outside a unit it is stored at once.
     */
    @Override
    public void insert(String kind, String id, Map<String, Object> object) {
        String body = Json.write(object);
        Unit u = unit.get();
        if (u != null) {
            u.writes.put(new Key(kind, id), body);
            return;
        }
        withConnection(c -> execute(c, "INSERT INTO " + schema + ".objects (kind, id, body) VALUES (?, ?, ?) "
                + "ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body", kind, id, body));
    }

    /**
     * Within an {@link #atomically} unit an object the unit wrote is answered from the unit, and one it has read
     * (by id or in a {@link #list}) is not read again.
     */
    @Override
    public Optional<Map<String, Object>> find(String kind, String id) {
        Unit u = unit.get();
        if (u != null) {
            Key key = new Key(kind, id);
            String body = u.seen(key);
            if (body == null) {
                body = withConnection(c -> readBody(c, kind, id, false));
                if (body != null) {
                    u.read.put(key, body);
                }
            }
            return body == null ? Optional.empty() : Optional.of(Json.readObject(body));
        }
        return Optional.ofNullable(withConnection(c -> readBody(c, kind, id, false))).map(Json::readObject);
    }

    /**
     * Within an {@link #atomically} unit the row is read {@code FOR UPDATE} the first time the unit changes it (an
     * object the unit inserted needs no lock: no one else sees it before the commit), and the new body is kept in
     * the unit until its commit, like an {@link #insert}.
     */
    @Override
    public Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change) {
        Unit u = unit.get();
        if (u != null) {
            Key key = new Key(kind, id);
            String current = u.writes.get(key);
            if (current == null && u.locked.contains(key)) {
                current = u.read.get(key);
            }
            if (current == null) {
                current = withConnection(c -> readBody(c, kind, id, true));
                if (current == null) {
                    return Optional.empty();
                }
                u.locked.add(key);
                u.read.put(key, current);
            }
            String body = Json.write(change.apply(Json.readObject(current)));
            u.writes.put(key, body);
            return Optional.of(Json.readObject(body));
        }
        return inTransaction(c -> {
            String current = readBody(c, kind, id, true);
            if (current == null) {
                return Optional.empty();
            }
            Map<String, Object> updated = change.apply(Json.readObject(current));
            String body = Json.write(updated);
            execute(c, "UPDATE " + schema + ".objects SET body = ? WHERE kind = ? AND id = ?", body, kind, id);
            return Optional.of(Json.readObject(body));
        });
    }

    private String readBody(Connection c, String kind, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT body FROM " + schema + ".objects WHERE kind = ? AND id = ?"
                + (forUpdate ? " FOR UPDATE" : ""), kind, id); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Kinds that a unit reads in one statement when it first lists one of them: every event a request emits looks up
     * the faults (lost webhooks) and then the webhook endpoints, both a handful of rows.
     */
    private static final List<String> LISTED_TOGETHER = List.of(Faults.KIND, Events.ENDPOINT_KIND);

    /**
     * Within an {@link #atomically} unit a kind is read once (and the faults and webhook endpoints together, see
     * {@link #LISTED_TOGETHER}): every event of a request looks up the faults and the webhook endpoints, and one
     * request's look-ups may as well see the same rows. The unit's own writes of the kind are laid over those rows
     * (an object new to the kind comes last, in the order the unit inserted it).
     */
    @Override
    public List<Map<String, Object>> list(String kind) {
        Unit u = unit.get();
        if (u == null) {
            return withConnection(c -> {
                List<Map<String, Object>> out = new ArrayList<>();
                try (PreparedStatement ps = prepare(c, "SELECT body FROM " + schema + ".objects WHERE kind = ? "
                        + "ORDER BY seq", kind); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Json.readObject(rs.getString(1)));
                    }
                }
                return out;
            });
        }
        Map<String, String> stored = u.lists.get(kind);
        if (stored == null) {
            List<String> kinds = LISTED_TOGETHER.contains(kind) ? LISTED_TOGETHER.stream()
                    .filter(k -> k.equals(kind) || !u.lists.containsKey(k)).toList() : List.of(kind);
            Map<String, Map<String, String>> read = withConnection(c -> {
                Map<String, Map<String, String>> rows = new HashMap<>();
                kinds.forEach(k -> rows.put(k, new LinkedHashMap<>()));
                try (PreparedStatement ps = prepare(c, "SELECT kind, id, body FROM " + schema + ".objects "
                        + "WHERE kind = ANY (?::text[]) ORDER BY seq", texts(c, kinds));
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.get(rs.getString(1)).put(rs.getString(2), rs.getString(3));
                    }
                }
                return rows;
            });
            u.lists.putAll(read);
            stored = read.get(kind);
        }
        List<Map<String, Object>> out = new ArrayList<>(stored.size());
        for (Map.Entry<String, String> row : stored.entrySet()) {
            String written = u.writes.get(new Key(kind, row.getKey()));
            out.add(Json.readObject(written != null ? written : row.getValue()));
        }
        for (Map.Entry<Key, String> written : u.writes.entrySet()) {
            if (written.getKey().kind().equals(kind) && !stored.containsKey(written.getKey().id())) {
                out.add(Json.readObject(written.getValue()));
            }
        }
        return out;
    }

    // ---- idempotency

    /**
     * Within an {@link #atomically} unit (the emulator's idempotent requests) the claim is a transaction-scoped
     * advisory lock on the key plus the key's row, both ending with the unit: a concurrent request with the key,
     * on any process, finds the lock taken and gets {@link Claim.InProgress}; the row commits with the request's
     * writes and its response, or not at all. Outside a unit the row commits at once, status null until completed.
     * Only this key's expired or abandoned record is replaced here (a primary-key look-up); older keys are swept
     * at most once per {@link #SWEEP_INTERVAL_MILLIS} by the {@code created} index.
     */
    @Override
    public Claim claimIdempotent(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) {
        if (unit.get() != null) {
            return withConnection(c -> claimInUnit(c, apiKey, idempotencyKey, fingerprint, now, expiredBefore,
                    abandonedBefore));
        }
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
            return recorded(c, apiKey, idempotencyKey);
        });
    }

    /**
     * The claim in a unit, in one statement: the try-lock; when it is had, the row inserted, or put in place of an
     * expired or abandoned one (the {@code ON CONFLICT} arbiter sees rows committed after the statement's snapshot
     * too, so a request that committed and let go of the lock just before cannot be missed); and the row as the
     * statement's snapshot shows it, for the answer when the key is taken. Only when that snapshot predates the
     * record that won (it committed while this statement started) is the row read again.
     */
    private Claim claimInUnit(Connection c, String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore) throws SQLException {
        sweepExpired(c, expiredBefore);
        Timestamp expired = Timestamp.from(expiredBefore);
        Timestamp abandoned = Timestamp.from(abandonedBefore);
        try (PreparedStatement ps = prepare(c, "WITH l AS (SELECT pg_try_advisory_xact_lock(hashtextextended("
                + "? || ' ' || ?, " + LOCK_SEED + ")) AS got), "
                + "c AS (INSERT INTO " + schema + ".idempotency AS t (api_key, idempotency_key, fingerprint, created) "
                + "SELECT ?, ?, ?, ?::timestamptz FROM l WHERE l.got ON CONFLICT (api_key, idempotency_key) DO UPDATE "
                + "SET fingerprint = excluded.fingerprint, created = excluded.created, status = NULL, body = NULL "
                + "WHERE t.created < ? OR (t.status IS NULL AND t.created < ?) RETURNING 1) "
                + "SELECT l.got, EXISTS (SELECT 1 FROM c), i.fingerprint, i.status, i.body, i.created FROM l "
                + "LEFT JOIN " + schema + ".idempotency i ON i.api_key = ? AND i.idempotency_key = ?",
                apiKey, idempotencyKey, apiKey, idempotencyKey, fingerprint, Timestamp.from(now), expired, abandoned,
                apiKey, idempotencyKey); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return new Claim.InProgress();
            }
            if (rs.getBoolean(2)) {
                return new Claim.Claimed();
            }
            String recordedFingerprint = rs.getString(3);
            int status = rs.getInt(4);
            boolean inProgress = rs.wasNull();
            String body = rs.getString(5);
            Timestamp created = rs.getTimestamp(6);
            if (recordedFingerprint != null && !created.before(expired) && !(inProgress && created.before(abandoned))) {
                return inProgress ? new Claim.InProgress()
                        : new Claim.Completed(new IdempotentResponse(recordedFingerprint, status, body));
            }
        }
        return recorded(c, apiKey, idempotencyKey);
    }

    /** The key's record as it now stands, for a claim that found the key taken. */
    private Claim recorded(Connection c, String apiKey, String idempotencyKey) throws SQLException {
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

    /** Within an {@link #atomically} unit the response is stored with the unit's other writes, at its commit. */
    @Override
    public void completeIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response) {
        Unit u = unit.get();
        if (u != null) {
            u.completions.put(List.of(apiKey, idempotencyKey), response);
            return;
        }
        withConnection(c -> execute(c, "UPDATE " + schema + ".idempotency SET status = ?, body = ?, fingerprint = ? "
                + "WHERE api_key = ? AND idempotency_key = ?", response.status(), response.body(),
                response.fingerprint(), apiKey, idempotencyKey));
    }

    @Override
    public void releaseIdempotent(String apiKey, String idempotencyKey) {
        Unit u = unit.get();
        if (u != null) {
            u.completions.remove(List.of(apiKey, idempotencyKey));
        }
        withConnection(c -> execute(c, "DELETE FROM " + schema + ".idempotency WHERE api_key = ? AND "
                + "idempotency_key = ? AND status IS NULL", apiKey, idempotencyKey));
    }

    // ---- webhook deliveries

    /** Within an {@link #atomically} unit the deliveries are stored with the unit's other writes, at its commit. */
    @Override
    public void addDeliveries(List<PendingDelivery> deliveries) {
        Unit u = unit.get();
        if (u != null) {
            deliveries.forEach(d -> u.deliveries.put(d.id(), d));
            return;
        }
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
        flushEarly();
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
        flushEarly();
        withConnection(c -> execute(c, "UPDATE " + schema + ".webhook_deliveries SET attempt = ?, due_at = ? WHERE id = ?",
                attempt, Timestamp.from(dueAt), id));
    }

    /** Within an {@link #atomically} unit the delivery is removed with the unit's other writes, at its commit. */
    @Override
    public void removeDelivery(String id) {
        Unit u = unit.get();
        if (u != null) {
            if (u.deliveries.remove(id) == null) {
                u.removedDeliveries.add(id);
            }
            return;
        }
        withConnection(c -> execute(c, "DELETE FROM " + schema + ".webhook_deliveries WHERE id = ?", id));
    }

    // ---- scheduled transitions

    /** Within an {@link #atomically} unit the transitions are stored with the unit's other writes, at its commit. */
    @Override
    public void scheduleTransitions(List<ScheduledTransition> transitions) {
        Unit u = unit.get();
        if (u != null) {
            transitions.forEach(t -> u.transitions.put(t.id(), t));
            return;
        }
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
        flushEarly();
        return inTransaction(c -> readTransitions(c, "UPDATE " + schema + ".scheduled_transitions SET due_at = ? "
                + "WHERE id IN (SELECT id FROM " + schema + ".scheduled_transitions WHERE due_at <= ? ORDER BY due_at "
                + "LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, kind, object_id, action, due_at",
                Timestamp.from(leaseUntil), Timestamp.from(now), max));
    }

    /** Within an {@link #atomically} unit, with the unit's own transitions laid over the stored ones. */
    @Override
    public List<ScheduledTransition> transitionsOf(String kind, String objectId) {
        List<ScheduledTransition> stored = withConnection(c -> readTransitions(c, "SELECT id, kind, object_id, "
                + "action, due_at FROM " + schema + ".scheduled_transitions WHERE kind = ? AND object_id = ? "
                + "ORDER BY due_at", kind, objectId));
        Unit u = unit.get();
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
        Unit u = unit.get();
        if (u != null) {
            if (u.transitions.remove(id) == null) {
                u.removedTransitions.add(id);
            }
            return;
        }
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

    /** An object's primary key. */
    private record Key(String kind, String id) {
    }

    /**
     * What one {@link #atomically} unit has read and not yet written: its connection (one transaction), the rows it
     * read, and its writes, stored at its commit (or dropped with its rollback).
     */
    private static final class Unit {

        final Connection connection;
        /** Rows read by {@link #list}, by kind: id to body, in {@code seq} order, as the unit first read them. */
        final Map<String, Map<String, String>> lists = new HashMap<>();
        /** Bodies read by {@link #find} or {@code FOR UPDATE} (as stored: the unit's own writes are in writes). */
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

        Unit(Connection connection) {
            this.connection = connection;
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
    }

    /** The {@link #atomically} unit this thread runs in, if any. */
    private final ThreadLocal<Unit> unit = new ThreadLocal<>();

    @Override
    public <T> T atomically(java.util.function.Supplier<T> work) {
        if (unit.get() != null) {
            return work.get();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            Unit u = new Unit(c);
            unit.set(u);
            boolean committed = false;
            try {
                T result = work.get();
                flush(u);
                c.commit();
                committed = true;
                return result;
            } finally {
                unit.remove();
                if (!committed) {
                    rollBack(c);
                }
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
        }
    }

    /** Rolls back after a failure; a failure of the rollback itself does not hide the first one. */
    private static void rollBack(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is closed next; the first failure is the one to report
        }
    }

    /**
     * Stores a unit's writes, in one statement: the objects in one {@code INSERT ... SELECT FROM unnest(...)} (new
     * rows take their {@code seq} in the order the unit first wrote them; a row that exists keeps its own), and
     * beside it, as data-modifying {@code WITH} parts of that statement, the idempotency responses and the
     * webhook deliveries and scheduled transitions added or removed. The unit goes on afterwards as if it had
     * read what it wrote (an early flush, before a statement that must see the rows, keeps their locks).
     */
    private void flush(Unit u) throws SQLException {
        if (!u.hasWrites()) {
            return;
        }
        Connection c = u.connection;
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!u.writes.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            u.writes.forEach((key, body) -> {
                kinds.add(key.kind());
                ids.add(key.id());
                bodies.add(body);
            });
            parts.add("INSERT INTO " + schema + ".objects (kind, id, body) SELECT u.kind, u.id, u.body "
                    + "FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u (kind, id, body, n) "
                    + "ORDER BY u.n ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body");
            args.addAll(List.of(texts(c, kinds), texts(c, ids), texts(c, bodies)));
        }
        if (!u.completions.isEmpty()) {
            List<String> apiKeys = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            u.completions.forEach((key, response) -> {
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
        if (!u.deliveries.isEmpty()) {
            List<List<String>> columns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                columns.add(new ArrayList<>());
            }
            for (PendingDelivery d : u.deliveries.values()) {
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
        if (!u.removedDeliveries.isEmpty()) {
            parts.add("DELETE FROM " + schema + ".webhook_deliveries WHERE id = ANY (?::text[])");
            args.add(texts(c, new ArrayList<>(u.removedDeliveries)));
        }
        if (!u.transitions.isEmpty()) {
            List<List<String>> columns = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                columns.add(new ArrayList<>());
            }
            for (ScheduledTransition t : u.transitions.values()) {
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
        if (!u.removedTransitions.isEmpty()) {
            parts.add("DELETE FROM " + schema + ".scheduled_transitions WHERE id = ANY (?::text[])");
            args.add(texts(c, new ArrayList<>(u.removedTransitions)));
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            sql.append(i == 0 ? "WITH " : ", ").append('w').append(i).append(" AS (").append(parts.get(i))
                    .append(") ");
        }
        sql.append(parts.getLast());
        execute(c, sql.toString(), args.toArray());
        u.writes.forEach((key, body) -> {
            u.read.put(key, body);
            u.locked.add(key);
            u.lists.remove(key.kind());
        });
        u.writes.clear();
        u.completions.clear();
        u.deliveries.clear();
        u.removedDeliveries.clear();
        u.transitions.clear();
        u.removedTransitions.clear();
    }

    /** Before a statement that must see the thread's unit's writes: stores them now (the unit goes on). */
    private void flushEarly() {
        Unit u = unit.get();
        if (u != null) {
            try {
                flush(u);
            } catch (SQLException e) {
                throw new IllegalStateException("Stripe emulator store: " + e.getMessage(), e);
            }
        }
    }

    private static java.sql.Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(String[]::new));
    }

    /**
     * Runs {@code work} on the thread's {@link #atomically} connection (its unit commits), else on a pooled
     * connection; one whose auto-commit is off is committed (or rolled back).
     */
    private <T> T withConnection(Work<T> work) {
        Unit current = unit.get();
        if (current != null) {
            try {
                return work.run(current.connection);
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
