package dev.kassa.platform.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT}: {@code text} (the default, Spring Boot's console lines) or {@code json}, one JSON object per line
 * on stdout in the Elastic Common Schema (Spring Boot's structured logging), with the request id and the access
 * log's fields. Read before logging starts, so the very first line is in the chosen format.
 */
class LogFormat implements EnvironmentPostProcessor {

    static final String VARIABLE = "LOG_FORMAT";
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = properties(environment.getProperty(VARIABLE));
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("kassaLogFormat", properties));
        }
    }

    static Map<String, Object> properties(String value) {
        String format = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (format) {
            case "", "text" -> Map.of();
            case "json" -> Map.of(STRUCTURED_CONSOLE, "ecs");
            default -> throw new KassaSettings.InvalidSettingsException(java.util.List.of(VARIABLE + ": must be text or json, got '" + value + "'"));
        };
    }
}
