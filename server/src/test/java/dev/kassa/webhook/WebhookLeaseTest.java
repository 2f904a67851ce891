package dev.kassa.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delivery lease must outlast a POST, or a live worker's claim would lapse and the event be sent twice. */
class WebhookLeaseTest {

    @Test
    void aLeaseShorterThanAPostAndItsMarginIsRefusedAtStartup() {
        assertThatThrownBy(() -> new WebhookDeliveryWorker(null, null, null, null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(11), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kassa.webhooks.lease must be at least 12 s (a POST may take 10 s), got PT11S");
    }
}
