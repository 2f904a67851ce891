package dev.kassa.platform.db;

import java.nio.charset.StandardCharsets;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends PostgreSQL notifications ({@code pg_notify}) for the {@link NotificationListener}s of every node, after the
 * caller's transaction commits and outside it.
 *
 * <p>Why not {@code pg_notify} inside the transaction, which PostgreSQL delivers on commit: a transaction that
 * notifies takes one database-wide lock at commit (PostgreSQL's {@code PreCommit_Notify}) and holds it until its
 * commit record is flushed to disk. Every notifying commit of the database therefore waits for the previous one's
 * flush, and a checkout lifecycle has four of them; under load the commits of the busiest transactions queued on
 * that lock ({@code Lock:object} in {@code pg_stat_activity}). Here the data commits as usual, then a
 * notification (many, from all of this node's transactions, are batched into one) is sent in a transaction of its
 * own with {@code synchronous_commit} off (on a connection of the notifier's own): it holds the lock for
 * microseconds and waits for no flush. Notifications
 * were never durable (PostgreSQL keeps them in memory; a listener that reconnects has missed them), so nothing is
 * lost by that.
 *
 * <p>What it means: a notification is sent only about a change that committed (a rollback sends nothing), a few
 * milliseconds after the commit instead of with it, and in this node's commit order. A node killed between its
 * commit and the send loses those notifications, as a listener's reconnect does; their readers must (and do)
 * re-read the state itself now and then, as the checkout page polls beside its event stream. Called outside a
 * transaction, a notification is queued at once.
 */
@Component
public class PostCommitNotifier implements SmartLifecycle {

    /** PostgreSQL refuses a payload of 8000 bytes or more. */
    public static final int MAX_PAYLOAD_BYTES = 7_999;
    private static final Logger log = LoggerFactory.getLogger(PostCommitNotifier.class);
    private static final int MAX_BATCH = 500;
    /**
     * How long a notification waits for others to join its batch. Under load a lifecycle's four notifications
     * otherwise leave one statement each; a few milliseconds later is nothing to a checkout page's event stream.
     */
    static final Duration DEFAULT_LINGER = Duration.ofMillis(5);

    private record Notification(String channel, String payload) {
    }

    private final DataSource dataSource;
    private final boolean serving;
    private final BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final long lingerNanos;
    private volatile boolean running;
    private volatile Thread sender;
    private Connection connection;

    @Autowired
    PostCommitNotifier(DataSource dataSource, @Value("${kassa.mode:serve}") String mode) {
        this(dataSource, mode, DEFAULT_LINGER);
    }

    PostCommitNotifier(DataSource dataSource, String mode, Duration linger) {
        this.dataSource = dataSource;
        this.serving = mode.equals("serve");
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Notifies {@code channel} (a plain PostgreSQL identifier) with {@code payload} once the caller's transaction
     * commits, or soon when there is none.
     */
    public void notifyAfterCommit(String channel, String payload) {
        Objects.requireNonNull(channel, "channel is null");
        Objects.requireNonNull(payload, "payload is null");
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("notification on " + channel + " is too large for NOTIFY");
        }
        Notification notification = new Notification(channel, payload);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pendingOfThisTransaction().add(notification);
        } else {
            enqueue(List.of(notification));
        }
    }

    /** Notifications this node could not send (the database refused them); for tests and diagnostics. */
    public long dropped() {
        return dropped.get();
    }

    private List<Notification> pendingOfThisTransaction() {
        @SuppressWarnings("unchecked")
        List<Notification> pending = (List<Notification>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Notification> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PostCommitNotifier.this);
                    if (status == STATUS_COMMITTED) {
                        enqueue(created);
                    }
                }
            });
            pending = created;
        }
        return pending;
    }

    private void enqueue(List<Notification> notifications) {
        if (running) {
            queue.addAll(notifications);
        } else {
            // Admin commands, and a node starting or stopping: no sender thread; send on the caller's thread.
            send(notifications);
        }
    }

    private void run() {
        List<Notification> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Notification first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds to {@code batch} what arrives within the linger, up to {@link #MAX_BATCH}. */
    private void gather(List<Notification> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < MAX_BATCH) {
            queue.drainTo(batch, MAX_BATCH - batch.size());
            long left = deadline - System.nanoTime();
            if (left <= 0 || batch.size() >= MAX_BATCH || !running) {
                return;
            }
            Notification next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /** Statements sent so far (each one batch of notifications); for tests and diagnostics. */
    long batchesSent() {
        return batches.get();
    }

    private synchronized void send(List<Notification> batch) {
        if (batch.isEmpty()) {
            return;
        }
        String[] channels = new String[batch.size()];
        String[] payloads = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            channels[i] = batch.get(i).channel();
            payloads[i] = batch.get(i).payload();
        }
        try {
            Connection c = connection();
            try (PreparedStatement notify = c.prepareStatement("SELECT count(pg_notify(n.channel, n.payload)) "
                    + "FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS n(channel, payload, position)")) {
                notify.setArray(1, c.createArrayOf("text", channels));
                notify.setArray(2, c.createArrayOf("text", payloads));
                notify.executeQuery().close();
            }
            batches.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            dropped.addAndGet(batch.size());
            log.warn("Could not send {} notification(s) on {}: {}", batch.size(), channels[0], e.toString());
        }
    }

    /**
     * The notifier's own connection, outside the pool (like the LISTEN connection): one statement per batch in
     * auto-commit, with {@code synchronous_commit} off for the session, which a pooled connection must not keep.
     */
    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = DirectConnections.open(dataSource.unwrap(HikariDataSource.class), "kassa-notify");
            try (Statement session = opened.createStatement()) {
                session.execute("SET synchronous_commit = off");
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // going away anyway
            }
        }
    }

    @Override
    public void start() {
        running = true;
        sender = Thread.ofPlatform().name("kassa-pg-notify").daemon().start(this::run);
    }

    /** Sends what is queued, then stops; called after the subscribers' stop (they may still publish). */
    @Override
    public void stop() {
        running = false;
        Thread current = sender;
        if (current != null) {
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closeConnection();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return serving;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
