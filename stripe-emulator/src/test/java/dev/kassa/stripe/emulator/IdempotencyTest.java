package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Calls.call;
import static dev.kassa.stripe.emulator.Calls.error;
import static dev.kassa.stripe.emulator.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} as Stripe documents it: replay, mismatch, concurrent use, expiry. */
class IdempotencyTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final InMemoryEmulatorStore store = new InMemoryEmulatorStore();
    private StripeEmulator emulator = new StripeEmulator(store, clock,
            EmulatorSettings.defaults().withIdempotencyKeyTtl(Duration.ofHours(24)));

    @AfterEach
    void close() {
        emulator.close();
    }

    private StripeEmulator.Response createCustomer(String email, String key) {
        return call(emulator, "POST", "/v1/customers", "email=" + email, key);
    }

    @Test
    void aRepeatWithTheSameKeyAndParametersReplaysTheFirstResponse() {
        StripeEmulator.Response first = createCustomer("a@example.com", "k1");
        StripeEmulator.Response again = createCustomer("a@example.com", "k1");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(store.list("customer")).hasSize(1);
    }

    @Test
    void theSameKeyWithOtherParametersIs400IdempotencyError() {
        createCustomer("a@example.com", "k1");

        StripeEmulator.Response other = createCustomer("b@example.com", "k1");

        assertThat(other.status()).isEqualTo(400);
        assertThat(error(other)).isEqualTo(Map.of("type", "idempotency_error", "message",
                "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                        + "Try using a key other than 'k1' if you meant to execute a different request."));
    }

    @Test
    void theSameKeyOnAnotherPathIs400IdempotencyError() {
        createCustomer("a@example.com", "k1");

        StripeEmulator.Response other = call(emulator, "POST", "/v1/test_helpers/confirmation_tokens",
                "email=a@example.com", "k1");

        assertThat(other.status()).isEqualTo(400);
        assertThat(error(other)).containsEntry("type", "idempotency_error");
    }

    @Test
    void aSecondRequestWhileTheFirstStillRunsIs409IdempotencyKeyInUse() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        emulator.close();
        emulator = new StripeEmulator(new BlockingStore(store, "customer", inside, release), clock,
                EmulatorSettings.defaults());
        CompletableFuture<StripeEmulator.Response> first = CompletableFuture.supplyAsync(
                () -> createCustomer("a@example.com", "k1"));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        StripeEmulator.Response second = createCustomer("a@example.com", "k1");
        release.countDown();

        assertThat(second.status()).isEqualTo(409);
        assertThat(error(second)).isEqualTo(Map.of("type", "idempotency_error", "code", "idempotency_key_in_use",
                "message", "There is currently another in-progress request using this Idempotency Key (that probably "
                        + "means you submitted twice, and the other request is still going through): k1. Please try "
                        + "again later."));
        assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(createCustomer("a@example.com", "k1").headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void afterTheTtlTheSameKeyRunsTheRequestAnew() {
        String firstId = (String) json(createCustomer("a@example.com", "k1")).get("id");
        clock.now = clock.now.plus(Duration.ofHours(24)).plusSeconds(1);

        StripeEmulator.Response later = createCustomer("b@example.com", "k1");

        assertThat(later.status()).isEqualTo(200);
        assertThat(later.headers()).doesNotContainKey("Idempotent-Replayed");
        assertThat(json(later).get("id")).isNotEqualTo(firstId);
        assertThat(json(later).get("email")).isEqualTo("b@example.com");
    }

    @Test
    void withinTheTtlTheKeyIsStillRemembered() {
        createCustomer("a@example.com", "k1");
        clock.now = clock.now.plus(Duration.ofHours(23));

        assertThat(createCustomer("a@example.com", "k1").headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void aValidationErrorIsNotRememberedSoTheKeyCanBeUsedAgain() {
        StripeEmulator.Response invalid = call(emulator, "POST", "/v1/customers", "nonsense=1", "k1");
        StripeEmulator.Response valid = call(emulator, "POST", "/v1/customers", "nonsense=1", "k1");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(valid.headers()).doesNotContainKey("Idempotent-Replayed");
    }
}
