package dev.kassa.stripe.emulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes the emulator's object trees (maps, lists, strings, integers, booleans, null) as JSON, indented by two
 * spaces like Stripe's own responses, and reads them back ({@link #read}: integers as {@code Long}, other numbers
 * as {@code BigDecimal}, objects as insertion-ordered maps). Kept dependency-free so the core runs without Jackson
 * or Spring.
 */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append(d.toPlainString());
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Map<?, ?> map -> object(out, map, depth);
            case List<?> list -> array(out, list, depth);
            default -> throw new IllegalArgumentException("Not a JSON value: " + value.getClass());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            string(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            write(out, item, depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Parses JSON text as written by {@link #write} (or any JSON) into maps, lists, strings, longs, booleans, null. */
    public static Object read(String json) {
        Reader reader = new Reader(json);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos != json.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    /** {@link #read} for a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String json) {
        return (Map<String, Object>) read(json);
    }

    private static final class Reader {

        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> map = new java.util.LinkedHashMap<>();
                    skipSpace();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        skipSpace();
                        String key = string();
                        skipSpace();
                        expect(':');
                        map.put(key, value());
                        skipSpace();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    pos++;
                    List<Object> list = new java.util.ArrayList<>();
                    skipSpace();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        skipSpace();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String word : List.of("true", "false", "null")) {
                        if (text.startsWith(word, pos)) {
                            pos += word.length();
                            return word.equals("null") ? null : Boolean.valueOf(word);
                        }
                    }
                    return number();
                }
            }
        }

        private Object number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String number = text.substring(start, pos);
            if (number.isEmpty()) {
                throw error("unexpected character");
            }
            try {
                return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : new BigDecimal(number);
            } catch (NumberFormatException e) {
                throw error("bad number " + number);
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("Invalid JSON at " + pos + ": " + problem);
        }
    }
}
