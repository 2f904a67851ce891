package dev.kassa.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary messages sent to {@code discord} and {@code slack} endpoints (their incoming-webhook bodies), in the
 * shape of Polar's generic ones: the event type, the object's id and the organization's name.
 */
final class WebhookFormats {

    private WebhookFormats() {
    }

    static Map<String, Object> discord(String type, String objectId, String organizationName) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", type);
        embed.put("description", type);
        embed.put("fields", List.of(
                Map.of("name", "Object", "value", objectId),
                Map.of("name", "Organization", "value", organizationName)));
        embed.put("footer", Map.of("text", "Powered by Kassa"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("content", type);
        payload.put("embeds", List.of(embed));
        return payload;
    }

    static Map<String, Object> slack(String type, String objectId, String organizationName) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", Map.of("type", "mrkdwn", "text", type));
        section.put("fields", List.of(
                Map.of("type", "mrkdwn", "text", "*Object*\n" + objectId),
                Map.of("type", "mrkdwn", "text", "*Organization*\n" + organizationName)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("type", "context");
        context.put("elements", List.of(Map.of("type", "mrkdwn", "text", "Powered by Kassa")));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", type);
        payload.put("blocks", List.of(section, context));
        return payload;
    }
}
