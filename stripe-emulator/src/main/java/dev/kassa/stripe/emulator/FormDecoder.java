package dev.kassa.stripe.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Stripe's {@code application/x-www-form-urlencoded} bracket notation into nested maps and lists.
 *
 * <ul>
 *   <li>{@code email=a%40b.c} → {@code {email: "a@b.c"}}</li>
 *   <li>{@code customer_details[address][country]=DE} → nested maps</li>
 *   <li>{@code line_items[0][amount]=1000&line_items[1][amount]=500} → a list ordered by index (stripe-java
 *       writes lists this way)</li>
 *   <li>{@code expand[]=a&expand[]=b} → {@code ["a", "b"]}; {@code x[][k]=1&x[][k]=2} starts a new element each
 *       time the last one already has the key</li>
 *   <li>{@code metadata[0]=x} stays a map: the children of a {@code metadata} key are never turned into a list</li>
 * </ul>
 *
 * Values stay strings; an empty value ({@code email=}) is kept as {@code ""}, which Stripe reads as "unset".
 * A key used both as a value and as a container ({@code a=1&a[b]=2}) is a 400 {@code invalid_request_error}.
 */
public final class FormDecoder {

    private FormDecoder() {
    }

    public static Map<String, Object> decode(String form) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return root;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeComponent(pair.substring(eq + 1));
            put(root, key, value);
        }
        return finish(root);
    }

    /** Decodes already-split pairs, for servlet containers that have consumed the body into parameters. */
    public static Map<String, Object> decode(List<Map.Entry<String, String>> pairs) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            put(root, pair.getKey(), pair.getValue() == null ? "" : pair.getValue());
        }
        return finish(root);
    }

    private static String decodeComponent(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StripeApiException.invalidRequest("Invalid URL encoding: " + s, null);
        }
    }

    static List<String> path(String key) {
        List<String> segments = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            segments.add(key);
            return segments;
        }
        if (open == 0) {
            throw StripeApiException.invalidRequest("Invalid parameter name: " + key, key);
        }
        segments.add(key.substring(0, open));
        int i = open;
        while (i < key.length()) {
            if (key.charAt(i) != '[') {
                throw StripeApiException.invalidRequest("Invalid parameter name: " + key, key);
            }
            int close = key.indexOf(']', i);
            if (close < 0) {
                throw StripeApiException.invalidRequest("Invalid parameter name: " + key, key);
            }
            segments.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, String value) {
        List<String> segments = path(key);
        Map<String, Object> node = root;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.isEmpty()) {
                // "[]": append, or keep filling the last element while it lacks the next key.
                String nextKey = last ? null : segments.get(i + 1);
                int size = node.size();
                Object previous = size == 0 ? null : node.get(String.valueOf(size - 1));
                if (!last && previous instanceof Map<?, ?> map && !map.containsKey(nextKey)) {
                    segment = String.valueOf(size - 1);
                } else {
                    segment = String.valueOf(size);
                }
            }
            if (last) {
                if (node.get(segment) instanceof Map) {
                    throw StripeApiException.invalidRequest("Invalid parameter: " + key
                            + " is given both as a value and as a hash", key);
                }
                node.put(segment, value);
                return;
            }
            Object child = node.get(segment);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            } else if (!(child instanceof Map)) {
                throw StripeApiException.invalidRequest("Invalid parameter: " + key
                        + " is given both as a value and as a hash", key);
            }
            node = (Map<String, Object>) child;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finish(Map<String, Object> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> child) {
                Map<String, Object> finished = finish((Map<String, Object>) child);
                value = !"metadata".equals(entry.getKey()) && isIndexed(finished) ? toList(finished) : finished;
            }
            result.put(entry.getKey(), value);
        }
        return result;
    }

    private static boolean isIndexed(Map<String, Object> map) {
        if (map.isEmpty()) {
            return false;
        }
        for (String key : map.keySet()) {
            if (key.isEmpty() || key.length() > 9 || !key.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> toList(Map<String, Object> indexed) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(indexed.entrySet());
        entries.sort((a, b) -> Integer.compare(Integer.parseInt(a.getKey()), Integer.parseInt(b.getKey())));
        List<Object> list = new ArrayList<>(entries.size());
        for (Map.Entry<String, Object> entry : entries) {
            list.add(entry.getValue());
        }
        return list;
    }
}
