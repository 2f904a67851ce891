package dev.kassa.stripe.emulator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link OffSessionContract} on the JDBC store (embedded PostgreSQL, a fresh schema per test). */
class OffSessionJdbcTest extends OffSessionContract {

    static EmbeddedPostgres postgres;
    static DataSource dataSource;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    EmulatorStore newStore() {
        return new JdbcEmulatorStore(dataSource, JdbcEmulatorStoreTest.freshSchema());
    }
}
