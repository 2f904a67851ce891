package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.support.ApiTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The limiter itself, on the suite's database, with a clock the test moves. Two limiters on one database are two
 * Kassa nodes: they share every budget.
 */
class RateLimiterTest extends ApiTest {

    static final Zone CONFIRM = new Zone("checkout-confirm", "per checkout session",
            List.of(new Zone.Window(6, Duration.ofMinutes(1)), new Zone.Window(20, Duration.ofHours(1))), Duration.ofMinutes(30));
    static final Zone HUNDRED = new Zone("token", "per access token", List.of(new Zone.Window(100, Duration.ofMinutes(1))),
            Duration.ZERO);
    static final Zone FIVE_HUNDRED = new Zone("ip", "per client address", List.of(new Zone.Window(500, Duration.ofMinutes(1))),
            Duration.ZERO);

    @Autowired
    DataSource dataSource;

    /** 10:00:05 on some day, well inside a minute and an hour. */
    final MovableClock clock = new MovableClock(Instant.parse("2031-03-04T10:00:05Z"));

    private RateLimiter node(DataSource database) {
        return new RateLimiter(new RateLimitRepository(JdbcClient.create(database)), clock,
                new Metrics(new SimpleMeterRegistry()), List.of(CONFIRM, HUNDRED, FIVE_HUNDRED));
    }

    /** The shared counter of the identity's current one-minute window. */
    private int sharedHits(RequestIdentities.Identity identity) {
        Zone zone = identity.zone();
        long start = Math.floorDiv(clock.instant().getEpochSecond(), 60) * 60;
        return JdbcClient.create(dataSource).sql("SELECT hits FROM rate_limit_windows WHERE key = :key AND window_start = :start")
                .param("key", RateLimiter.hash(zone.name() + "|60|" + identity.value()))
                .param("start", java.sql.Timestamp.from(Instant.ofEpochSecond(start)))
                .query(Integer.class).single();
    }

    private static RequestIdentities.Identity someone(Zone zone) {
        return new RequestIdentities.Identity(zone, "test:" + UUID.randomUUID());
    }

    private static boolean allowed(RateLimiter limiter, RequestIdentities.Identity identity) {
        return limiter.check(identity).orElseThrow().allowed();
    }

    @Test
    void concurrentRequestsSpreadOverTwoNodesShareOneBudget() throws Exception {
        RateLimiter a = node(dataSource);
        RateLimiter b = node(dataSource);
        RequestIdentities.Identity caller = someone(HUNDRED);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            RateLimiter node = i % 2 == 0 ? a : b;
            calls.add(() -> allowed(node, caller));
        }

        List<Boolean> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers.stream().filter(ok -> ok).count()).isEqualTo(100);
    }

    @Test
    void leasesAreOnlyForLargeSingleWindowZonesWithoutBlocks() {
        assertThat(RateLimiter.leaseSize(CONFIRM)).isEqualTo(1);
        assertThat(RateLimiter.leaseSize(HUNDRED)).isEqualTo(2);
        assertThat(RateLimiter.leaseSize(FIVE_HUNDRED)).isEqualTo(10);
        assertThat(RateLimiter.leaseSize(new Zone("ip", "per client address",
                List.of(new Zone.Window(99, Duration.ofMinutes(1))), Duration.ZERO))).isEqualTo(1);
        assertThat(RateLimiter.leaseSize(new Zone("ip", "per client address",
                List.of(new Zone.Window(1_000_000_000, Duration.ofMinutes(1))), Duration.ZERO))).isEqualTo(50);
    }

    @Test
    void aNodeTakesTenRequestsOfAFiveHundredBudgetPerStatement() {
        RateLimiter limiter = node(dataSource);
        RequestIdentities.Identity caller = someone(FIVE_HUNDRED);

        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            remaining.add(limiter.check(caller).orElseThrow().remaining());
        }

        assertThat(sharedHits(caller)).isEqualTo(30);
        assertThat(remaining.getFirst()).isEqualTo(499);
        assertThat(remaining.getLast()).isEqualTo(475);
    }

    @Test
    void leasesOfTwoNodesNeverLetMoreThanTheLimitThroughAndUseItAll() throws Exception {
        RateLimiter a = node(dataSource);
        RateLimiter b = node(dataSource);
        RequestIdentities.Identity caller = someone(FIVE_HUNDRED);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            RateLimiter node = i % 2 == 0 ? a : b;
            calls.add(() -> allowed(node, caller));
        }

        List<Boolean> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers.stream().filter(ok -> ok).count()).isEqualTo(500);
    }

    @Test
    void aNodeThatSawTheWindowUsedUpRefusesWithoutCountingAgainUntilTheNextWindow() {
        RateLimiter limiter = node(dataSource);
        RequestIdentities.Identity caller = someone(FIVE_HUNDRED);
        for (int i = 0; i < 500; i++) {
            assertThat(allowed(limiter, caller)).isTrue();
        }

        RateLimiter.Verdict refused = limiter.check(caller).orElseThrow();
        for (int i = 0; i < 20; i++) {
            limiter.check(caller);
        }
        int hitsWhileRefusing = sharedHits(caller);
        clock.advance(Duration.ofSeconds(55));
        RateLimiter.Verdict next = limiter.check(caller).orElseThrow();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(55);
        assertThat(hitsWhileRefusing).isEqualTo(500);
        assertThat(next.allowed()).isTrue();
        assertThat(next.remaining()).isEqualTo(499);
    }

    @Test
    void aFixedWindowRefusesUntilItEndsThenStartsAfresh() {
        RateLimiter limiter = node(dataSource);
        RequestIdentities.Identity caller = someone(HUNDRED);
        for (int i = 0; i < 100; i++) {
            assertThat(allowed(limiter, caller)).isTrue();
        }

        RateLimiter.Verdict refused = limiter.check(caller).orElseThrow();
        clock.advance(Duration.ofSeconds(55));
        RateLimiter.Verdict next = limiter.check(caller).orElseThrow();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(55);
        assertThat(next.allowed()).isTrue();
        assertThat(next.remaining()).isEqualTo(99);
    }

    @Test
    void anExceededConfirmZoneBlocksForThirtyMinutesAcrossNodesThenLetsTheCallerIn() {
        RateLimiter a = node(dataSource);
        RateLimiter b = node(dataSource);
        RequestIdentities.Identity checkout = someone(CONFIRM);
        for (int i = 0; i < 6; i++) {
            assertThat(allowed(i % 2 == 0 ? a : b, checkout)).isTrue();
        }
        assertThat(a.check(checkout).orElseThrow().retryAfterSeconds()).isEqualTo(1800);

        clock.advance(Duration.ofMinutes(10));
        RateLimiter.Verdict stillBlocked = b.check(checkout).orElseThrow();
        clock.advance(Duration.ofMinutes(20));
        RateLimiter.Verdict free = b.check(checkout).orElseThrow();

        assertThat(stillBlocked.allowed()).isFalse();
        assertThat(stillBlocked.retryAfterSeconds()).isEqualTo(1200);
        assertThat(free.allowed()).isTrue();
    }

    @Test
    void theHourWindowOfConfirmCountsAcrossMinutes() {
        RateLimiter limiter = node(dataSource);
        RequestIdentities.Identity checkout = someone(CONFIRM);
        for (int minute = 0; minute < 4; minute++) {
            for (int i = 0; i < (minute < 3 ? 6 : 2); i++) {
                assertThat(allowed(limiter, checkout)).as("minute %d, confirm %d", minute, i).isTrue();
            }
            clock.advance(Duration.ofMinutes(1));
        }

        RateLimiter.Verdict twentyFirst = limiter.check(checkout).orElseThrow();

        assertThat(twentyFirst.allowed()).isFalse();
        assertThat(twentyFirst.retryAfterSeconds()).isEqualTo(1800);
    }

    @Test
    void aLimiterWhoseDatabaseIsUnreachableLetsEveryRequestPass() {
        DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter(new RateLimitRepository(JdbcClient.create(nowhere)), clock, new Metrics(registry),
                List.of(HUNDRED));

        Optional<RateLimiter.Verdict> verdict = limiter.check(someone(HUNDRED));
        limiter.check(someone(HUNDRED));

        assertThat(verdict).isEmpty();
        assertThat(registry.counter(RateLimiter.FAILURES).count()).isEqualTo(2.0);
    }

    @Test
    void theCleanupDeletesOnlyWindowsAndBlocksThatEnded() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        RateLimitRepository repository = new RateLimitRepository(jdbc);
        byte[] ended = UUID.randomUUID().toString().substring(0, 16).getBytes();
        byte[] running = UUID.randomUUID().toString().substring(0, 16).getBytes();
        Instant now = clock.instant();
        repository.hit(List.of(new RateLimitRepository.WindowKey(ended, now.minusSeconds(300), now.minusSeconds(1))), null, now);
        repository.hit(List.of(new RateLimitRepository.WindowKey(running, now.minusSeconds(5), now.plusSeconds(115))), null, now);
        repository.block(ended, now.minusSeconds(1), now.minusSeconds(1800));
        repository.block(running, now.plusSeconds(60), now);

        repository.deleteExpiredWindows(now, 1000);
        repository.deleteEndedBlocks(now, 1000);

        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_windows WHERE key IN (:keys)").param("keys", List.of(ended, running))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_windows WHERE key = :key").param("key", running)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_blocks WHERE key = :key").param("key", running)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_blocks WHERE key = :key").param("key", ended)
                .query(Long.class).single()).isZero();
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
