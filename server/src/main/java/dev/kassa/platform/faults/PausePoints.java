package dev.kassa.platform.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Crash tests' hook: with the property {@code kassa.faults.pause-at} naming points (comma-separated) and
 * {@code kassa.faults.marker} a file, a confirm that reaches an armed point <em>and whose checkout's metadata
 * {@value #METADATA_KEY} names that point</em> appends {@code point id} to the file and then waits forever, so that
 * a test can kill the JVM exactly there (SIGKILL) and restart it; several checkouts can so stop at different points
 * in one run. Off unless both properties are set; refused with a real Stripe key, so a production node can never be
 * made to hang by it.
 */
@Component
public class PausePoints {

    public static final String METADATA_KEY = "kassa_test_pause_at";

    private final Set<String> points;
    private final Path marker;

    PausePoints(@Value("${kassa.faults.pause-at:}") String pauseAt, @Value("${kassa.faults.marker:}") String marker,
            @Value("${STRIPE_SECRET_KEY:}") String stripeKey) {
        this.points = Arrays.stream(pauseAt.split(",")).map(String::strip).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        this.marker = marker.isBlank() ? null : Path.of(marker);
        if (!points.isEmpty() && (this.marker == null || !stripeKey.isBlank())) {
            throw new IllegalStateException("kassa.faults.pause-at needs kassa.faults.marker and Stripe test mode");
        }
    }

    /** Pauses here for good if the point is armed and {@code metadata} asks for it; {@code id} names the checkout. */
    public void reach(String point, Object id, java.util.Map<String, Object> metadata) {
        if (points.isEmpty() || !points.contains(point) || !point.equals(metadata.get(METADATA_KEY))) {
            return;
        }
        try {
            Files.writeString(marker, point + " " + id + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the pause marker " + marker, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
