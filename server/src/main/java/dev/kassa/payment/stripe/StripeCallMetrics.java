package dev.kassa.payment.stripe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Times every call of the Stripe gateways (the {@code *Gateway} ports this package implements) as
 * {@code kassa_stripe_requests_seconds{operation,outcome}}: the operation is the port's method
 * ({@code createIntent}, {@code retrieve}, ...), the outcome the kind of answer ({@code created}, {@code declined},
 * {@code unknown}, ..., {@code error} for an exception). The gateways stay free of metrics code.
 */
@Component
class StripeCallMetrics implements BeanPostProcessor {

    static final String TIMER = "kassa.stripe.requests";
    private static final Set<String> LOCAL = Set.of("publishableKey", "toString", "hashCode", "equals");

    private final ObjectProvider<MeterRegistry> registry;

    StripeCallMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = bean.getClass();
        if (!type.getPackageName().equals(StripeCallMetrics.class.getPackageName()) || !type.getSimpleName().endsWith("Gateway")) {
            return bean;
        }
        Class<?>[] ports = type.getInterfaces();
        InvocationHandler timed = (proxy, method, args) -> {
            if (LOCAL.contains(method.getName())) {
                return invoke(bean, method, args);
            }
            Timer.Sample sample = Timer.start(registry.getObject());
            String outcome = "error";
            try {
                Object result = invoke(bean, method, args);
                outcome = outcomeOf(result);
                return result;
            } finally {
                sample.stop(Timer.builder(TIMER).description("Calls to Stripe by gateway operation and kind of answer")
                        .tag("operation", method.getName()).tag("outcome", outcome).publishPercentileHistogram()
                        .register(registry.getObject()));
            }
        };
        return Proxy.newProxyInstance(type.getClassLoader(), ports, timed);
    }

    private static Object invoke(Object bean, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** {@code IntentOutcome.Declined} is {@code declined}; a plain value (a list, nothing) is {@code ok}. */
    static String outcomeOf(Object result) {
        if (result != null && result.getClass().isRecord() && result.getClass().getEnclosingClass() != null
                && result.getClass().getEnclosingClass().isInterface()) {
            return result.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
        return "ok";
    }
}
