package dev.kassa.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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

    /**
     * Starts the server. The caller holds the folder's {@link DataFolderLock}, so a PostgreSQL still running on these
     * files was left behind by a Kassa that is gone (killed with SIGKILL, say): it is stopped first.
     */
    public static EmbeddedDatabase start(Path kassaDataDir, Durability durability) {
        Path dataDirectory = dataDirectory(kassaDataDir);
        stopOrphanedServer(dataDirectory);
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
     * Stops a PostgreSQL left running on {@code dataDirectory} by a Kassa that died without stopping it, with a fast
     * shutdown (SIGINT: sessions are ended, committed work is kept) and, should that hang, an immediate one
     * (SIGQUIT: crash recovery at the next start). A postmaster.pid whose process is gone is left to PostgreSQL,
     * which replaces it; one whose pid now belongs to another program is removed, or PostgreSQL would refuse to start.
     */
    static void stopOrphanedServer(Path dataDirectory) {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
        if (pidFile.isEmpty()) {
            return;
        }
        long pid = pidFile.get().pid();
        Optional<ProcessHandle> process = pidFile.get().process();
        if (process.isEmpty()) {
            log.info("{} names process {}, which is gone; PostgreSQL replaces the stale file", pidFile.get().path(), pid);
            return;
        }
        Optional<Boolean> writtenBy = pidFile.get().writtenBy(process.get());
        if (writtenBy.isEmpty()) {
            log.warn("Cannot tell whether process {} is the PostgreSQL of {}; leaving it to PostgreSQL", pid, dataDirectory);
            return;
        }
        if (!writtenBy.get()) {
            log.info("{} names process {}, now another program; removing the stale file", pidFile.get().path(), pid);
            try {
                Files.deleteIfExists(pidFile.get().path());
            } catch (IOException e) {
                throw new IllegalStateException("Could not remove the stale " + pidFile.get().path() + ": " + e.getMessage(), e);
            }
            return;
        }
        log.warn("The embedded PostgreSQL (pid {}) of {} was left running by a Kassa that is gone; stopping it", pid, dataDirectory);
        if (signal(process.get(), "INT") && awaitStopped(process.get(), pidFile.get().path(), Duration.ofSeconds(20))) {
            log.info("Stopped the orphaned PostgreSQL (pid {})", pid);
            return;
        }
        log.warn("The orphaned PostgreSQL (pid {}) did not stop in 20 s; shutting it down immediately", pid);
        if (signal(process.get(), "QUIT") && awaitStopped(process.get(), pidFile.get().path(), Duration.ofSeconds(10))) {
            return;
        }
        throw new IllegalStateException("The PostgreSQL (pid " + pid + ") left running on " + dataDirectory
                + " by an earlier Kassa does not stop; stop it (kill " + pid + ") and start Kassa again");
    }

    /** Sends a signal Java has no API for with the system's {@code kill}; SIGTERM (a smart shutdown) without it. */
    private static boolean signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return true;
            }
        } catch (IOException e) {
            log.debug("No kill command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return process.destroy() || !process.isAlive();
    }

    /**
     * Whether the postmaster ended within {@code timeout}. It removes postmaster.pid as its very last step; its
     * process may linger a moment as a zombie of whoever adopted it.
     */
    private static boolean awaitStopped(ProcessHandle process, Path pidFile, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || !Files.exists(pidFile)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Finds an embedded PostgreSQL already serving {@code kassaDataDir} (a running Kassa server), so that
     * admin commands connect to it instead of starting a second server on the same files.
     */
    public static Optional<String> runningInstanceJdbcUrl(Path kassaDataDir) {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory(kassaDataDir));
        if (pidFile.isEmpty()) {
            return Optional.empty();
        }
        String url = jdbcUrl(pidFile.get().port());
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return Optional.of(url);
        } catch (SQLException e) {
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
