package dev.kassa.platform.idempotency;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class IdempotencyWebConfiguration implements WebMvcConfigurer {

    private final IdempotencyInterceptor interceptor;

    IdempotencyWebConfiguration(IdempotencyInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** After the authentication interceptor (order 0), whose caller scopes the keys. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).order(Ordered.LOWEST_PRECEDENCE);
    }
}
