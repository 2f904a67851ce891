package dev.kassa.webhook;

import dev.kassa.webhook.WebhookRepository.DeliveryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code ./kassa admin webhooks}: every endpoint of the installation with its events by state, why Kassa disabled
 * it (if it did) and its latest deliveries, failures with their error. Secrets are not shown.
 */
@Service
public class WebhookOperatorView {

    static final int LATEST = 5;

    private final WebhookRepository repository;

    WebhookOperatorView(WebhookRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> report() {
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (Endpoint endpoint : repository.listAllEndpoints()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint_id", endpoint.id().toString());
            row.put("organization_id", endpoint.organizationId().toString());
            row.put("url", endpoint.url());
            row.put("format", endpoint.format().wireName());
            row.put("events", endpoint.events());
            row.put("enabled", endpoint.enabled());
            row.put("disabled_reason", endpoint.disabledReason());
            row.put("events_by_state", repository.eventCounts(endpoint.id()));
            List<Map<String, Object>> latest = new ArrayList<>();
            for (DeliveryRow delivery : repository.latestDeliveries(endpoint.organizationId(), endpoint.id(), LATEST)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("at", delivery.createdAt().toString());
                d.put("event_id", delivery.event().id().toString());
                d.put("type", delivery.event().type());
                d.put("succeeded", delivery.succeeded());
                d.put("http_code", delivery.httpCode());
                d.put("duration_ms", delivery.durationMs());
                d.put("error", delivery.error());
                latest.add(d);
            }
            row.put("latest_deliveries", latest);
            endpoints.add(row);
        }
        return Map.of("endpoints", endpoints);
    }
}
