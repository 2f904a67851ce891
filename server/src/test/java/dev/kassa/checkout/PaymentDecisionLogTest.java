package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Every payment decision is logged once at INFO, with the checkout's and the attempt's ids. */
@ExtendWith(OutputCaptureExtension.class)
class PaymentDecisionLogTest extends CheckoutTestSupport {

    /** Logging is the JVM's: a test that ran an admin command (root at WARN) must not silence these lines. */
    @BeforeEach
    void logAtInfo() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.kassa.checkout", LogLevel.INFO);
    }

    @Test
    void aPaidCheckoutLogsItsAttemptItsStripeOutcomeAndItsFulfilmentOnceEach(CapturedOutput output) {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        confirm((String) checkout.get("client_secret"), paidBody("paid@example.com", VISA)).statusCode(200);
        String checkoutId = (String) checkout.get("id");
        UUID attempt = attemptOf(checkoutId);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, checkoutId)).hasSize(3));
        List<String> lines = lines(output, checkoutId);
        assertThat(lines.get(0)).contains(" INFO ").endsWith("Checkout " + checkoutId + ": payment attempt " + attempt
                + " (#1, payment_intent) recorded");
        assertThat(lines.get(1)).contains(" INFO ").containsPattern("Checkout " + checkoutId + ": attempt " + attempt
                + " succeeded \\(intent pi_\\w+ succeeded\\); from (the confirm|Stripe event evt_\\w+)$");
        assertThat(lines.get(2)).contains(" INFO ").contains("Checkout " + checkoutId + " succeeded (attempt " + attempt + ", intent pi_");
    }

    @Test
    void aDeclineIsLoggedOnceWithItsCode(CapturedOutput output) {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        confirm((String) checkout.get("client_secret"), paidBody("declined@example.com", DECLINED)).statusCode(400);
        String checkoutId = (String) checkout.get("id");
        UUID attempt = attemptOf(checkoutId);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, checkoutId)).hasSize(2));
        assertThat(lines(output, checkoutId).get(1)).contains(" INFO ")
                .containsPattern("Checkout " + checkoutId + ": attempt " + attempt + " declined \\(card_declined\\): .+; from the confirm$");
    }

    private UUID attemptOf(String checkoutId) {
        return jdbc.sql("SELECT id FROM payment_attempts WHERE checkout_id = :id").param("id", UUID.fromString(checkoutId))
                .query(UUID.class).single();
    }

    /** The lines other than the access log's that name the checkout. */
    private static List<String> lines(CapturedOutput output, String checkoutId) {
        return output.getAll().lines().filter(line -> line.contains(checkoutId) && !line.contains("kassa.access")).toList();
    }
}
