package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Jdbc.execute;
import static dev.kassa.stripe.emulator.Jdbc.prepare;
import static dev.kassa.stripe.emulator.Jdbc.texts;

import dev.kassa.stripe.emulator.JdbcUnit.Key;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Stripe objects of a {@link JdbcEmulatorStore}, table {@code objects (kind, id, seq, body)}: within an
 * {@link JdbcEmulatorStore#atomically} unit the unit's reads see its own writes, an object read once is not read
 * again, and a row that exists is still read {@code FOR UPDATE} the first time the unit updates it.
 */
final class JdbcObjects {

    private final JdbcTransactions transactions;
    private final String schema;

    JdbcObjects(JdbcTransactions transactions, String schema) {
        this.transactions = transactions;
        this.schema = schema;
    }

    /**
     * Within an {@link JdbcEmulatorStore#atomically} unit the write is kept in the unit (write-behind) and stored
     * with the others at commit, in one statement (see {@link JdbcUnit#flush}); outside a unit it is stored at once.
     */
    void insert(String kind, String id, Map<String, Object> object) {
        String body = Json.write(object);
        JdbcUnit u = transactions.unit();
        if (u != null) {
            u.writes.put(new Key(kind, id), body);
            return;
        }
        transactions.withConnection(c -> execute(c, "INSERT INTO " + schema + ".objects (kind, id, body) "
                + "VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body", kind, id, body));
    }

    /**
     * Within an {@link JdbcEmulatorStore#atomically} unit an object the unit wrote is answered from the unit, and
     * one it has read (by id or in a {@link #list}) is not read again.
     */
    Optional<Map<String, Object>> find(String kind, String id) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            Key key = new Key(kind, id);
            String body = u.seen(key);
            if (body == null) {
                body = transactions.withConnection(c -> readBody(c, kind, id, false));
                if (body != null) {
                    u.read.put(key, body);
                }
            }
            return body == null ? Optional.empty() : Optional.of(Json.readObject(body));
        }
        return Optional.ofNullable(transactions.withConnection(c -> readBody(c, kind, id, false)))
                .map(Json::readObject);
    }

    /**
     * Within an {@link JdbcEmulatorStore#atomically} unit the row is read {@code FOR UPDATE} the first time the
     * unit changes it (an object the unit inserted needs no lock: no one else sees it before the commit), and the
     * new body is kept in the unit until its commit, like an {@link #insert}.
     */
    Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change) {
        JdbcUnit u = transactions.unit();
        if (u != null) {
            Key key = new Key(kind, id);
            String current = u.writes.get(key);
            if (current == null && u.locked.contains(key)) {
                current = u.read.get(key);
            }
            if (current == null) {
                current = transactions.withConnection(c -> readBody(c, kind, id, true));
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
        return transactions.inTransaction(c -> {
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
     * Within an {@link JdbcEmulatorStore#atomically} unit a kind is read once (and the faults and webhook
     * endpoints together, see {@link #LISTED_TOGETHER}): every event of a request looks up the faults and the
     * webhook endpoints, and one request's look-ups may as well see the same rows. The unit's own writes of the
     * kind are laid over those rows (an object new to the kind comes last, in the order the unit inserted it).
     */
    List<Map<String, Object>> list(String kind) {
        JdbcUnit u = transactions.unit();
        if (u == null) {
            return transactions.withConnection(c -> {
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
            Map<String, Map<String, String>> read = transactions.withConnection(c -> {
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
}
