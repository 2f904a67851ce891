package dev.kassa.payment;

import java.util.Map;

/** A stored payment processor event (a Stripe webhook event): its id, type, and the {@code data.object} it carries. */
public record PaymentEvent(String id, String type, Map<String, Object> object, int attempts) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        Object metadata = object.get("metadata");
        return metadata instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public String objectId() {
        Object id = object.get("id");
        return id == null ? null : id.toString();
    }
}
