package dev.kassa.stripe.emulator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of a {@link JdbcEmulatorStore}, created by the store itself ({@code CREATE SCHEMA/TABLE IF NOT
 * EXISTS}, under an advisory lock), so that it needs no migration tool of the application's.
 */
final class JdbcEmulatorSchema {

    private JdbcEmulatorSchema() {
    }

    /** Creates what is missing of {@code schema}, in the transaction of {@code c}. */
    static void create(Connection c, String schema) throws SQLException {
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
    }
}
