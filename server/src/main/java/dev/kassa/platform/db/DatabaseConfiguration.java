package dev.kassa.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kassa.platform.config.DatabaseUrl;
import dev.kassa.platform.config.KassaSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one DataSource: the external database of {@code DATABASE_URL}, or the embedded PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * Starts the embedded PostgreSQL when no DATABASE_URL is set, under the data folder's {@link DataFolderLock}: a
     * second Kassa on a folder in use fails at once. Admin commands ({@code kassa.attach-to-running-embedded=true})
     * first look for one a running server already started on the same data folder, and connect to it without the
     * lock rather than start a second server on the same files.
     */
    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(KassaSettings settings,
            @Value("${kassa.attach-to-running-embedded:false}") boolean attachToRunning,
            @Value("${kassa.test.throwaway-embedded-database:false}") boolean throwaway) {
        if (!settings.embeddedDatabase()) {
            return new EmbeddedDatabaseHolder(null, null, null);
        }
        DataFolderLock lock;
        if (attachToRunning) {
            Optional<String> running = EmbeddedDatabase.runningInstanceJdbcUrl(settings.dataDir());
            if (running.isPresent()) {
                return new EmbeddedDatabaseHolder(null, null, running.get());
            }
            Optional<DataFolderLock> free = DataFolderLock.tryAcquire(settings.dataDir());
            if (free.isEmpty()) {
                return new EmbeddedDatabaseHolder(null, null, awaitStartingServer(settings.dataDir()));
            }
            lock = free.get();
        } else {
            lock = DataFolderLock.acquire(settings.dataDir());
        }
        try {
            EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir(), durability(settings.dataDir(), throwaway));
            return new EmbeddedDatabaseHolder(database, lock, database.jdbcUrl());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A server holds the folder but its database does not answer yet: it is starting. */
    private static String awaitStartingServer(Path dataDir) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<String> running = EmbeddedDatabase.runningInstanceJdbcUrl(dataDir);
            if (running.isPresent()) {
                return running.get();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("another Kassa is using " + dataDir + " but its embedded PostgreSQL does not answer");
    }

    /**
     * Durable unless the test suite asks for a throwaway database ({@code kassa.test.throwaway-embedded-database}),
     * which is refused for any folder outside the temporary directory, so that no real data folder runs with fsync off.
     */
    static EmbeddedDatabase.Durability durability(Path dataDir, boolean throwaway) {
        if (!throwaway) {
            return EmbeddedDatabase.Durability.DURABLE;
        }
        Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (!dataDir.toAbsolutePath().normalize().startsWith(temporary)) {
            throw new IllegalStateException("kassa.test.throwaway-embedded-database is only for the test suite's temporary folders (under "
                    + temporary + "), not " + dataDir);
        }
        return EmbeddedDatabase.Durability.THROWAWAY;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(KassaSettings settings, EmbeddedDatabaseHolder embedded) {
        return createPool(settings, embedded.jdbcUrl(), 20);
    }

    static HikariDataSource createPool(KassaSettings settings, String embeddedJdbcUrl, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kassa");
        if (settings.databaseUrl().isPresent()) {
            DatabaseUrl url = settings.databaseUrl().get();
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(url.username());
            config.setPassword(url.password());
        } else {
            config.setJdbcUrl(embeddedJdbcUrl);
            config.setUsername(EmbeddedDatabase.USER);
        }
        config.setMaximumPoolSize(maximumPoolSize);
        config.setConnectionTimeout(10_000);
        config.setConnectionInitSql(sessionTimeouts(settings.databaseTimeouts()));
        return new HikariDataSource(config);
    }

    /**
     * Set on every pooled connection, so that no request waits unboundedly on a slow statement, a held lock or a
     * transaction left open. (Behind a transaction-pooling proxy such as PgBouncer, set them on the role instead.)
     */
    static String sessionTimeouts(KassaSettings.DatabaseTimeouts timeouts) {
        return "SET statement_timeout = '" + timeouts.statement().toMillis() + "ms'; "
                + "SET lock_timeout = '" + timeouts.lock().toMillis() + "ms'; "
                + "SET idle_in_transaction_session_timeout = '" + timeouts.idleInTransaction().toMillis() + "ms'";
    }

    /**
     * Migrations run on their own connections, without the request timeouts: a long migration (an index on a big
     * table) must not fail a start after 30 s. Same database, user and password as the pool.
     */
    @Bean
    FlywayConfigurationCustomizer migrationsWithoutRequestTimeouts(KassaSettings settings, EmbeddedDatabaseHolder embedded) {
        return configuration -> {
            if (settings.databaseUrl().isPresent()) {
                DatabaseUrl url = settings.databaseUrl().get();
                configuration.dataSource(url.jdbcUrl(), url.username(), url.password());
            } else {
                configuration.dataSource(embedded.jdbcUrl(), EmbeddedDatabase.USER, null);
            }
        };
    }

    /**
     * Lets the embedded database be an optional bean that is stopped after the pool closes; the folder's lock is
     * released once it has stopped.
     */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database, DataFolderLock lock, String jdbcUrl) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }

}
