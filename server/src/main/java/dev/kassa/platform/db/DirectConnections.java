package dev.kassa.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the pool's database, with its URL and credentials, but outside the pool: for a session a pooled
 * connection must not keep ({@code LISTEN}, a session setting) or that must not wait behind the pool's borrowers.
 */
final class DirectConnections {

    private DirectConnections() {
    }

    /** A new connection, named {@code applicationName} in {@code pg_stat_activity}, with TCP keep-alive. */
    static Connection open(HikariDataSource pool, String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }
}
