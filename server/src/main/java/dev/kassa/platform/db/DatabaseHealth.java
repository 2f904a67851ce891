package dev.kassa.platform.db;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whether the database answers a trivial query, for the readiness probe. */
@Component
public class DatabaseHealth {

    private final JdbcClient jdbc;

    DatabaseHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean reachable() {
        try {
            return jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
