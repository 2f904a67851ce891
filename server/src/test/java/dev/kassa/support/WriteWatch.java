package dev.kassa.support;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sees every committed row change of the watched organizations: a row trigger on each table records the table, the
 * operation, the organization the row belongs to (its own {@code organization_id}, or its parent's) and the columns
 * an update changed. Only committed writes are seen, so a request whose transaction rolled back leaves no trace.
 * Tables of the HTTP layer itself (idempotency keys, rate limit windows) and of the migrations are not watched.
 */
public final class WriteWatch implements AutoCloseable {

    public record Write(long id, String table, String operation, String organization, String rowId, String changed) {
        @Override
        public String toString() {
            return operation + " " + table + " " + rowId + (changed == null ? "" : " [" + changed + "]");
        }
    }

    private static final Set<String> UNWATCHED = Set.of("flyway_schema_history", "idempotency_keys", "kassa_fuzz_writes",
            "signing_keys");
    private static final List<String[]> PARENTS = List.of(
            new String[] {"checkout_id", "checkouts"}, new String[] {"product_id", "products"},
            new String[] {"order_id", "orders"}, new String[] {"discount_id", "discounts"},
            new String[] {"customer_id", "customers"}, new String[] {"subscription_id", "subscriptions"},
            new String[] {"checkout_link_id", "checkout_links"}, new String[] {"renewal_id", "renewals"});

    private final JdbcClient jdbc;
    private final JdbcTemplate ddl;
    private final List<String> tables;
    private long seen;

    public WriteWatch(JdbcTemplate ddl) {
        this.ddl = ddl;
        this.jdbc = JdbcClient.create(ddl);
        ddl.execute("""
                CREATE TABLE IF NOT EXISTS kassa_fuzz_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL,
                    org text, row_id text, changed text)""");
        StringBuilder lookups = new StringBuilder();
        for (String[] parent : PARENTS) {
            lookups.append("  IF org IS NULL AND r->>'").append(parent[0])
                    .append("' IS NOT NULL THEN SELECT p.organization_id::text INTO org FROM ").append(parent[1])
                    .append(" p WHERE p.id = (r->>'").append(parent[0]).append("')::uuid; END IF;\n");
        }
        ddl.execute("""
                CREATE OR REPLACE FUNCTION kassa_fuzz_record() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                  r jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
                  org text := r->>'organization_id';
                  changed text;
                BEGIN
                  IF org IS NULL AND TG_TABLE_NAME = 'organizations' THEN org := r->>'id'; END IF;
                """ + lookups + """
                  IF TG_OP = 'UPDATE' THEN
                    SELECT string_agg(n.key, ',' ORDER BY n.key) INTO changed FROM jsonb_each(to_jsonb(NEW)) n
                      WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key;
                  END IF;
                  INSERT INTO kassa_fuzz_writes (tbl, op, org, row_id, changed) VALUES (TG_TABLE_NAME, TG_OP, org, r->>'id', changed);
                  RETURN NULL;
                END $$""");
        tables = jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                .query(String.class).list().stream()
                .filter(table -> !UNWATCHED.contains(table) && !table.startsWith("rate_limit"))
                .toList();
        for (String table : tables) {
            ddl.execute("DROP TRIGGER IF EXISTS kassa_fuzz_watch ON " + table);
            ddl.execute("CREATE TRIGGER kassa_fuzz_watch AFTER INSERT OR UPDATE OR DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION kassa_fuzz_record()");
        }
        seen = latest();
    }

    private long latest() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM kassa_fuzz_writes").query(Long.class).single();
    }

    /** The writes committed since the last call that belong to {@code organizations} or to no known organization. */
    public List<Write> since(Set<UUID> organizations) {
        List<Write> writes = jdbc.sql("SELECT id, tbl, op, org, row_id, changed FROM kassa_fuzz_writes WHERE id > ? ORDER BY id")
                .param(seen)
                .query((rs, row) -> new Write(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
        if (!writes.isEmpty()) {
            seen = writes.getLast().id();
        }
        Set<String> orgs = organizations.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet());
        return writes.stream().filter(write -> !byDeliveryWorker(write)).filter(write -> write.organization() == null ? !"stripe_events".equals(write.table())
                || write.rowId() != null && write.rowId().startsWith("evt_fuzz") : orgs.contains(write.organization())).toList();
    }

    /** The webhook delivery worker's own bookkeeping, which runs on its schedule whatever the requests do. */
    private static boolean byDeliveryWorker(Write write) {
        return write.table().equals("webhook_deliveries") || write.table().equals("webhook_events") && write.operation().equals("UPDATE");
    }

    /** Waits until no write has been committed for {@code quietMillis} (at most {@code maxMillis}), then forgets them. */
    public void settle(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        long last = latest();
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(25);
            long now = latest();
            if (now != last) {
                last = now;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince >= quietMillis) {
                break;
            }
        }
        seen = latest();
    }

    @Override
    public void close() {
        for (String table : tables) {
            ddl.execute("DROP TRIGGER IF EXISTS kassa_fuzz_watch ON " + table);
        }
        ddl.execute("DROP FUNCTION IF EXISTS kassa_fuzz_record()");
        ddl.execute("DROP TABLE IF EXISTS kassa_fuzz_writes");
    }
}
