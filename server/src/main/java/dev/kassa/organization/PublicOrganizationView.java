package dev.kassa.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Polar's public {@code Organization} fields, as checkouts and the customer portal show them to buyers. */
public final class PublicOrganizationView {

    private PublicOrganizationView() {
    }

    public static Map<String, Object> of(Organization organization) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created_at", organization.createdAt());
        json.put("modified_at", organization.modifiedAt());
        json.put("id", organization.id());
        json.put("name", organization.name());
        json.put("slug", organization.slug());
        json.put("avatar_url", null);
        json.put("email", null);
        json.put("website", null);
        json.put("socials", List.of());
        json.put("details_submitted_at", null);
        json.put("feature_settings", null);
        json.put("subscription_settings", Map.of(
                "allow_multiple_subscriptions", false,
                "allow_customer_updates", true,
                "proration_behavior", "prorate"));
        return json;
    }
}
