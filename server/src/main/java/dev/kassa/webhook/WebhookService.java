package dev.kassa.webhook;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.platform.crypto.ChecksummedTokens;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.webhook.WebhookRepository.DeliveryFilter;
import dev.kassa.webhook.WebhookRepository.DeliveryRow;
import dev.kassa.webhook.WebhookRepository.EventRow;
import dev.kassa.webhook.WebhookRequests.EndpointCreate;
import dev.kassa.webhook.WebhookRequests.EndpointUpdate;
import dev.kassa.webhook.schemas.WebhookDelivery;
import dev.kassa.webhook.schemas.WebhookEndpoint;
import dev.kassa.webhook.schemas.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The webhooks API: endpoints (create, read, update, reset the secret, delete), deliveries, redelivery. */
@Service
class WebhookService {

    static final String SECRET_PREFIX = "whsec_";
    static final String CANNOT_ENABLE = "Cannot enable a webhook endpoint with an invalid URL. Please update the URL first.";

    private final WebhookRepository repository;
    private final WebhookTargets targets;
    private final WebhookWakeups wakeups;
    private final Clock clock;

    WebhookService(WebhookRepository repository, WebhookTargets targets, WebhookWakeups wakeups, Clock clock) {
        this.repository = repository;
        this.targets = targets;
        this.wakeups = wakeups;
        this.clock = clock;
    }

    @Transactional
    WebhookEndpoint create(OrganizationAccess access, EndpointCreate command) {
        UUID organizationId = access.requireOwnOrganization(command.organizationId(), List.of("body", "organization_id"));
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), organizationId, command.url(), command.name(), command.format(),
                command.secret() != null ? command.secret() : ChecksummedTokens.generate(SECRET_PREFIX), command.events(),
                command.apiVersion(), true, null, now(), null);
        repository.insertEndpoint(endpoint);
        return view(endpoint);
    }

    @Transactional(readOnly = true)
    ListResource<WebhookEndpoint> list(OrganizationAccess access, PageRequest page) {
        long total = repository.countEndpoints(access.organizationId());
        return ListResource.of(repository.listEndpoints(access.organizationId(), page).stream().map(WebhookService::view).toList(),
                total, page);
    }

    @Transactional(readOnly = true)
    WebhookEndpoint get(OrganizationAccess access, UUID id) {
        return view(repository.findEndpoint(access.organizationId(), id).orElseThrow(ResourceNotFound::new));
    }

    @Transactional
    WebhookEndpoint update(OrganizationAccess access, UUID id, EndpointUpdate command) {
        Endpoint current = repository.findEndpointForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        String url = command.url() != null ? command.url() : current.url();
        boolean enabling = Boolean.TRUE.equals(command.enabled()) && !current.enabled();
        if (enabling && command.url() == null && targets.check(url).isPresent()) {
            // Saved when the rules allowed it (an http URL in test mode, say); it may not be sent to now.
            throw RequestValidationError.service("value_error", List.of("body", "enabled"), CANNOT_ENABLE, true);
        }
        boolean enabled = command.enabled() != null ? command.enabled() : current.enabled();
        Instant now = now();
        Endpoint updated = new Endpoint(current.id(), current.organizationId(), url,
                command.name() != null ? command.name() : current.name(),
                command.format() != null ? command.format() : current.format(),
                command.secret() != null ? command.secret() : current.secret(),
                command.events() != null ? command.events() : current.events(),
                command.apiVersion() != null ? command.apiVersion() : current.apiVersion(), enabled,
                enabled ? null : current.disabledReason(), current.createdAt(), now);
        repository.updateEndpoint(updated);
        if (current.enabled() && !enabled) {
            repository.skipPending(current.id(), now);
        }
        return view(updated);
    }

    /** A new secret: deliveries from now on are signed with it (an attempt already under way keeps the old one). */
    @Transactional
    WebhookEndpoint resetSecret(OrganizationAccess access, UUID id) {
        Endpoint current = repository.findEndpointForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        Endpoint updated = new Endpoint(current.id(), current.organizationId(), current.url(), current.name(),
                current.format(), ChecksummedTokens.generate(SECRET_PREFIX), current.events(), current.apiVersion(),
                current.enabled(), current.disabledReason(), current.createdAt(), now());
        repository.updateEndpoint(updated);
        return view(updated);
    }

    /** Soft delete: the endpoint disappears from the API, and what was still to send to it is skipped. */
    @Transactional
    void delete(OrganizationAccess access, UUID id) {
        Endpoint current = repository.findEndpointForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        Instant now = now();
        repository.softDeleteEndpoint(current.id(), now);
        repository.skipPending(current.id(), now);
    }

    @Transactional(readOnly = true)
    ListResource<WebhookDelivery> deliveries(DeliveryFilter filter, PageRequest page) {
        long total = repository.countDeliveries(filter);
        List<WebhookDelivery> items = repository.listDeliveries(filter, page).stream().map(WebhookService::view).toList();
        return ListResource.of(items, total, page);
    }

    /** Sends the event again, under the same {@code webhook-id}, with a fresh schedule of attempts. */
    @Transactional
    void redeliver(OrganizationAccess access, UUID eventId) {
        EventRow event = repository.findEvent(access.organizationId(), eventId).orElseThrow(ResourceNotFound::new);
        repository.redeliver(event.id(), now());
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        wakeups.wake();
                    }
                });
    }

    static WebhookEndpoint view(Endpoint e) {
        return new WebhookEndpoint(e.createdAt(), e.modifiedAt(), e.id(), e.url(), e.name(), e.apiVersion(),
                e.format().wireName(), e.secret(), e.organizationId(), e.events(), e.enabled(), false);
    }

    static WebhookEvent view(EventRow e) {
        return new WebhookEvent(e.createdAt(), e.modifiedAt(), e.id(), e.lastHttpCode(), e.succeeded(),
                "skipped".equals(e.state()), e.apiVersion(), e.payload(), e.type(), e.payload() == null);
    }

    static WebhookDelivery view(DeliveryRow d) {
        return new WebhookDelivery(d.createdAt(), null, d.id(), d.succeeded(), d.httpCode(), d.response(), view(d.event()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
