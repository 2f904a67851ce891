package dev.kassa.checkoutpage;

import dev.kassa.platform.web.RealStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hosted page's envelope on the client API. Chromium logs every non-2xx answer to {@code fetch} as a console
 * error ("Failed to load resource"), even one the page expects and handles (a declined card's 400, a 422 next to
 * its field, a 409 while another update runs, a 410 once expired). The page therefore sends
 * {@code Kassa-Client: checkout-page} on {@code GET}/{@code PATCH /v1/checkouts/client/{secret}} and
 * {@code POST .../confirm}; under it an error answer goes out as {@code 200} with its real status in
 * {@code Kassa-Status} (always set under the header) and its body unchanged, byte for byte Polar's.
 *
 * <p>Nothing else changes: without the header (every SDK, every other client) the answers are Polar's. The filter
 * runs outside the {@code Idempotency-Key} layer, which therefore keeps and replays the real status whoever asks, and
 * records the real status for the access log and the metrics ({@link RealStatus}). The event stream is not
 * enveloped ({@code EventSource} sends no headers).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PageClientEnvelopeFilter extends OncePerRequestFilter {

    static final String HEADER = "Kassa-Client";
    static final String PAGE = "checkout-page";
    static final String STATUS_HEADER = "Kassa-Status";
    private static final Pattern CLIENT_ROUTES = Pattern.compile("^/v1/checkouts/(custom/)?client/[^/]+(/confirm)?/?$");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PAGE.equals(request.getHeader(HEADER)) || !CLIENT_ROUTES.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enveloped enveloped = new Enveloped(response);
        enveloped.start();
        try {
            chain.doFilter(request, enveloped);
        } catch (ServletException | IOException | RuntimeException | Error failure) {
            // Not an answer of the application's: the container's 500 goes out as it is, and says so.
            if (!response.isCommitted()) {
                response.setHeader(STATUS_HEADER, Integer.toString(HttpServletResponse.SC_INTERNAL_SERVER_ERROR));
            }
            throw failure;
        }
        request.setAttribute(RealStatus.ATTRIBUTE, enveloped.real);
    }

    /** Passes everything through but an error status, which it records and answers as 200. */
    private static final class Enveloped extends HttpServletResponseWrapper {

        private int real = HttpServletResponse.SC_OK;

        Enveloped(HttpServletResponse response) {
            super(response);
        }

        void start() {
            // A cache must not answer the enveloped form to a client that did not ask for it.
            super.setHeader(HttpHeaders.VARY, HEADER);
            mark();
        }

        private void mark() {
            super.setStatus(real >= 400 ? HttpServletResponse.SC_OK : real);
            super.setHeader(STATUS_HEADER, Integer.toString(real));
        }

        @Override
        public void setStatus(int status) {
            real = status;
            mark();
        }

        @Override
        public int getStatus() {
            return real;
        }

        /** An error with no body of the application's (a container's {@code sendError}): its status, and no body. */
        @Override
        public void sendError(int status) {
            setStatus(status);
        }

        @Override
        public void sendError(int status, String message) {
            setStatus(status);
        }

        @Override
        public void reset() {
            super.reset();
            start();
        }
    }
}
