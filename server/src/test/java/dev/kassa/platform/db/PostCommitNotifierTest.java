package dev.kassa.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.kassa.support.ApiTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Notifications leave after the commit, on their own, and never for a transaction that rolled back. */
class PostCommitNotifierTest extends ApiTest {

    static final String CHANNEL = "kassa_notifier_test";

    @Autowired
    PostCommitNotifier notifier;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    Connection listening;

    @BeforeEach
    void listen() throws SQLException {
        listening = DirectConnections.open(dataSource.unwrap(HikariDataSource.class), "kassa-notifier-test");
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
    }

    @AfterEach
    void close() throws SQLException {
        listening.close();
    }

    /** Everything heard on the channel within {@code millis} of quiet. */
    private List<String> heard(int millis) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGConnection pg = listening.unwrap(PGConnection.class);
        while (true) {
            PGNotification[] received = pg.getNotifications(millis);
            if (received == null || received.length == 0) {
                return payloads;
            }
            for (PGNotification notification : received) {
                payloads.add(notification.getParameter());
            }
        }
    }

    @Test
    void aNotificationOfACommittedTransactionIsSentAfterTheCommitInTheOrderGiven() throws SQLException {
        String run = UUID.randomUUID().toString();
        List<String> beforeCommit = new ArrayList<>();

        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            for (int i = 0; i < 300; i++) {
                notifier.notifyAfterCommit(CHANNEL, run + " " + i);
            }
            try {
                beforeCommit.addAll(heard(200));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> afterCommit = heard(1_000);

        assertThat(beforeCommit).isEmpty();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add(run + " " + i);
        }
        assertThat(afterCommit).containsExactlyElementsOf(expected);
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws SQLException {
        String run = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> {
            notifier.notifyAfterCommit(CHANNEL, run + " rolled back");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> notifier.notifyAfterCommit(CHANNEL, run + " committed"));

        assertThat(heard(1_000)).containsExactly(run + " committed");
    }

    @Test
    void notificationsOfTransactionsCommittedWithinTheLingerLeaveInOneStatement() throws SQLException {
        String run = UUID.randomUUID().toString();
        PostCommitNotifier lingering = new PostCommitNotifier(dataSource, "serve", java.time.Duration.ofSeconds(2));
        lingering.start();
        try {
            for (int i = 0; i < 3; i++) {
                String payload = run + " " + i;
                transactions.executeWithoutResult(status -> lingering.notifyAfterCommit(CHANNEL, payload));
            }

            assertThat(heard(3_000)).containsExactly(run + " 0", run + " 1", run + " 2");
            assertThat(lingering.batchesSent()).isEqualTo(1);
        } finally {
            lingering.stop();
        }
    }

    @Test
    void outsideATransactionANotificationIsSentAtOnce() throws SQLException {
        String run = UUID.randomUUID().toString();

        notifier.notifyAfterCommit(CHANNEL, run);

        assertThat(heard(1_000)).containsExactly(run);
    }

    @Test
    void aPayloadPostgresqlWouldRefuseIsRefusedBeforeTheTransactionEnds() {
        String tooLarge = "x".repeat(PostCommitNotifier.MAX_PAYLOAD_BYTES + 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifier.notifyAfterCommit(CHANNEL, tooLarge))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
