package dev.kassa.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP integration tests: the real server on a random port, on one real embedded PostgreSQL per
 * test JVM. Tests commit for real; each creates its own organization, so tenants isolate tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatementCounting.class)
public abstract class ApiTest {

    public static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    /** The pinned test-mode webhook signing secret ({@code STRIPE_WEBHOOK_SECRET}). */
    public static final String TEST_WEBHOOK_SECRET = "whsec_kassa_emulator_test_mode";

    @Autowired
    protected TestData data;

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("kassa-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void kassaProperties(DynamicPropertyRegistry registry) {
        registry.add("KASSA_DATA_DIR", DATA_DIR::toString);
        registry.add("PUBLIC_BASE_URL", () -> "http://localhost:8000");
        // A temporary database nobody needs after the run: no fsync, so the suite stays fast. Never for a real folder.
        registry.add("kassa.test.throwaway-embedded-database", () -> "true");
        // Test mode's webhook secret is random per installation; tests pin it to sign their own events.
        registry.add("STRIPE_WEBHOOK_SECRET", () -> TEST_WEBHOOK_SECRET);
        // Tests end subscriptions canceled at period end themselves (SubscriptionEndJob.endDue), not on a timer.
        registry.add("kassa.subscription-end-initial-delay", () -> "PT24H");
        // Likewise renewals: tests advance subscriptions (the test clock) or run RenewalJob.runOnce themselves.
        registry.add("kassa.renewals.initial-delay", () -> "PT24H");
    }

    @BeforeEach
    void pointRestAssured() {
        RestAssured.port = port;
    }

    protected RequestSpecification anonymous() {
        return RestAssured.given().port(port).contentType("application/json");
    }

    protected RequestSpecification as(TestData.Tenant tenant) {
        return anonymous().header("Authorization", "Bearer " + tenant.token());
    }
}
