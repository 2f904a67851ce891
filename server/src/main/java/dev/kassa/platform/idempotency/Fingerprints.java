package dev.kassa.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What makes two requests with one key "the same": the query string and the JSON body compared as data (object
 * members in any order, any whitespace), as Stripe compares a request's parameters. A body that is not JSON is
 * compared byte for byte.
 */
final class Fingerprints {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Fingerprints() {
    }

    static String of(String query, byte[] body) {
        StringBuilder canonical = new StringBuilder("query:").append(query == null ? "" : query).append('\n');
        try {
            JsonNode tree = body.length == 0 ? null : MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                canonical.append("empty");
            } else {
                canonical.append("json:");
                write(tree, canonical);
            }
        } catch (JacksonException e) {
            canonical.append("raw:").append(HexFormat.of().formatHex(sha256(body)));
        }
        return HexFormat.of().formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                out.append(i == 0 ? "" : ",").append(MAPPER.writeValueAsString(members.get(i).getKey())).append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
