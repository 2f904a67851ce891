package dev.kassa.webhook;

import java.util.Arrays;
import java.util.List;

/** Polar's {@code WebhookFormat}: the raw event, or a summary message for a Discord or Slack incoming webhook. */
enum WebhookFormat {
    RAW("raw"),
    DISCORD("discord"),
    SLACK("slack");

    static final List<String> WIRE_NAMES = Arrays.stream(values()).map(WebhookFormat::wireName).toList();

    private final String wireName;

    WebhookFormat(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static WebhookFormat fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown webhook format " + name));
    }
}
