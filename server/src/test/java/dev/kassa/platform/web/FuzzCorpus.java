package dev.kassa.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed requests, generated from the operations of {@code /openapi.json} (plus the routes it hides) with a seeded
 * {@link Random}: each takes a plausible request built from the operation's schema and breaks one or more things of
 * it: the JSON, a field's type or value, a path id, the query, the content type, the size, the credentials.
 */
final class FuzzCorpus {

    /** A route: method, path template, whether it takes a JSON body, the schema of the body and its query parameters. */
    record Operation(String method, String path, JsonNode bodySchema, List<QueryParameter> query, boolean customer) {
        boolean mutatingMethod() {
            return !method.equals("GET");
        }
    }

    record QueryParameter(String name, JsonNode schema) {
    }

    /** One request to send: a description to report, the request head (without framing) and the body. */
    record Request(Operation operation, String description, String head, byte[] body) {
        boolean mutating() {
            return operation.mutatingMethod();
        }
    }

    /** What the generator fills paths and fields with: ids of real objects of the two tenants, and their credentials. */
    record Seeds(Map<String, List<String>> ownIds, Map<String, List<String>> foreignIds, String merchantToken,
            String foreignToken, String customerToken, String clientSecret, String foreignClientSecret, String linkSecret) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String HOLE = "\u0001HOLE\u0001";
    private static final String HOLE_JSON = "\"\\u0001HOLE\\u0001\"";

    private static final List<String> ODD_VALUES = List.of(
            "null", "true", "false", "0", "-1", "-9223372036854775809", "9223372036854775808", "1e400", "-1e400", "1.5",
            "1e-400", "123456789012345678901234567890", "3000000000", "-3000000000", "\"\"", "\" \"", "\"\\u0000\"",
            "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"", "\"\\u001f\\u0007\\u001b\"", "\"<script>alert(1)</script>\"",
            "\"\u00ff\u00e9\u4e2d\uD83D\uDE00\"", "[]", "[null]", "{}", "{\"a\":1}", "\"unknown_enum_value\"",
            "\"00000000-0000-0000-0000-000000000000\"", "\"not-a-uuid\"", "\"2026-13-45T99:99:99Z\"", "\"https://\"",
            "\"javascript:alert(1)\"", "\"" + "x".repeat(70_000) + "\"", "[" + "1,".repeat(5_000) + "1]",
            "{\"" + "k".repeat(300) + "\":\"v\"}", "\"%00\"", "\"\\\\u0000\"", "-0", "1E2", "0.0000001", "\"1000\"",
            "\"true\"");

    private static final List<String> BAD_JSON = List.of(
            "{", "}", "[", "{\"a\":}", "{\"a\" 1}", "[1,]", "{'a':1}", "NaN", "Infinity", "{\"a\":NaN}", "{\"a\":1}{\"b\":2}",
            "{\"a\":1,}", "\"just a string\"", "12", "null", "true", "[]", "[{}]", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"unterminated}", "\ufeff{}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":--1}",
            "{\"\\ud800\":1}", "{\"a\":\"\\udfff\"}", "{\"a\":\"b\u0000\"}");

    private static final List<String> BAD_IDS = List.of(
            "", "%20", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "123", "-1", "0", "1e400", "%00", "%ED%A0%80",
            "%FF", "%C0%80", "..", "%2e%2e", "%2F", "%25", "%u0041", "a%20b", "%E2%80%AE", "x".repeat(5_000), "null",
            "%7B%7D", "%22%27", "%3Cscript%3E", "ü", "%0A", "%0D%0AX-Injected:%201", "{id}");

    private static final List<String> CONTENT_TYPES = List.of(
            "*/*", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/xml",
            "application/json; charset=latin1", "application/json; charset=utf-16", ";;;", "application/", "/json",
            "application/json, text/plain", "text/html; charset=\"", "image/png", "application/merge-patch+json");

    private static final List<String> ACCEPTS = List.of(
            "text/html", "application/xml", "*/*;q=0", "image/png", "application/json;q=0", "garbage", ",,,", "text/event-stream");

    private final List<Operation> operations;
    private final Seeds seeds;
    private final Random random;

    FuzzCorpus(List<Operation> operations, Seeds seeds, long seed) {
        this.operations = operations;
        this.seeds = seeds;
        this.random = new Random(seed);
    }

    /** The operations of an OpenAPI document, with the request body schemas resolved. */
    static List<Operation> operations(JsonNode document, List<Operation> hidden) {
        List<Operation> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PATCH", "DELETE", "PUT").contains(method)) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                List<QueryParameter> query = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    if ("query".equals(text(parameter.path("in")))) {
                        query.add(new QueryParameter(text(parameter.get("name")), resolve(document, parameter.path("schema"))));
                    }
                }
                boolean customer = operation.path("security").toString().contains("customer_session");
                found.add(new Operation(method, path.getKey(), body.isMissingNode() ? null : resolve(document, body), query, customer));
            }
        }
        found.addAll(hidden);
        return found;
    }

    /** The schema with every {@code $ref} replaced by its target (to a bounded depth; Polar's schemas do not recurse). */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        return resolve(document, schema, 0);
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 12) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (schema.has("$ref")) {
            String name = text(schema.get("$ref")).replace("#/components/schemas/", "");
            return resolve(document, document.path("components").path("schemas").path(name), depth + 1);
        }
        if (schema.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : schema.properties()) {
                copy.set(field.getKey(), resolve(document, field.getValue(), depth + 1));
            }
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            schema.forEach(item -> copy.add(resolve(document, item, depth + 1)));
            return copy;
        }
        return schema;
    }

    /** The next request: a random operation, broken in a random way. */
    Request next() {
        Operation operation = operations.get(random.nextInt(operations.size()));
        List<String> broken = new ArrayList<>();
        String path = fillPath(operation, broken);
        String query = query(operation, broken);
        JsonNode plausible = operation.bodySchema() == null ? null : instance(operation.bodySchema(), 0);
        byte[] body = body(operation, plausible, broken);
        Map<String, String> headers = headers(operation, broken);
        if (broken.isEmpty()) {
            broken.add("odd Accept");
            headers.put("Accept", pick(ACCEPTS));
        }
        StringBuilder head = new StringBuilder(operation.method()).append(' ').append(path);
        if (!query.isEmpty()) {
            head.append('?').append(query);
        }
        head.append(" HTTP/1.1");
        headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        String description = operation.method() + " " + operation.path() + " <" + String.join("; ", broken) + "> "
                + abbreviate(path + (query.isEmpty() ? "" : "?" + query), 160)
                + (body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8), 200));
        return new Request(operation, description, head.toString(), body);
    }

    private String fillPath(Operation operation, List<String> broken) {
        String[] segments = operation.path().split("/", -1);
        StringBuilder path = new StringBuilder();
        boolean breakOne = random.nextInt(100) < 35;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (i > 0) {
                path.append('/');
            }
            if (!segment.startsWith("{")) {
                path.append(segment);
                continue;
            }
            String kind = segment.equals("{client_secret}") ? (operation.path().startsWith("/v1/checkout-links") ? "link_secret" : "client_secret")
                    : segments[i - 1];
            if (breakOne) {
                String bad = pick(BAD_IDS);
                broken.add("path " + segment + "=" + abbreviate(bad, 30));
                path.append(bad);
            } else if (random.nextInt(100) < 20 || operation.method().equals("DELETE")) {
                // A DELETE of the seeds would leave the rest of the run aiming at nothing.
                broken.add("foreign " + segment);
                path.append(id(kind, seeds.foreignIds()));
            } else {
                path.append(id(kind, seeds.ownIds()));
            }
        }
        return path.toString();
    }

    private String id(String kind, Map<String, List<String>> ids) {
        if (kind.equals("client_secret")) {
            return ids == seeds.foreignIds() ? seeds.foreignClientSecret() : seeds.clientSecret();
        }
        if (kind.equals("link_secret")) {
            return seeds.linkSecret();
        }
        List<String> candidates = ids.getOrDefault(kind, List.of());
        return candidates.isEmpty() ? UUID.randomUUID().toString() : candidates.get(random.nextInt(candidates.size()));
    }

    private String query(Operation operation, List<String> broken) {
        List<String> pairs = new ArrayList<>();
        int roll = random.nextInt(100);
        if (roll < 30 && !operation.query().isEmpty()) {
            QueryParameter parameter = operation.query().get(random.nextInt(operation.query().size()));
            String value = pick(List.of("3000000000", "4294967296", "-1", "0", "abc", "1.5", "", "99999999999999999999", "%00",
                    "%ZZ", "%FF", "%ED%A0%80", "%C0%80", "not-a-uuid", "unknown_enum_value", "-created_at,zzz", "true%00",
                    "x".repeat(10_000), "1e400", "NaN", "%E2%80%AE", "+", "%2B", "%"));
            broken.add("query " + parameter.name() + "=" + abbreviate(value, 30));
            pairs.add(parameter.name() + "=" + value);
            if (random.nextBoolean()) {
                broken.add("duplicate " + parameter.name());
                pairs.add(parameter.name() + "=" + pick(List.of("1", "2", "x", "")));
            }
        } else if (roll < 45) {
            String odd = pick(List.of("=0", "&&&", "=", "a=1&=2", "%00=1", "page", "page=1&page=2&page=3", "limit=100&limit=0",
                    "sorting=-created_at&sorting=zzz", "unknown=1", "a[b]=1", "%ZZ", "a=%", "page=%FF", "x=" + "y".repeat(20_000),
                    "organization_id=" + UUID.randomUUID(), "organization_id=" + seeds.foreignIds().getOrDefault("organization", List.of("x")).getFirst()));
            broken.add("query " + abbreviate(odd, 30));
            pairs.add(odd);
        }
        return String.join("&", pairs);
    }

    private byte[] body(Operation operation, JsonNode plausible, List<String> broken) {
        int roll = random.nextInt(100);
        if (plausible == null) {
            if (roll < 15) {
                broken.add("unexpected body");
                return pick(BAD_JSON).getBytes(StandardCharsets.UTF_8);
            }
            return operation.method().equals("GET") || operation.method().equals("DELETE") ? null : new byte[0];
        }
        if (roll < 15) {
            broken.add("bad JSON");
            return pick(BAD_JSON).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 20) {
            broken.add("body not an object");
            return pick(List.of("[]", "null", "\"x\"", "1", "[{}]", "true", "[" + plausible + "]")).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 23) {
            broken.add("deep nesting");
            int depth = pick(List.of(600, 2_000, 50_000));
            return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 26) {
            broken.add("oversized body");
            String padding = "a".repeat(pick(List.of(1024 * 1024, 2 * 1024 * 1024, 3 * 1024 * 1024)));
            return ("{\"metadata\":{\"k\":\"" + padding + "\"}}").getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 29) {
            broken.add("empty body");
            return pick(List.of("", " ", "\r\n")).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 32) {
            broken.add("invalid UTF-8");
            byte[] json = plausible.toString().getBytes(StandardCharsets.UTF_8);
            byte[] bad = new byte[json.length + 3];
            System.arraycopy(json, 0, bad, 0, json.length);
            int at = Math.max(1, json.length - 2);
            System.arraycopy(json, at, bad, at + 3, json.length - at);
            bad[at] = (byte) 0xED;
            bad[at + 1] = (byte) 0xA0;
            bad[at + 2] = (byte) 0x80;
            return bad;
        }
        int mutations = 1 + (random.nextInt(100) < 20 ? 1 : 0);
        String json = plausible.toString();
        for (int i = 0; i < mutations; i++) {
            json = mutate(json, broken);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces one value (or key) somewhere in {@code json} with an odd one, or drops or adds a field. */
    private String mutate(String json, List<String> broken) {
        JsonNode tree = MAPPER.readTree(json);
        List<List<Object>> paths = new ArrayList<>();
        collect(tree, new ArrayList<>(), paths);
        List<Object> target = paths.get(random.nextInt(paths.size()));
        int roll = random.nextInt(100);
        if (roll < 10 && !target.isEmpty() && parent(tree, target) instanceof ObjectNode object) {
            broken.add("drop " + target);
            object.remove((String) target.getLast());
            return tree.toString();
        }
        if (roll < 18 && node(tree, target) instanceof ObjectNode object) {
            String key = pick(List.of("unknown_field", "\u0000", "__proto__", "", "k".repeat(500), "id", "organization_id"));
            broken.add("add key " + abbreviate(key, 20));
            object.put(key, HOLE);
            return tree.toString().replace(HOLE_JSON, pick(ODD_VALUES));
        }
        String odd = pick(ODD_VALUES);
        broken.add(target + "=" + abbreviate(odd, 40));
        if (target.isEmpty()) {
            return odd;
        }
        JsonNode parent = parent(tree, target);
        Object last = target.getLast();
        if (parent instanceof ObjectNode object) {
            object.put((String) last, HOLE);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, JsonNodeFactory.instance.stringNode(HOLE));
        }
        return tree.toString().replace(HOLE_JSON, odd);
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> into) {
        into.add(List.copyOf(path));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                path.add(field.getKey());
                collect(field.getValue(), path, into);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, into);
                path.removeLast();
            }
        }
    }

    private static JsonNode node(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static JsonNode parent(JsonNode root, List<Object> path) {
        return node(root, path.subList(0, path.size() - 1));
    }

    /** A value that fits {@code schema}, as a client that read the document would send. */
    private JsonNode instance(JsonNode schema, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (String union : List.of("anyOf", "oneOf")) {
            if (schema.has(union)) {
                List<JsonNode> options = new ArrayList<>();
                schema.get(union).forEach(option -> {
                    if (!"null".equals(text(option.path("type")))) {
                        options.add(option);
                    }
                });
                return options.isEmpty() ? nodes.nullNode() : instance(options.get(random.nextInt(options.size())), depth + 1);
            }
        }
        if (schema.path("allOf").size() > 0) {
            return instance(schema.get("allOf").get(0), depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        String type = text(schema.path("type"));
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(name -> required.add(text(name)));
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").properties().iterator();
                while (properties.hasNext() && depth < 8) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    if (required.contains(property.getKey()) || random.nextInt(100) < 35) {
                        object.set(property.getKey(), value(property.getKey(), property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                if (depth < 8) {
                    array.add(instance(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                long minimum = schema.path("minimum").asLong(0);
                return nodes.numberNode(Math.max(minimum, 1000));
            }
            case "number" -> {
                return nodes.numberNode(10.5);
            }
            case "boolean" -> {
                return nodes.booleanNode(random.nextBoolean());
            }
            case "string" -> {
                return nodes.stringNode(string(schema));
            }
            default -> {
                return nodes.stringNode("value");
            }
        }
    }

    /** A property's value; ids by the property's name come from the seeds, so that most bodies reach the services. */
    private JsonNode value(String name, JsonNode schema, int depth) {
        String kind = switch (name) {
            case "product_id", "products" -> "products";
            case "discount_id" -> "discounts";
            case "customer_id" -> "customers";
            case "order_id" -> "orders";
            case "subscription_id" -> "subscriptions";
            case "product_price_id" -> "prices";
            case "custom_field_id" -> "custom-fields";
            default -> null;
        };
        if (kind != null && seeds.ownIds().containsKey(kind)) {
            List<String> ids = seeds.ownIds().get(kind);
            String id = ids.get(random.nextInt(ids.size()));
            return "products".equals(name) ? JsonNodeFactory.instance.arrayNode().add(id) : JsonNodeFactory.instance.stringNode(id);
        }
        if ("email".equals(name) || name.endsWith("_email")) {
            return JsonNodeFactory.instance.stringNode("fuzz" + random.nextInt(1_000_000) + "@example.com");
        }
        return instance(schema, depth);
    }

    private String string(JsonNode schema) {
        String format = text(schema.path("format"));
        return switch (format) {
            case "uuid", "uuid4" -> UUID.randomUUID().toString();
            case "email" -> "fuzz" + random.nextInt(1_000_000) + "@example.com";
            case "uri" -> "https://example.com/" + random.nextInt(1000);
            case "date-time" -> "2026-12-02T10:00:00Z";
            case "date" -> "2026-12-02";
            default -> "v" + random.nextInt(1_000_000);
        };
    }

    private Map<String, String> headers(Operation operation, List<String> broken) {
        Map<String, String> headers = new LinkedHashMap<>();
        String token = operation.customer() ? seeds.customerToken() : seeds.merchantToken();
        int roll = random.nextInt(100);
        if (roll < 12) {
            String odd = pick(List.of("", "Bearer", "Bearer ", "Bearer  " + token, "bearer " + token, "Basic dXNlcjpwYXNz",
                    "Bearer polar_oat_" + "A".repeat(43), "Bearer polar_cst_" + "B".repeat(43), "Bearer " + "x".repeat(8_000),
                    "Bearer \u00e9\u00ff", "Token " + token, "Bearer " + token + " extra", "Bearer " + seeds.foreignToken(),
                    "Bearer " + (operation.customer() ? seeds.merchantToken() : seeds.customerToken())));
            broken.add("Authorization " + abbreviate(odd, 24));
            if (!odd.isEmpty()) {
                headers.put("Authorization", odd);
            }
        } else if (roll < 15) {
            broken.add("two Authorization headers");
            headers.put("Authorization", "Bearer " + token + "\r\nAuthorization: Bearer " + seeds.foreignToken());
        } else if (roll < 18) {
            broken.add("no Authorization");
        } else {
            headers.put("Authorization", "Bearer " + token);
        }
        roll = random.nextInt(100);
        if (roll < 15) {
            String type = pick(CONTENT_TYPES);
            broken.add("Content-Type " + type);
            headers.put("Content-Type", type);
        } else if (!operation.method().equals("GET")) {
            headers.put("Content-Type", "application/json");
        }
        if (random.nextInt(100) < 10) {
            String accept = pick(ACCEPTS);
            broken.add("Accept " + accept);
            headers.put("Accept", accept);
        }
        if (random.nextInt(100) < 4) {
            broken.add("Polar-Version odd");
            headers.put("Polar-Version", pick(List.of("1999-01-01", "garbage", "", "2026-10", "9999-99")));
        }
        if (operation.mutatingMethod() && random.nextInt(100) < 4) {
            broken.add("Idempotency-Key odd");
            headers.put("Idempotency-Key", pick(List.of("", " ", "k".repeat(300), "\u00e9\u00e9", "key with spaces")));
        }
        return headers;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : "";
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String abbreviate(String text, int max) {
        String printable = text.replaceAll("[\\p{Cntrl}]", "\u2423");
        return printable.length() <= max ? printable : printable.substring(0, max) + "...(" + text.length() + ")";
    }
}
