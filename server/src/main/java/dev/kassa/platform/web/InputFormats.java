package dev.kassa.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of common string formats, reported as pydantic reports them. */
public final class InputFormats {

    private static final Pattern EMAIL_LOCAL = Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$");
    private static final Pattern EMAIL_DOMAIN = Pattern.compile("^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");
    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private InputFormats() {
    }

    /**
     * An email address, trimmed; null (with an error recorded) when invalid. Polar also checks that the domain
     * can receive mail through DNS; Kassa checks the syntax only, since it must work offline.
     */
    public static String email(String raw, List<Object> loc, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        String email = raw.trim();
        String problem = emailProblem(email);
        if (problem != null) {
            errors.add("value_error", loc, "value is not a valid email address: " + problem, raw);
            return null;
        }
        return email;
    }

    private static String emailProblem(String email) {
        int at = email.indexOf('@');
        if (at < 0 || at != email.lastIndexOf('@')) {
            return "An email address must have exactly one @-sign.";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.isEmpty()) {
            return "There must be something before the @-sign.";
        }
        if (domain.isEmpty()) {
            return "There must be something after the @-sign.";
        }
        if (local.length() > 64 || !EMAIL_LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return "The email address contains invalid characters before the @-sign.";
        }
        if (!EMAIL_DOMAIN.matcher(domain).matches()) {
            return "The part after the @-sign is not valid. It should have a period.";
        }
        return null;
    }

    /** An IPv4 or IPv6 literal; no name lookup is ever made. */
    public static String ipAddress(String raw, List<Object> loc, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        String ip = raw.trim();
        boolean valid = IPV4.matcher(ip).matches() || (ip.contains(":") && IPV6.matcher(ip).matches() && isIpv6Literal(ip));
        if (!valid) {
            errors.add("ip_any_address", loc, "value is not a valid IPv4 or IPv6 address", raw);
            return null;
        }
        return ip;
    }

    private static boolean isIpv6Literal(String ip) {
        try {
            // A literal with ':' is parsed, never resolved.
            return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * An absolute http(s) URL. Polar's {@code {CHECKOUT_ID}} template token is allowed (and kept literally,
     * also when sent percent-encoded).
     */
    public static String httpUrl(String raw, List<Object> loc, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        String url = raw.trim().replace("%7BCHECKOUT_ID%7D", "{CHECKOUT_ID}").replace("%7bCHECKOUT_ID%7d", "{CHECKOUT_ID}");
        try {
            URI uri = new URI(url.replace("{CHECKOUT_ID}", "CHECKOUT_ID").replace("{", "%7B").replace("}", "%7D"));
            if (uri.getScheme() == null) {
                errors.add("url_parsing", loc, "Input should be a valid URL, relative URL without a base", raw);
                return null;
            }
            if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
                errors.add("url_scheme", loc, "URL scheme should be 'http' or 'https'", raw);
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                errors.add("url_parsing", loc, "Input should be a valid URL, empty host", raw);
                return null;
            }
            if (url.length() > 2083) {
                errors.add("url_too_long", loc, "URL should have at most 2083 characters", raw);
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            errors.add("url_parsing", loc, "Input should be a valid URL, " + e.getReason(), raw);
            return null;
        }
    }
}
