package dev.kassa.platform.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string decoded as {@code application/x-www-form-urlencoded} UTF-8, strictly: {@code +} is a space, every
 * {@code %} starts two hex digits, the bytes are valid UTF-8 (so no lone surrogate can arise), and no name or value
 * holds a NUL. A chunk without a name ({@code =0}, {@code &&}) is ignored, as Starlette ignores it; a name repeated
 * keeps every value in order.
 */
record QueryString(Map<String, String[]> parameters) {

    /** A query string Kassa refuses, with the 422 problem that says why. */
    static final class Invalid extends Exception {
        private final transient ValidationProblem problem;

        Invalid(ValidationProblem problem) {
            super(problem.msg(), null, false, false);
            this.problem = problem;
        }

        ValidationProblem problem() {
            return problem;
        }
    }

    static QueryString parse(String raw) throws Invalid {
        if (raw == null || raw.isEmpty()) {
            return new QueryString(Map.of());
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String chunk : raw.split("&")) {
            if (chunk.isEmpty()) {
                continue;
            }
            int equals = chunk.indexOf('=');
            String rawName = equals < 0 ? chunk : chunk.substring(0, equals);
            String rawValue = equals < 0 ? "" : chunk.substring(equals + 1);
            String name = decode(rawName, rawName);
            if (name.isEmpty()) {
                continue;
            }
            String value = decode(rawValue, name);
            values.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
        return new QueryString(Collections.unmodifiableMap(parameters));
    }

    private static String decode(String raw, String name) throws Invalid {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw invalid(name, raw, "Input should be a valid query string, '%' must start a two-digit hex escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7F && c <= 0xFF) {
                // Tomcat hands the raw query over as ISO-8859-1: such a char is one undecoded byte.
                bytes.write(c);
            } else if (c > 0xFF) {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            } else {
                bytes.write(c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(name, raw, "Input should be a valid string, unable to parse raw data as a unicode string");
        }
        String problem = StorableText.problem(decoded);
        if (problem != null) {
            throw invalid(name, raw, problem);
        }
        return decoded;
    }

    private static Invalid invalid(String name, String raw, String message) {
        String where = StorableText.printable(name);
        return new Invalid(new ValidationProblem(StorableText.TYPE, List.of("query", where), message, raw));
    }
}
