package dev.kassa.webhook;

import dev.kassa.organization.OrganizationService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: domains record here what happened ({@code order.paid}, ...), inside the transaction
 * that made the change. Just before that transaction commits, each event becomes one {@code webhook_events} row per
 * enabled endpoint of the organization subscribed to its type, in the same transaction: the row that says
 * "order.paid happened" commits with the order, or not at all. A rolled-back transaction leaves no event.
 *
 * <p>The payload's {@code data} is rendered then, once per event, by the recording domain's own builder of the
 * resource's public schema (the API's {@code Checkout}, {@code Order}, ...), serialized by the API's own JSON mapper:
 * it is the resource as the API would answer at commit, byte for byte in field names and formats. Nothing is
 * rendered for an organization without a subscribed endpoint, so recording costs one query per transaction there.
 * The same event type for the same object recorded twice in one transaction is sent once.
 */
@Component
public class WebhookEvents {

    private final WebhookRepository repository;
    private final OrganizationService organizations;
    private final JsonMapper json;
    private final WebhookWakeups wakeups;
    private final Clock clock;

    WebhookEvents(WebhookRepository repository, OrganizationService organizations, JsonMapper json, WebhookWakeups wakeups,
            Clock clock) {
        this.repository = repository;
        this.organizations = organizations;
        this.json = json;
        this.wakeups = wakeups;
        this.clock = clock;
    }

    /**
     * Records that {@code type} happened to the object {@code objectId} of the organization. {@code data} builds the
     * object's public schema; it runs just before the commit, in the transaction, and only if an endpoint listens.
     *
     * @throws IllegalStateException outside a transaction: an event must commit with its change
     */
    public void record(UUID organizationId, WebhookEventType type, UUID objectId, Supplier<?> data) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("webhook event " + type.wireName() + " recorded outside a transaction");
        }
        Outbox outbox = outboxOfThisTransaction();
        if (outbox.keys.add(type.wireName() + ":" + objectId)) {
            outbox.pending.add(new Pending(organizationId, type, objectId, data, now()));
        }
    }

    /**
     * Whether an event of {@code type} recorded now for the organization would go to a raw-format endpoint, whose
     * successful delivery {@link WebhookDeliveredHandler}s are told of.
     */
    public boolean deliversRaw(UUID organizationId, WebhookEventType type) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return repository.rawSubscriber(organizationId, type.wireName());
        }
        return outboxOfThisTransaction().endpointsOf(organizationId).stream()
                .anyMatch(e -> e.format() == WebhookFormat.RAW && e.events().contains(type.wireName()));
    }

    private Outbox outboxOfThisTransaction() {
        Outbox outbox = (Outbox) TransactionSynchronizationManager.getResource(this);
        if (outbox == null) {
            outbox = new Outbox();
            TransactionSynchronizationManager.bindResource(this, outbox);
            TransactionSynchronizationManager.registerSynchronization(outbox);
        }
        return outbox;
    }

    private record Pending(UUID organizationId, WebhookEventType type, UUID objectId, Supplier<?> data, Instant at) {
    }

    /** The events of one transaction; written last before the commit (after, e.g., an order took its number). */
    private final class Outbox implements TransactionSynchronization {

        final List<Pending> pending = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        /** The organization's enabled endpoints, read once per transaction (by deliversRaw and by the commit). */
        final Map<UUID, List<Endpoint>> endpointsByOrganization = new HashMap<>();
        boolean written;

        List<Endpoint> endpointsOf(UUID organizationId) {
            return endpointsByOrganization.computeIfAbsent(organizationId, repository::enabledEndpoints);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            Map<UUID, List<Pending>> byOrganization = new LinkedHashMap<>();
            pending.forEach(p -> byOrganization.computeIfAbsent(p.organizationId(), id -> new ArrayList<>()).add(p));
            byOrganization.forEach((organizationId, events) -> {
                Set<String> types = new LinkedHashSet<>();
                events.forEach(e -> types.add(e.type().wireName()));
                List<Endpoint> endpoints = endpointsOf(organizationId).stream()
                        .filter(e -> e.events().stream().anyMatch(types::contains)).toList();
                if (endpoints.isEmpty()) {
                    return;
                }
                String organizationName = null;
                for (Pending event : events) {
                    List<Endpoint> targets = endpoints.stream().filter(e -> e.events().contains(event.type().wireName())).toList();
                    if (targets.isEmpty()) {
                        continue;
                    }
                    Object data = event.data().get();
                    Map<String, String> rawByVersion = new LinkedHashMap<>();
                    for (Endpoint endpoint : targets) {
                        String body = switch (endpoint.format()) {
                            case RAW -> rawByVersion.computeIfAbsent(endpoint.apiVersion(),
                                    version -> rawPayload(event, version, data));
                            case DISCORD, SLACK -> {
                                if (organizationName == null) {
                                    organizationName = organizations.get(organizationId).name();
                                }
                                yield summary(endpoint.format(), event, data, organizationName);
                            }
                        };
                        repository.insertEvent(UUID.randomUUID(), organizationId, endpoint.id(), event.type().wireName(),
                                endpoint.apiVersion(), body, event.at());
                        written = true;
                    }
                }
            });
        }

        @Override
        public void afterCommit() {
            if (written) {
                wakeups.wake();
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WebhookEvents.this);
        }
    }

    private String summary(WebhookFormat format, Pending event, Object data, String organizationName) {
        JsonNode tree = json.valueToTree(data);
        String id = tree.has("id") ? tree.get("id").asString() : event.objectId().toString();
        Map<String, Object> message = format == WebhookFormat.DISCORD
                ? WebhookFormats.discord(event.type().wireName(), id, organizationName)
                : WebhookFormats.slack(event.type().wireName(), id, organizationName);
        return json.writeValueAsString(message);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Polar's raw payload: {@code type}, {@code timestamp}, the endpoint's {@code api_version} (SDK 1.0.1 requires it)
     * and {@code data}, the resource as the API answers it.
     */
    private String rawPayload(Pending event, String apiVersion, Object data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", event.type().wireName());
        payload.put("timestamp", event.at());
        payload.put("api_version", apiVersion);
        payload.put("data", data);
        return json.writeValueAsString(payload);
    }
}
