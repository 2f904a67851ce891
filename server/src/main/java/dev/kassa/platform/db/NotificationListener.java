package dev.kassa.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL {@code LISTEN} for this node: ONE dedicated connection, opened with the pool's URL and credentials but
 * outside the pool (it is idle almost all the time, and a pooled connection parked in {@code LISTEN} would be one
 * request connection less), and one thread that waits on it and hands every notification to the handlers of its
 * channel. {@code pg_notify} issued in a transaction is delivered only when that transaction commits, to every
 * node listening, so a notification is never about a change that did not happen.
 *
 * <p>Notifications are not stored: one sent while this connection is down (a database restart, a network cut) is
 * lost. After reconnecting, the handlers are told ({@link Handler#connectionLost()}) so that they can make their
 * clients re-read what they may have missed.
 */
@Component
public class NotificationListener implements SmartLifecycle {

    /** What a channel's subscriber does with its notifications; called on the listener's thread, so it must not block. */
    public interface Handler {
        void notification(String payload);

        void connectionLost();
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final Duration POLL = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HikariDataSource pool;
    private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private final boolean serving;

    /** Admin commands ({@code kassa.mode=admin}) share the context but listen to nothing. */
    NotificationListener(DataSource dataSource, @Value("${kassa.mode:serve}") String mode) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.serving = mode.equals("serve");
    }

    /**
     * Subscribes a handler to a channel (a PostgreSQL identifier: lower-case letters, digits, underscores). Call it
     * while the application starts, before {@link #start()}.
     */
    public void listen(String channel, Handler handler) {
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** True while the dedicated connection is open and listening. */
    public boolean listening() {
        return connection != null;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("kassa-pg-listen").daemon().start(this::run);
        try {
            // The first connection is made before the node takes requests, so a stream opened at once is heard.
            if (!firstConnect.await(10, TimeUnit.SECONDS)) {
                log.warn("The LISTEN connection is not open yet; it keeps trying in the background");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
        closeQuietly(connection);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return serving;
    }

    /** Started before, and stopped after, the subscribers that depend on it (which use the default phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        boolean lostBefore = false;
        while (running) {
            try (Connection listening = open()) {
                connection = listening;
                firstConnect.countDown();
                if (lostBefore) {
                    log.info("The LISTEN connection is open again");
                    handlers.values().forEach(list -> list.forEach(NotificationListener::lost));
                }
                backoff = Duration.ofMillis(250);
                receive(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!lostBefore || connection != null) {
                    log.warn("The LISTEN connection failed ({}); reconnecting", e.toString());
                }
                lostBefore = true;
            } finally {
                connection = null;
            }
            firstConnect.countDown();
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private Connection open() throws SQLException {
        Connection opened = DirectConnections.open(pool, "kassa-listen");
        try (Statement statement = opened.createStatement()) {
            for (String channel : handlers.keySet()) {
                statement.execute("LISTEN " + channel);
            }
        } catch (SQLException e) {
            closeQuietly(opened);
            throw e;
        }
        return opened;
    }

    /** Waits for notifications until the connection fails or the node stops; a quiet connection is probed. */
    private void receive(Connection listening) throws SQLException {
        PGConnection pg = listening.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = pg.getNotifications((int) POLL.toMillis());
            if (received == null || received.length == 0) {
                try (Statement probe = listening.createStatement()) {
                    probe.execute("SELECT 1");
                }
                continue;
            }
            for (PGNotification notification : received) {
                for (Handler handler : handlers.getOrDefault(notification.getName(), List.of())) {
                    try {
                        handler.notification(notification.getParameter());
                    } catch (RuntimeException e) {
                        log.warn("A handler of channel {} failed", notification.getName(), e);
                    }
                }
            }
        }
    }

    private static void lost(Handler handler) {
        try {
            handler.connectionLost();
        } catch (RuntimeException e) {
            log.warn("A LISTEN handler failed on reconnect", e);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
