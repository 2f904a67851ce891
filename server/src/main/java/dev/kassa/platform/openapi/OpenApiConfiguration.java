package dev.kassa.platform.openapi;

import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Shapes springdoc's {@code /openapi.json} into Polar's document. The controllers stay free of documentation
 * annotations: what springdoc cannot see (the raw JSON bodies, the query maps, the token resolved by the auth
 * interceptor) is described by {@link PolarOperations} and {@link PolarSchemas}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Not request parameters: the caller (from the bearer token), the raw body and the raw query map.
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(OrganizationAccess.class)
                .addRequestWrapperToIgnore(CustomerAccess.class)
                .addRequestWrapperToIgnore(JsonNode.class)
                .addRequestWrapperToIgnore(MultiValueMap.class);
    }

    @Bean
    OpenApiCustomizer polarDocument() {
        return new PolarDocumentCustomizer();
    }

    /**
     * An endpoint that needs scopes needs the bearer token: the scopes are listed as Polar's docs list them. The
     * customer portal needs a customer session token instead.
     */
    @Bean
    OperationCustomizer bearerSecurity() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(RequireCustomerSession.class)) {
                operation.addSecurityItem(new SecurityRequirement()
                        .addList(PolarDocumentCustomizer.CUSTOMER_SESSION_SCHEME));
            }
            RequireScopes scopes = handler.getMethodAnnotation(RequireScopes.class);
            if (scopes != null) {
                operation.addSecurityItem(new SecurityRequirement().addList(PolarDocumentCustomizer.SECURITY_SCHEME));
                operation.description("**Scopes**: " + Arrays.stream(scopes.value())
                        .map(scope -> "`" + scope.wireName() + "`").collect(Collectors.joining(" ")));
            }
            return operation;
        };
    }
}
