package dev.kassa.support;

import io.restassured.RestAssured;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code GET /metrics}: every sample by its series (name and labels, as written). */
public record Scrape(Map<String, Double> samples) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");

    public static Scrape of(int port) {
        String body = RestAssured.given().port(port).get("/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return new Scrape(samples);
    }

    /** The sum of the series named {@code name} whose labels include every one of {@code labels} (0 when none). */
    public double sum(String name, String... labels) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{") && List.of(labels).stream().allMatch(e.getKey()::contains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** How much that sum moved since {@code before}. */
    public double since(Scrape before, String name, String... labels) {
        return sum(name, labels) - before.sum(name, labels);
    }
}
