package dev.kassa.stripe.emulator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Mounts the emulator in a Spring MVC application under {@code kassa.stripe-emulator.base-path} (default
 * {@code /_stripe}). It is not an auto-configuration: nothing happens by having this module on the classpath. The
 * application decides, e.g.
 *
 * <pre>{@code
 * @Configuration(proxyBeanMethods = false)
 * @ConditionalOnExpression("'${STRIPE_SECRET_KEY:}'.isBlank()")
 * @Import(StripeEmulatorConfiguration.class)
 * class StripeTestMode { }
 * }</pre>
 *
 * A bean of type {@link EmulatorStore} defined by the application replaces the in-memory one. Its route is a
 * {@link RouterFunction} bean, so it needs Spring MVC's functional endpoints, which {@code @EnableWebMvc} or Spring
 * Boot's MVC auto-configuration provide.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeEmulatorProperties.class)
public class StripeEmulatorConfiguration {

    /**
     * Uses the application's {@link EmulatorStore} bean if it has one, else an in-memory store. Closed with the
     * context, which stops webhook delivery.
     */
    @Bean(destroyMethod = "close")
    StripeEmulator stripeEmulator(ObjectProvider<EmulatorStore> store, StripeEmulatorProperties properties) {
        return new StripeEmulator(store.getIfAvailable(InMemoryEmulatorStore::new), properties.settings());
    }

    @Bean
    RouterFunction<ServerResponse> stripeEmulatorRoutes(StripeEmulatorProperties properties, StripeEmulator emulator) {
        String base = properties.basePath();
        return RouterFunctions.route(RequestPredicates.path(base + "/v1/**"), request -> handle(request, base, emulator));
    }

    /**
     * stripe-java writes brackets unescaped in query strings ({@code ?expand[0]=tax_ids}), which Tomcat rejects with
     * a bare 400 unless they are "relaxed query chars". This adds {@code [} and {@code ]} to whatever the application
     * already relaxed ({@code server.tomcat.relaxed-query-chars}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory")
    static class TomcatQueryBrackets {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> stripeEmulatorQueryBrackets() {
            return factory -> factory.addConnectorCustomizers(connector -> {
                Object current = connector.getProperty("relaxedQueryChars");
                String relaxed = current == null ? "" : current.toString();
                for (String bracket : List.of("[", "]")) {
                    if (!relaxed.contains(bracket)) {
                        relaxed += bracket;
                    }
                }
                connector.setProperty("relaxedQueryChars", relaxed);
            });
        }
    }

    private static ServerResponse handle(ServerRequest request, String base, StripeEmulator emulator)
            throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        String path = servlet.getRequestURI().substring(servlet.getContextPath().length() + base.length());
        String body = new String(servlet.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> bodyParams = null;
        if (body.isEmpty() && isForm(servlet) && !servlet.getParameterMap().isEmpty()) {
            // A filter read the parameters first, so the container consumed the body: rebuild it from them.
            bodyParams = bodyParameters(servlet);
        }
        StripeEmulator.Request emulated = new StripeEmulator.Request(servlet.getMethod(), path,
                servlet.getQueryString(), body, bodyParams, servlet::getHeader);
        StripeEmulator.Response response = emulator.handle(emulated);
        if (response.withholdFor() != null) {
            // Test trigger emulator_fail_after_charge=timeout: the charge is done; keep the client waiting past its
            // read timeout. A servlet cannot drop the connection, so a client still waiting then gets a 500.
            try {
                Thread.sleep(response.withholdFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response = new StripeEmulator.Response(500, Json.write(StripeApiException.apiError(
                    "Emulated Stripe timeout after the charge (metadata emulator_fail_after_charge=timeout).").body()),
                    response.headers());
        }
        ServerResponse.BodyBuilder builder = ServerResponse.status(response.status())
                .contentType(MediaType.APPLICATION_JSON);
        response.headers().forEach(builder::header);
        return builder.body(response.body());
    }

    private static boolean isForm(HttpServletRequest servlet) {
        String type = servlet.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static List<Map.Entry<String, String>> bodyParameters(HttpServletRequest servlet) {
        Set<String> fromQuery = new HashSet<>(FormDecoder.decode(servlet.getQueryString()).keySet());
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        servlet.getParameterMap().forEach((name, values) -> {
            String root = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
            if (!fromQuery.contains(root)) {
                for (String value : values) {
                    pairs.add(Map.entry(name, value));
                }
            }
        });
        return pairs;
    }
}
