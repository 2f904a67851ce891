package dev.kassa.platform.ratelimit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.kassa.platform.metrics.Metrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** Reads the variables through Spring's Environment, so tests can set them as properties. */
    @Bean
    RateLimitSettings rateLimitSettings(Environment environment) {
        Map<String, String> values = new HashMap<>();
        for (String name : RateLimitSettings.VARIABLES) {
            String value = environment.getProperty(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return RateLimitSettings.fromEnvironment(values);
    }

    @Bean
    RequestIdentities requestIdentities(RateLimitSettings settings) {
        return new RequestIdentities(settings);
    }

    /**
     * The limiter's own small pool on the same database, so that it neither waits behind requests holding the main
     * pool nor holds them up, and so that it gives up within a second and lets the request pass (timeouts short
     * enough for one upsert). Opened lazily: with {@code RATE_LIMIT_ENABLED=false} it never connects. Not a
     * {@link DataSource} bean, so that nothing else picks it up.
     */
    @Bean(destroyMethod = "close")
    RateLimitPool rateLimitPool(DataSource dataSource, Metrics metrics) throws java.sql.SQLException {
        HikariDataSource main = dataSource.unwrap(HikariDataSource.class);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("kassa-ratelimit");
        pool.setJdbcUrl(main.getJdbcUrl());
        pool.setUsername(main.getUsername());
        pool.setPassword(main.getPassword());
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(1_000);
        pool.setValidationTimeout(500);
        pool.setConnectionInitSql("SET statement_timeout = '1000ms'; SET lock_timeout = '500ms'; "
                + "SET idle_in_transaction_session_timeout = '5000ms'");
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics.registry()));
        return new RateLimitPool(pool);
    }

    @Bean
    RateLimiter rateLimiter(RateLimitPool pool, Clock clock, Metrics metrics, RateLimitSettings settings) {
        return new RateLimiter(pool.repository(), clock, metrics, settings.zones());
    }

    /** Holds the limiter's pool and its repository; closing it closes the pool. */
    static final class RateLimitPool implements AutoCloseable {
        private final HikariDataSource dataSource;
        private final RateLimitRepository repository;

        RateLimitPool(HikariDataSource dataSource) {
            this.dataSource = dataSource;
            this.repository = new RateLimitRepository(JdbcClient.create(dataSource));
        }

        RateLimitRepository repository() {
            return repository;
        }

        @Override
        public void close() {
            dataSource.close();
        }
    }
}
