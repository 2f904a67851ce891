package dev.kassa.support;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements one HTTP request runs: a request carrying {@value #HEADER} has every statement its
 * thread prepares counted under that header's value. Lets tests bound the queries of a read.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

    public static final String HEADER = "X-Count-Statements";
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final ThreadLocal<AtomicInteger> CURRENT = new ThreadLocal<>();
    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

    public static int count(String key) {
        AtomicInteger count = COUNTS.get(key);
        return count == null ? 0 : count.get();
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && beanName.equals("dataSource")) {
                    return new CountingDataSource(dataSource);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> statementCountingFilter() {
        Filter filter = (request, response, chain) -> {
            String key = ((HttpServletRequest) request).getHeader(HEADER);
            if (key == null) {
                chain.doFilter(request, response);
                return;
            }
            AtomicInteger count = COUNTS.computeIfAbsent(key, k -> new AtomicInteger());
            CURRENT.set(count);
            try {
                chain.doFilter(request, response);
            } finally {
                CURRENT.remove();
            }
        };
        return new FilterRegistrationBean<>(filter);
    }

    static final class CountingDataSource extends DelegatingDataSource implements AutoCloseable {
        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password));
        }

        private static Connection counting(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                AtomicInteger count = CURRENT.get();
                if (count != null && STATEMENT_METHODS.contains(method.getName())) {
                    count.incrementAndGet();
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }
    }
}
