package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kassa as an operator runs it: the real main class in its own JVM, configured by environment variables, on
 * the embedded PostgreSQL, stopped with SIGTERM.
 */
class KassaProcessTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        Process first = start(port, Map.of());
        awaitReady(port, first);
        String token = Files.readString(dataDir.resolve("demo-token")).trim();
        assertThat(get(port, "/v1/products/", token).statusCode()).isEqualTo(200);
        HttpResponse<String> product = post(port, "/v1/products/", token,
                "{\"name\":\"Linked\",\"prices\":[{\"amount_type\":\"fixed\",\"price_amount\":900}]}");
        HttpResponse<String> checkout = post(port, "/v1/checkouts/", token,
                "{\"products\":[\"" + product.body().replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1") + "\"]}");
        assertThat(checkout.body()).as("PUBLIC_BASE_URL unset: links name the port Kassa listens on")
                .contains("\"url\":\"http://localhost:" + port + "/checkout/");

        stop(first);

        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("embedded PostgreSQL stopped").doesNotExist();
        assertThat(Files.readString(logOf(first))).contains("Embedded PostgreSQL stopped");

        Process second = start(port, Map.of());
        awaitReady(port, second);
        assertThat(get(port, "/v1/products/", token).statusCode()).as("token from the first run still works").isEqualTo(200);
        assertThat(Files.readString(logOf(second))).doesNotContain("Created the Demo organization");
        stop(second);
    }

    @Test
    void afterASigkillTheNextStartStopsTheOrphanedDatabaseAndIsReadyWithTheCommittedDataOnADurableDatabase() throws Exception {
        int port = freePort();
        Process first = start(port, Map.of());
        awaitReady(port, first);
        String token = Files.readString(dataDir.resolve("demo-token")).trim();
        HttpResponse<String> created = post(port, "/v1/products/", token,
                "{\"name\":\"Before the crash\",\"prices\":[{\"amount_type\":\"fixed\",\"price_amount\":1500}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String productId = created.body().replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
        long orphan = postmasterPid();

        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("PostgreSQL outlives a SIGKILLed Kassa").contains(true);

        Instant restarted = Instant.now();
        Process second = start(port, Map.of());
        awaitReady(port, second, Duration.ofSeconds(30));
        assertThat(Duration.between(restarted, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(get(port, "/v1/products/" + productId, token).statusCode()).as("committed before the crash").isEqualTo(200);
        assertThat(Files.readString(logOf(second))).contains("was left running by a Kassa that is gone");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the orphan was stopped").isNotEqualTo(Optional.of(true));
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            assertThat(showEmbedded(setting)).as("%s of a real data folder", setting).isEqualTo("on");
        }

        // Kassa and PostgreSQL both killed (an OOM killer, a power cut): postmaster.pid names a dead process.
        long postmaster = postmasterPid();
        second.destroyForcibly();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        awaitGone(postmaster);
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("stale pid file left behind").exists();

        Process third = start(port, Map.of());
        awaitReady(port, third, Duration.ofSeconds(30));
        assertThat(get(port, "/v1/products/" + productId, token).statusCode()).isEqualTo(200);
        stop(third);
    }

    @Test
    void aSecondKassaOnAFolderInUseFailsAtOnceWhileAdminCommandsStillWork() throws Exception {
        int port = freePort();
        Process first = start(port, Map.of());
        awaitReady(port, first);

        Instant started = Instant.now();
        Process second = start(freePort(), Map.of());
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("second Kassa exits").isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readString(logOf(second))).contains("another Kassa is using " + dataDir);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));

        Process admin = run(Map.of(), "admin", "create-organization", "--name", "Acme", "--slug", "acme-process-test");
        assertThat(admin.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(admin.exitValue()).as(Files.readString(logOf(admin))).isZero();
        assertThat(Files.readString(logOf(admin))).contains("\"slug\":\"acme-process-test\"");

        assertThat(get(port, "/readyz", null).statusCode()).as("the first Kassa is unharmed").isEqualTo(200);
        stop(first);
    }

    @Test
    void malformedConfigurationStopsStartupNamingTheVariable() throws Exception {
        Process process = start(freePort(), Map.of("PORT", "eighty"));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(logOf(process))).contains("PORT: not a number: 'eighty'");
    }

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    /** A failed assertion must not leave a Kassa JVM running (the embedded PostgreSQL stops with it or at the next start). */
    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : logs.keySet()) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Path logOf(Process process) {
        return logs.get(process);
    }

    private Process start(int port, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.putIfAbsent("PORT", Integer.toString(port));
        return run(env, "serve");
    }

    private Process run(Map<String, String> extraEnv, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.kassa.KassaApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("KASSA_") || name.equals("DATABASE_URL"));
        builder.environment().put("KASSA_DATA_DIR", dataDir.toString());
        builder.environment().putAll(extraEnv);
        Path log = Files.createTempFile("kassa-process", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        logs.put(process, log);
        return process;
    }

    private void awaitReady(int port, Process process) throws Exception {
        awaitReady(port, process, Duration.ofSeconds(90));
    }

    private void awaitReady(int port, Process process, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("server died:%n%s", Files.readString(logOf(process))).isTrue();
            try {
                if (get(port, "/readyz", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not ready in " + timeout.toSeconds() + " s:\n" + Files.readString(logOf(process), StandardCharsets.UTF_8));
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().trim());
    }

    private static void awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    }

    private HttpResponse<String> post(int port, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A server setting of the embedded PostgreSQL serving {@link #dataDir}, found through its postmaster.pid. */
    private String showEmbedded(String setting) throws IOException, SQLException {
        int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim());
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", null);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
