package dev.kassa.platform.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

    /** Reads the variables through Spring's Environment, so tests can set them as properties. */
    @Bean
    KassaSettings kassaSettings(Environment environment) {
        Map<String, String> values = new HashMap<>();
        for (String name : KassaSettings.VARIABLES) {
            String value = environment.getProperty(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return KassaSettings.fromEnvironment(values);
    }
}
