package dev.kassa.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup PostgreSQL: a real server from binaries shipped in Maven jars, with its data under
 * {@code KASSA_DATA_DIR/postgres} so that it survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static Path dataDirectory(Path kassaDataDir) {
        return kassaDataDir.resolve("postgres");
    }

    /**
     * Whether a commit survives a crash. zonky's defaults are for throwaway databases ({@code -F}, i.e. fsync off,
     * and {@code synchronous_commit=off}); a data folder with real data needs all three settings on.
     */
    public enum Durability {
        /** fsync, synchronous_commit and full_page_writes on: for every real data folder. */
        DURABLE("on"),
        /** All three off: only for the test suite's temporary databases, whose data nobody needs after the run. */
        THROWAWAY("off");

        private final String value;

        Durability(String value) {
            this.value = value;
        }
    }

    public static EmbeddedDatabase start(Path kassaDataDir, Durability durability) {
        Path dataDirectory = dataDirectory(kassaDataDir);
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(kassaDataDir.resolve("postgres-binaries").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", durability.value)
                    .setServerConfig("synchronous_commit", durability.value)
                    .setServerConfig("full_page_writes", durability.value)
                    .setRegisterShutdownHook(true)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({})", postgres.getPort(), dataDirectory,
                    durability == Durability.DURABLE ? "durable: fsync on" : "throwaway: fsync off");
            return new EmbeddedDatabase(postgres);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " (" + e.getMessage() + "). It needs 'unshare' when running as root; "
                    + "set DATABASE_URL=postgresql://user:pass@host:port/db to use an external PostgreSQL instead.", e);
        }
    }

    /**
     * Finds an embedded PostgreSQL already serving {@code kassaDataDir} (a running Kassa server), so that
     * admin commands connect to it instead of starting a second server on the same files.
     */
    public static Optional<String> runningInstanceJdbcUrl(Path kassaDataDir) {
        Path pidFile = dataDirectory(kassaDataDir).resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).trim());
            String url = jdbcUrl(port);
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            properties.setProperty("connectTimeout", "3");
            try (Connection ignored = DriverManager.getConnection(url, properties)) {
                return Optional.of(url);
            }
        } catch (IOException | NumberFormatException | SQLException e) {
            return Optional.empty();
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
