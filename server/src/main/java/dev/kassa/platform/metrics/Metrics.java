package dev.kassa.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Kassa's own meters, scraped at {@code /metrics} (README "Observability"). A counter counts facts that committed:
 * counted inside a transaction, it moves only once that transaction commits, so a rolled-back confirm counts nothing.
 */
@Component
public class Metrics {

    /** How long a gauge read from the database keeps its value: a scrape every second costs one query per gauge per 5 s. */
    static final Duration GAUGE_CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Adds one to counter {@code name} with the tags given as key, value pairs, after the current transaction commits. */
    public void count(String name, String... tags) {
        Runnable increment = () -> registry.counter(name, tags).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    increment.run();
                }
            });
        } else {
            increment.run();
        }
    }

    /**
     * A gauge whose value comes from {@code read} (typically a cheap SQL count), read at most once per
     * {@link #GAUGE_CACHE}; a read that fails reports NaN rather than failing the scrape.
     */
    public void cachedGauge(String name, String description, Supplier<? extends Number> read, String... tags) {
        Gauge.builder(name, new CachedValue(read), CachedValue::value).strongReference(true).description(description).tags(tags).register(registry);
    }

    private static final class CachedValue {
        private final Supplier<? extends Number> read;
        private long readAtNanos;
        private double value = Double.NaN;
        private boolean read0;

        CachedValue(Supplier<? extends Number> read) {
            this.read = read;
        }

        synchronized double value() {
            long now = System.nanoTime();
            if (!read0 || now - readAtNanos >= GAUGE_CACHE.toNanos()) {
                try {
                    Number number = read.get();
                    value = number == null ? 0 : number.doubleValue();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Metrics.class).warn("A gauge could not be read: {}", e.toString());
                    value = Double.NaN;
                }
                readAtNanos = now;
                read0 = true;
            }
            return value;
        }
    }
}
