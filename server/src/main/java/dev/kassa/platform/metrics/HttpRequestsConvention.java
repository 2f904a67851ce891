package dev.kassa.platform.metrics;

import dev.kassa.platform.web.RealStatus;
import io.micrometer.common.KeyValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Spring's {@code http.server.requests} tags, with the real status and outcome of an answer sent with another
 * ({@link RealStatus}: the checkout page's client envelope), so that a declined payment the page sees as a 200 still
 * counts as the 400 it is. Spring Boot uses this bean instead of its default convention.
 */
@Component
class HttpRequestsConvention extends DefaultServerRequestObservationConvention {

    @Override
    protected KeyValue status(ServerRequestObservationContext context) {
        Integer real = real(context);
        return real == null ? super.status(context) : KeyValue.of("status", Integer.toString(real));
    }

    @Override
    protected KeyValue outcome(ServerRequestObservationContext context) {
        Integer real = real(context);
        if (real == null) {
            return super.outcome(context);
        }
        HttpStatus.Series series = HttpStatus.Series.resolve(real);
        String outcome = series == null ? "UNKNOWN" : switch (series) {
            case INFORMATIONAL -> "INFORMATIONAL";
            case SUCCESSFUL -> "SUCCESS";
            case REDIRECTION -> "REDIRECTION";
            case CLIENT_ERROR -> "CLIENT_ERROR";
            case SERVER_ERROR -> "SERVER_ERROR";
        };
        return KeyValue.of("outcome", outcome);
    }

    private static Integer real(ServerRequestObservationContext context) {
        return context.getCarrier() != null && context.getCarrier().getAttribute(RealStatus.ATTRIBUTE) instanceof Integer real
                ? real : null;
    }
}
