package dev.kassa.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The status an answer really had when the wire carries another: the hosted checkout page asks the client API to
 * answer its errors as 200 with the real status in a header (see {@code checkoutpage.PageClientEnvelopeFilter}), so
 * that Chromium logs no failed load. The access log and the {@code http.server.requests} metrics report this one.
 */
public final class RealStatus {

    /** A request attribute holding the real status ({@link Integer}) of an answer sent with another. */
    public static final String ATTRIBUTE = RealStatus.class.getName();

    private RealStatus() {
    }

    /** The real status of the answer to {@code request}, or {@code sent} when the wire status is the real one. */
    public static int of(HttpServletRequest request, int sent) {
        return request.getAttribute(ATTRIBUTE) instanceof Integer real ? real : sent;
    }
}
