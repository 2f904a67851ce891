package dev.kassa.platform.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The versions of Polar's API that Kassa knows, chosen per request by the {@code Polar-Version} header
 * ({@link ApiVersionFilter}). Polar dates its versions by month ({@code 2026-10}); a full date
 * ({@code 2026-10-01}) names its month. Without the header a request gets Polar's default, {@link #V2026_04}; a
 * version Kassa does not know (a future one such as {@code 2027-01}, or one Polar never had) gets the newest Kassa
 * knows. Both versions behave the same today: Polar's own server has no difference between them yet either.
 */
public enum ApiVersion {

    V2026_04("2026-04"),
    V2026_10("2026-10");

    public static final String HEADER = "Polar-Version";
    public static final ApiVersion DEFAULT = V2026_04;
    public static final ApiVersion NEWEST = V2026_10;

    static final String REQUEST_ATTRIBUTE = ApiVersion.class.getName();

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})(?:-(\\d{2}))?");

    private final String wireName;

    ApiVersion(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The version a header value asks for: none (null or blank) is the default, a known month is that version, any
     * other well-formed month or date the newest; empty when the value is not {@code YYYY-MM} or {@code YYYY-MM-DD}.
     */
    public static Optional<ApiVersion> resolve(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(DEFAULT);
        }
        Matcher m = FORMAT.matcher(header.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        try {
            LocalDate.of(year, month, m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        String name = m.group(1) + "-" + m.group(2);
        for (ApiVersion version : values()) {
            if (version.wireName.equals(name)) {
                return Optional.of(version);
            }
        }
        return Optional.of(NEWEST);
    }

    /** The version of the request being handled; the default outside of a request. */
    public static ApiVersion current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object version = attributes == null ? null : attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return version instanceof ApiVersion v ? v : DEFAULT;
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }
}
