package dev.kassa.webhook;

import dev.kassa.platform.db.LikePatterns;
import dev.kassa.platform.web.PageRequest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All of the webhook domain's SQL: endpoints, the event outbox, and delivery attempts. */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- endpoints

    void insertEndpoint(Endpoint e) {
        jdbc.sql("""
                INSERT INTO webhook_endpoints (id, organization_id, url, name, format, secret, events, api_version, enabled,
                    disabled_reason, created_at)
                VALUES (:id, :organizationId, :url, :name, :format, :secret, :events, :apiVersion, :enabled, :disabledReason,
                    :createdAt)
                """)
                .params(columns(e))
                .param("organizationId", e.organizationId())
                .param("createdAt", Timestamp.from(e.createdAt()))
                .update();
    }

    void updateEndpoint(Endpoint e) {
        jdbc.sql("""
                UPDATE webhook_endpoints SET url = :url, name = :name, format = :format, secret = :secret, events = :events,
                    api_version = :apiVersion, enabled = :enabled, disabled_reason = :disabledReason, modified_at = :modifiedAt
                WHERE id = :id
                """)
                .params(columns(e))
                .param("modifiedAt", Timestamp.from(e.modifiedAt()))
                .update();
    }

    private static Map<String, Object> columns(Endpoint e) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", e.id());
        params.put("url", e.url());
        params.put("name", e.name());
        params.put("format", e.format().wireName());
        params.put("secret", e.secret());
        params.put("events", e.events().toArray(String[]::new));
        params.put("apiVersion", e.apiVersion());
        params.put("enabled", e.enabled());
        params.put("disabledReason", e.disabledReason());
        return params;
    }

    Optional<Endpoint> findEndpoint(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT * FROM webhook_endpoints WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL")
                .param("id", id).param("organizationId", organizationId)
                .query(WebhookRepository::endpoint).optional();
    }

    /** Locks the endpoint row: updates, secret resets and deletes of one endpoint run one at a time. */
    Optional<Endpoint> findEndpointForUpdate(UUID organizationId, UUID id) {
        return jdbc.sql("""
                SELECT * FROM webhook_endpoints WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL
                FOR UPDATE
                """)
                .param("id", id).param("organizationId", organizationId)
                .query(WebhookRepository::endpoint).optional();
    }

    long countEndpoints(UUID organizationId) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE organization_id = :organizationId AND deleted_at IS NULL")
                .param("organizationId", organizationId).query(Long.class).single();
    }

    List<Endpoint> listEndpoints(UUID organizationId, PageRequest page) {
        return jdbc.sql("""
                SELECT * FROM webhook_endpoints WHERE organization_id = :organizationId AND deleted_at IS NULL
                ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
                """)
                .param("organizationId", organizationId).param("limit", page.limit()).param("offset", page.offset())
                .query(WebhookRepository::endpoint).list();
    }

    /** Every live endpoint of the installation, for the operator's view. */
    List<Endpoint> listAllEndpoints() {
        return jdbc.sql("SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY organization_id, created_at, id")
                .query(WebhookRepository::endpoint).list();
    }

    void softDeleteEndpoint(UUID id, Instant now) {
        jdbc.sql("UPDATE webhook_endpoints SET deleted_at = :now, modified_at = :now, enabled = false WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** The organization's enabled endpoints, oldest first. */
    List<Endpoint> enabledEndpoints(UUID organizationId) {
        return jdbc.sql("""
                SELECT * FROM webhook_endpoints
                WHERE organization_id = :organizationId AND enabled AND deleted_at IS NULL
                ORDER BY created_at, id
                """)
                .param("organizationId", organizationId)
                .query(WebhookRepository::endpoint).list();
    }

    /** Whether an enabled raw-format endpoint of the organization subscribes to {@code type}. */
    boolean rawSubscriber(UUID organizationId, String type) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM webhook_endpoints
                    WHERE organization_id = :organizationId AND enabled AND deleted_at IS NULL AND format = 'raw'
                      AND :type = ANY(events))
                """)
                .param("organizationId", organizationId).param("type", type).query(Boolean.class).single();
    }

    /** Kassa disables an endpoint itself: the reason is kept, and what was still to send is skipped. */
    void disableEndpoint(UUID id, String reason, Instant now) {
        jdbc.sql("""
                UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, modified_at = :now
                WHERE id = :id AND enabled
                """)
                .param("id", id).param("reason", reason).param("now", Timestamp.from(now)).update();
        skipPending(id, now);
    }

    /** Events still to send to an endpoint that no longer takes them (disabled or deleted). */
    int skipPending(UUID endpointId, Instant now) {
        return jdbc.sql("""
                UPDATE webhook_events SET state = 'skipped', lease_token = NULL, modified_at = :now
                WHERE endpoint_id = :endpointId AND state = 'pending'
                """)
                .param("endpointId", endpointId).param("now", Timestamp.from(now)).update();
    }

    private static Endpoint endpoint(ResultSet rs, int n) throws SQLException {
        Array events = rs.getArray("events");
        return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("url"),
                rs.getString("name"), WebhookFormat.fromWireName(rs.getString("format")), rs.getString("secret"),
                List.of((String[]) events.getArray()), rs.getString("api_version"), rs.getBoolean("enabled"),
                rs.getString("disabled_reason"), rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("modified_at")));
    }

    // ---------------------------------------------------------------- the outbox

    void insertEvent(UUID id, UUID organizationId, UUID endpointId, String type, String apiVersion, String payload, Instant now) {
        jdbc.sql("""
                INSERT INTO webhook_events (id, organization_id, endpoint_id, type, api_version, payload, state, next_attempt_at,
                    created_at)
                VALUES (:id, :organizationId, :endpointId, :type, :apiVersion, :payload, 'pending', :now, :now)
                """)
                .param("id", id).param("organizationId", organizationId).param("endpointId", endpointId).param("type", type)
                .param("apiVersion", apiVersion).param("payload", payload).param("now", Timestamp.from(now))
                .update();
    }

    /** An event taken by a worker, with what it needs to send it. */
    record Claim(UUID eventId, UUID endpointId, UUID organizationId, String type, String payload, int attempts,
            UUID leaseToken, String url, String secret, String format, @Nullable Instant lapsedLeaseUntil) {
    }

    /**
     * Takes up to {@code limit} due events for this worker until {@code now + lease}: rows other workers hold are
     * skipped ({@code SKIP LOCKED}), and the claim moves {@code next_attempt_at} past the lease, so an event whose
     * worker died becomes due again once the lease lapses. An event waits while an older one of the same endpoint
     * (created after {@code orderSince}) is still pending, which keeps each endpoint's events in order and sends them
     * one at a time. {@link Claim#lapsedLeaseUntil} is set when the event was taken before and that claim never
     * recorded an outcome (its worker died, or stalled past the lease): the end of that lease.
     */
    List<Claim> claimDue(Instant now, Duration lease, Instant orderSince, int limit) {
        UUID token = UUID.randomUUID();
        return jdbc.sql("""
                WITH due AS (
                    SELECT e.id, e.lease_token AS lapsed_token, e.next_attempt_at AS lapsed_until FROM webhook_events e
                    JOIN webhook_endpoints p ON p.id = e.endpoint_id AND p.enabled AND p.deleted_at IS NULL
                    WHERE e.state = 'pending' AND e.next_attempt_at <= :now
                      AND NOT EXISTS (
                          SELECT 1 FROM webhook_events o
                          WHERE o.endpoint_id = e.endpoint_id AND o.state = 'pending' AND o.seq < e.seq
                            AND o.created_at > :orderSince)
                    ORDER BY e.next_attempt_at, e.seq
                    LIMIT :limit
                    FOR UPDATE OF e SKIP LOCKED)
                UPDATE webhook_events e SET next_attempt_at = :leaseUntil, lease_token = :token
                FROM due, webhook_endpoints p
                WHERE e.id = due.id AND p.id = e.endpoint_id
                RETURNING e.id, e.endpoint_id, e.organization_id, e.type, e.payload, e.attempts, p.url, p.secret, p.format,
                    CASE WHEN due.lapsed_token IS NOT NULL THEN due.lapsed_until END AS lapsed_until
                """)
                .param("now", Timestamp.from(now)).param("leaseUntil", Timestamp.from(now.plus(lease)))
                .param("orderSince", Timestamp.from(orderSince)).param("limit", limit).param("token", token)
                .query((rs, n) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                        rs.getObject("organization_id", UUID.class), rs.getString("type"), rs.getString("payload"),
                        rs.getInt("attempts"), token, rs.getString("url"), rs.getString("secret"), rs.getString("format"),
                        instant(rs.getTimestamp("lapsed_until"))))
                .list();
    }

    /** One attempt, as the worker saw it. */
    record Attempt(boolean succeeded, @Nullable Integer httpCode, @Nullable String response, @Nullable String error,
            int durationMs, Instant at) {
    }

    void insertDelivery(Claim claim, Attempt attempt) {
        jdbc.sql("""
                INSERT INTO webhook_deliveries (id, event_id, endpoint_id, organization_id, succeeded, http_code, response, error,
                    duration_ms, created_at)
                VALUES (:id, :eventId, :endpointId, :organizationId, :succeeded, :httpCode, :response, :error, :durationMs, :at)
                """)
                .param("id", UUID.randomUUID()).param("eventId", claim.eventId()).param("endpointId", claim.endpointId())
                .param("organizationId", claim.organizationId()).param("succeeded", attempt.succeeded())
                .param("httpCode", attempt.httpCode()).param("response", attempt.response()).param("error", attempt.error())
                .param("durationMs", attempt.durationMs()).param("at", Timestamp.from(attempt.at()))
                .update();
    }

    /**
     * The event's state after an attempt: {@code nextAttemptAt} null means no further attempt ({@code succeeded}
     * or {@code failed}). Only while this worker's lease holds: false when the event was claimed again meanwhile
     * (the lease lapsed) or redelivered, and the newer claim decides.
     */
    boolean finishAttempt(Claim claim, Attempt attempt, @Nullable Instant nextAttemptAt) {
        String state = attempt.succeeded() ? "succeeded" : nextAttemptAt == null ? "failed" : "pending";
        return jdbc.sql("""
                UPDATE webhook_events SET state = :state, attempts = attempts + 1, last_http_code = :httpCode,
                    succeeded = CASE WHEN :state = 'succeeded' THEN true WHEN :state = 'failed' THEN false ELSE succeeded END,
                    next_attempt_at = coalesce(:nextAttemptAt, next_attempt_at), lease_token = NULL, modified_at = :at
                WHERE id = :id AND lease_token = :token
                """)
                .param("state", state).param("httpCode", attempt.httpCode())
                .param("nextAttemptAt", nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt))
                .param("at", Timestamp.from(attempt.at())).param("id", claim.eventId()).param("token", claim.leaseToken())
                .update() == 1;
    }

    /** Whether the endpoint's {@code n} most recent finished events all failed (and there are {@code n}). */
    boolean lastEventsAllFailed(UUID endpointId, int n) {
        List<String> states = jdbc.sql("""
                SELECT state FROM webhook_events WHERE endpoint_id = :endpointId AND state IN ('succeeded', 'failed')
                ORDER BY seq DESC LIMIT :n
                """)
                .param("endpointId", endpointId).param("n", n).query(String.class).list();
        return states.size() == n && states.stream().allMatch("failed"::equals);
    }

    record EventRow(UUID id, UUID endpointId, String type, String apiVersion, @Nullable String payload, String state,
            @Nullable Integer lastHttpCode, @Nullable Boolean succeeded, Instant createdAt, @Nullable Instant modifiedAt) {
    }

    Optional<EventRow> findEvent(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT * FROM webhook_events WHERE id = :id AND organization_id = :organizationId")
                .param("id", id).param("organizationId", organizationId)
                .query((rs, n) -> event(rs, "")).optional();
    }

    /** Sends the event again, with a fresh schedule of attempts, under the same id. */
    void redeliver(UUID eventId, Instant now) {
        jdbc.sql("""
                UPDATE webhook_events SET state = 'pending', attempts = 0, next_attempt_at = :now, lease_token = NULL,
                    modified_at = :now
                WHERE id = :id
                """)
                .param("id", eventId).param("now", Timestamp.from(now)).update();
    }

    private static EventRow event(ResultSet rs, String prefix) throws SQLException {
        return new EventRow(rs.getObject(prefix + "id", UUID.class), rs.getObject(prefix + "endpoint_id", UUID.class),
                rs.getString(prefix + "type"), rs.getString(prefix + "api_version"), rs.getString(prefix + "payload"),
                rs.getString(prefix + "state"), rs.getObject(prefix + "last_http_code", Integer.class),
                rs.getObject(prefix + "succeeded", Boolean.class), rs.getTimestamp(prefix + "created_at").toInstant(),
                instant(rs.getTimestamp(prefix + "modified_at")));
    }

    // ---------------------------------------------------------------- deliveries

    record DeliveryFilter(UUID organizationId, @Nullable List<UUID> endpointIds, @Nullable Instant start,
            @Nullable Instant end, @Nullable Boolean succeeded, @Nullable String query, @Nullable String httpCodeClass,
            @Nullable List<String> eventTypes) {
    }

    record DeliveryRow(UUID id, boolean succeeded, @Nullable Integer httpCode, @Nullable String response,
            @Nullable String error, int durationMs, Instant createdAt, EventRow event) {
    }

    long countDeliveries(DeliveryFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE "
                        + where(filter, params))
                .params(params).query(Long.class).single();
    }

    List<DeliveryRow> listDeliveries(DeliveryFilter filter, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        return jdbc.sql("""
                SELECT d.*, e.id AS e_id, e.endpoint_id AS e_endpoint_id, e.type AS e_type, e.api_version AS e_api_version,
                    e.payload AS e_payload, e.state AS e_state, e.last_http_code AS e_last_http_code,
                    e.succeeded AS e_succeeded, e.created_at AS e_created_at, e.modified_at AS e_modified_at
                FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
                WHERE %s
                ORDER BY d.created_at DESC, d.id
                LIMIT :limit OFFSET :offset
                """.formatted(where))
                .params(params).param("limit", page.limit()).param("offset", page.offset())
                .query((rs, n) -> new DeliveryRow(rs.getObject("id", UUID.class), rs.getBoolean("succeeded"),
                        rs.getObject("http_code", Integer.class), rs.getString("response"), rs.getString("error"),
                        rs.getInt("duration_ms"), rs.getTimestamp("created_at").toInstant(), event(rs, "e_")))
                .list();
    }

    /** The latest deliveries of an endpoint, newest first, for the operator's view. */
    List<DeliveryRow> latestDeliveries(UUID organizationId, UUID endpointId, int limit) {
        return listDeliveries(new DeliveryFilter(organizationId, List.of(endpointId), null, null, null, null, null, null),
                new PageRequest(1, limit));
    }

    /** Events of an endpoint by state, for the operator's view. */
    Map<String, Long> eventCounts(UUID endpointId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT state, count(*) AS n FROM webhook_events WHERE endpoint_id = :id GROUP BY state ORDER BY state")
                .param("id", endpointId)
                .query((rs, n) -> Map.entry(rs.getString("state"), rs.getLong("n"))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static String where(DeliveryFilter filter, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("d.organization_id = :organizationId");
        params.put("organizationId", filter.organizationId());
        if (filter.endpointIds() != null && !filter.endpointIds().isEmpty()) {
            clauses.add("d.endpoint_id = ANY(:endpointIds)");
            params.put("endpointIds", filter.endpointIds().toArray(UUID[]::new));
        }
        if (filter.start() != null) {
            clauses.add("d.created_at > :start");
            params.put("start", Timestamp.from(filter.start()));
        }
        if (filter.end() != null) {
            clauses.add("d.created_at < :end");
            params.put("end", Timestamp.from(filter.end()));
        }
        if (filter.succeeded() != null) {
            clauses.add("d.succeeded = :succeeded");
            params.put("succeeded", filter.succeeded());
        }
        if (filter.query() != null) {
            clauses.add("(d.id::text ILIKE :query ESCAPE '\\' OR d.event_id::text ILIKE :query ESCAPE '\\' "
                    + "OR d.http_code::text ILIKE :query ESCAPE '\\')");
            params.put("query", LikePatterns.contains(filter.query()));
        }
        if (filter.httpCodeClass() != null) {
            int low = (filter.httpCodeClass().charAt(0) - '0') * 100;
            clauses.add("d.http_code >= :codeLow AND d.http_code < :codeHigh");
            params.put("codeLow", low);
            params.put("codeHigh", low + 100);
        }
        if (filter.eventTypes() != null && !filter.eventTypes().isEmpty()) {
            clauses.add("e.type = ANY(:eventTypes)");
            params.put("eventTypes", filter.eventTypes().toArray(String[]::new));
        }
        return String.join(" AND ", clauses);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
