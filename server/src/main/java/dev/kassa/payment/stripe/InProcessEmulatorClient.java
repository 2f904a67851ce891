package dev.kassa.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import dev.kassa.stripe.emulator.StripeEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * stripe-java's transport to the emulator Kassa runs itself, without a loopback HTTP round trip: the request
 * stripe-java builds (method, path, query, form body, headers) goes to the same {@link StripeEmulator#handle} that
 * serves {@code /_stripe} over HTTP, and its answer comes back as the HTTP response would. Everything else, in the
 * client and in the emulator, is what it would be over the network. The emulator's {@code timeout} test trigger
 * (an answer withheld) ends as a read timeout does: after the client's read timeout, as a connection error.
 */
final class InProcessEmulatorClient extends HttpClient {

    private final StripeEmulator emulator;
    private final String basePath;
    private final Duration readTimeout;

    InProcessEmulatorClient(StripeEmulator emulator, String basePath, Duration readTimeout) {
        this.emulator = emulator;
        this.basePath = basePath;
        this.readTimeout = readTimeout;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        String path = request.url().getPath();
        if (path.startsWith(basePath)) {
            path = path.substring(basePath.length());
        }
        String body = request.content() == null ? "" : request.content().stringContent();
        HttpHeaders headers = request.headers();
        StripeEmulator.Response response = emulator.handle(new StripeEmulator.Request(request.method().name(), path,
                request.url().getQuery(), body, name -> headers.firstValue(name).orElse(null)));
        if (response.withholdFor() != null) {
            try {
                Thread.sleep(response.withholdFor().compareTo(readTimeout) < 0 ? response.withholdFor() : readTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ApiConnectionException("IOException during API request to Stripe: Read timed out (in-process emulator)");
        }
        Map<String, List<String>> responseHeaders = response.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return new StripeResponse(response.status(), HttpHeaders.of(responseHeaders), response.body());
    }
}
