package dev.kassa.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The session timeouts of every pooled connection, and how a request that runs into one is answered. */
class DatabaseTimeoutsTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Test
    void everyPooledConnectionHasTheDefaultTimeouts() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("30s");
            assertThat(show(connection, "lock_timeout")).isEqualTo("5s");
            assertThat(show(connection, "idle_in_transaction_session_timeout")).isEqualTo("1min");
        }
    }

    @Test
    void aRequestThatWaitsForALockLongerThanTheLockTimeoutIsA409() throws SQLException {
        TestData.Tenant tenant = data.tenant();
        UUID product = createProduct(tenant);
        try (Connection holder = lockProductRow(product)) {
            Instant started = Instant.now();
            Response response = rename(tenant, product);

            response.then().statusCode(409).body("error", equalTo("ResourceLocked"))
                    .body("detail", equalTo("The resource is being changed by another request. Try again in a moment."));
            assertThat(Duration.between(started, Instant.now())).isBetween(Duration.ofMillis(4_500), Duration.ofSeconds(20));
            holder.rollback();
        }
        rename(tenant, product).then().statusCode(200);
    }

    @Test
    void aCanceledStatementIsA503WithRetryAfter() throws Exception {
        TestData.Tenant tenant = data.tenant();
        UUID product = createProduct(tenant);
        try (Connection holder = lockProductRow(product)) {
            CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> rename(tenant, product));
            cancelTheStatementWaitingForTheLock();

            Response response = waiting.get(20, TimeUnit.SECONDS);
            response.then().statusCode(503).header("Retry-After", "5").body("error", equalTo("DatabaseTimeout"))
                    .body("detail", equalTo("The database did not answer in time. Try again in a moment."));
            holder.rollback();
        }
    }

    private UUID createProduct(TestData.Tenant tenant) {
        return UUID.fromString(as(tenant).body("""
                {"name": "Locked", "prices": [{"amount_type": "fixed", "price_amount": 1500}]}
                """).post("/v1/products/").then().statusCode(201).extract().path("id"));
    }

    private Response rename(TestData.Tenant tenant, UUID product) {
        return as(tenant).body("{\"name\": \"Renamed\"}").patch("/v1/products/" + product);
    }

    /** Another transaction holds the product's row lock, as a slow request would. */
    private Connection lockProductRow(UUID product) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM products WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, product);
            lock.executeQuery().close();
        }
        return connection;
    }

    /** What a statement timeout does, without waiting 30 s: PostgreSQL cancels the statement (57014). */
    private void cancelTheStatementWaitingForTheLock() throws Exception {
        Instant deadline = Instant.now().plusSeconds(4);
        // Its own connection in autocommit: inside a transaction pg_stat_activity would stay one snapshot.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet canceled = statement.executeQuery("""
                        SELECT pg_cancel_backend(pid) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE '%FROM products%FOR UPDATE%' AND pid <> pg_backend_pid()
                        """)) {
                    if (canceled.next()) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no request waited for the product's lock");
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
