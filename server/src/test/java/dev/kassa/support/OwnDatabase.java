package dev.kassa.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PostgreSQL of its own for a test class whose server needs other settings than the suite's shared one (a second
 * server cannot run on the shared embedded database's folder, which the first one locks). Register it as the
 * class's {@code DATABASE_URL} in a {@code @DynamicPropertySource}; it starts on first use and stops with the JVM.
 */
public final class OwnDatabase {

    private static final Map<String, EmbeddedPostgres> STARTED = new ConcurrentHashMap<>();

    private OwnDatabase() {
    }

    public static String url(String name) {
        EmbeddedPostgres postgres = STARTED.computeIfAbsent(name, ignored -> {
            try {
                return EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres";
    }
}
