package dev.kassa.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks of a parsed body that no field reader repeats: every string and key must be storable ({@link StorableText}),
 * and every number finite ({@code 1e400} parses as infinity, which no amount, quantity or metadata value may be).
 */
public final class JsonBodyChecks {

    private JsonBodyChecks() {
    }

    /** The first problem in {@code body}, located under {@code ["body", ...]}, or null. */
    public static ValidationProblem firstProblem(JsonNode body) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        return walk(body, loc);
    }

    private static ValidationProblem walk(JsonNode node, List<Object> loc) {
        if (node.isString()) {
            String problem = StorableText.problem(node.stringValue());
            return problem == null ? null
                    : new ValidationProblem(StorableText.TYPE, loc, problem, StorableText.printable(node.stringValue()));
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) && !node.isBigDecimal()) {
            return new ValidationProblem("finite_number", loc, "Input should be a finite number",
                    String.valueOf(node.doubleValue()));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                loc.add(i);
                ValidationProblem found = walk(node.get(i), loc);
                if (found != null) {
                    return found;
                }
                loc.removeLast();
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String keyProblem = StorableText.problem(field.getKey());
                String key = StorableText.printable(field.getKey());
                loc.add(key);
                if (keyProblem != null) {
                    return new ValidationProblem(StorableText.TYPE, loc, keyProblem, key);
                }
                ValidationProblem found = walk(field.getValue(), loc);
                if (found != null) {
                    return found;
                }
                loc.removeLast();
            }
        }
        return null;
    }
}
