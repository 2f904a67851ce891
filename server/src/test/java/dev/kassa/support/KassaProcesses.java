package dev.kassa.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.admin.AdminCommand;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real Kassa JVMs (the main class on the test's class path, {@code serve}) on one PostgreSQL database of the test's
 * own, as an operator runs them: configured by {@code DATABASE_URL} and {@code PORT} only, so that killing a node
 * kills Kassa alone and the database keeps what was committed. {@link #close()} kills every node still running and
 * stops the database, so that a failed assertion leaves no JVM behind.
 */
public final class KassaProcesses implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final EmbeddedPostgres postgres;
    private final String database;
    private final Path dataDir;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KassaProcesses(EmbeddedPostgres postgres, String database, Path dataDir) {
        this.postgres = postgres;
        this.database = database;
        this.dataDir = dataDir;
    }

    /** Starts a PostgreSQL and creates {@code database} in it; nodes' data folders and logs go under {@code dataDir}. */
    public static KassaProcesses onNewDatabase(Path dataDir, String database) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new KassaProcesses(postgres, database, dataDir);
    }

    public String databaseUrl() {
        return "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database;
    }

    /**
     * Starts node {@code name} listening on {@code port} (0: a free port Kassa picks, known after
     * {@link Node#awaitReady()}), with these JVM options ({@code -Dkassa.x=y}); its output goes to
     * {@code <dataDir>/<name>.log}.
     */
    public Node start(String name, int port, List<String> jvmOptions) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.addAll(List.of("dev.kassa.KassaApplication", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("KASSA_") || variable.equals("DATABASE_URL")
                || variable.startsWith("STRIPE_") || variable.equals("PUBLIC_BASE_URL"));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("KASSA_DATA_DIR", dataDir.resolve(name).toString());
        builder.environment().put("DATABASE_URL", databaseUrl());
        Path log = dataDir.resolve(name + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Node node = new Node(name, builder.start(), port, log);
        nodes.add(node);
        return node;
    }

    /** {@code admin create-organization}, run against the database as an operator would; returns its token. */
    public String createOrganization(String name, String slug) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AdminCommand.run(new String[] {"create-organization", "--name", name, "--slug", slug},
                Map.of("DATABASE_URL", databaseUrl(), "KASSA_DATA_DIR", dataDir.resolve("admin").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8)).get("token").stringValue();
    }

    /** A connection to the nodes' database, for the test to look at (or set) state directly. */
    public Connection connection() throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    /** The first column of every row of {@code sql}, as text. */
    public List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = connection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return values;
    }

    /** The first column of the first row of {@code sql}, as text. */
    public String single(String sql) {
        return strings(sql).getFirst();
    }

    public long count(String sql) {
        return Long.parseLong(single(sql));
    }

    public void update(String sql) {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (Node node : nodes) {
                node.destroyForcibly();
            }
        } finally {
            postgres.close();
        }
    }

    /** One Kassa JVM. */
    public final class Node {

        private final String name;
        private final Process process;
        private final Path log;
        private volatile int port;

        private Node(String name, Process process, int port, Path log) {
            this.name = name;
            this.process = process;
            this.port = port;
            this.log = log;
        }

        /** The port it listens on; for a node started on port 0, known once it listens. */
        public int port() {
            assertThat(port).as("node %s has not said which port it picked yet", name).isPositive();
            return port;
        }

        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        public Process process() {
            return process;
        }

        public String log() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "";
        }

        /** Waits until it listens and {@code GET /readyz} answers 200 (at most two minutes); fails if it died. */
        public Node awaitReady() throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(STARTUP);
            while (Instant.now().isBefore(deadline)) {
                assertThat(process.isAlive()).as("node %s died:%n%s", name, log()).isTrue();
                if (port == 0) {
                    Matcher listening = LISTENING.matcher(log());
                    if (listening.find()) {
                        port = Integer.parseInt(listening.group(1));
                    }
                }
                if (port != 0 && ready()) {
                    return this;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("node " + name + " not ready in " + STARTUP.toSeconds() + " s:\n" + log());
        }

        private boolean ready() throws InterruptedException {
            try {
                return http.send(HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }

        /** SIGKILL: the JVM ends at once, mid-request, with nothing flushed or finished. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node %s ends on SIGKILL", name).isTrue();
        }

        /** SIGTERM: a graceful stop, which must end within a minute. */
        public void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node %s stops on SIGTERM", name).isTrue();
        }

        private void destroyForcibly() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
