package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code LOG_FORMAT=json}: Kassa in its own JVM writes one JSON object per line, the access log's fields included. */
class JsonLogsProcessTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyLineIsAJsonObjectAndTheAccessLineCarriesItsFields() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("kassa-json", ".log");
        Process process = start(port, "json", log);
        try {
            awaitReady(port, process, log);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz"))
                    .header("X-Request-Id", "json-log-probe").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = new ArrayList<>();
        boolean banner = false;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("=====")) {
                // The first run's demo token banner is printed for the operator, not logged.
                banner = !banner;
            } else if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            } else if (!banner) {
                assertThat(line).as("a line that is not JSON").isBlank();
            }
        }
        assertThat(lines).isNotEmpty();
        JsonNode access = lines.stream().filter(line -> line.toString().contains("json-log-probe")
                && "kassa.access".equals(line.path("log").path("logger").asString())).findFirst().orElseThrow();
        assertThat(access.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(access.path("message").asString()).startsWith("GET /healthz 200 ");
        assertThat(access.toString()).contains("\"request_id\":\"json-log-probe\"").contains("\"status_code\":200");
    }

    @Test
    void anUnknownLogFormatStopsStartupNamingTheVariable() throws Exception {
        Path log = Files.createTempFile("kassa-json", ".log");
        Process process = start(freePort(), "yaml", log);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("LOG_FORMAT: must be text or json, got 'yaml'");
    }

    private Process start(int port, String format, Path log) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.kassa.KassaApplication", "serve");
        builder.environment().keySet().removeIf(name -> name.startsWith("KASSA_") || name.equals("DATABASE_URL"));
        builder.environment().putAll(Map.of("KASSA_DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port), "LOG_FORMAT", format));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private void awaitReady(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server died:%n%s", Files.readString(log)).isTrue();
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in 90 s:\n" + Files.readString(log));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
