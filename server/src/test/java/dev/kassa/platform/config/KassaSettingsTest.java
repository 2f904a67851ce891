package dev.kassa.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KassaSettingsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        KassaSettings settings = KassaSettings.fromEnvironment(Map.of());

        assertThat(settings.port()).isEqualTo(8000);
        assertThat(settings.publicBaseUrl().toString()).isEqualTo("http://localhost:8000");
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void publicBaseUrlDefaultsToLocalhostOnThePortKassaListensOn() {
        KassaSettings settings = KassaSettings.fromEnvironment(Map.of("PORT", "9123"));

        assertThat(settings.publicBaseUrl().toString()).isEqualTo("http://localhost:9123");
        assertThat(settings.publicBaseUrlWithoutTrailingSlash()).isEqualTo("http://localhost:9123");
    }

    @Test
    void anExplicitPublicBaseUrlWinsOverThePort() {
        KassaSettings settings = KassaSettings.fromEnvironment(Map.of("PORT", "9123", "PUBLIC_BASE_URL", "https://pay.example.com/"));

        assertThat(settings.publicBaseUrlWithoutTrailingSlash()).isEqualTo("https://pay.example.com");
    }

    @Test
    void malformedPortNamesTheVariable() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("PORT", "eighty")))
                .hasMessageContaining("PORT: not a number: 'eighty'");
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("PORT", "70000")))
                .hasMessageContaining("PORT: must be between 0 and 65535");
    }

    @Test
    void publicBaseUrlMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("PUBLIC_BASE_URL", "localhost:8000")))
                .hasMessageContaining("PUBLIC_BASE_URL");
    }

    @Test
    void malformedDatabaseUrlNamesTheVariable() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("DATABASE_URL", "mysql://u:p@h/db")))
                .hasMessageContaining("DATABASE_URL: scheme must be postgresql://");
    }

    @Test
    void unknownKassaVariableIsRejectedAsATypo() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("KASSA_DATA_DIRR", "/tmp")))
                .hasMessageContaining("KASSA_DATA_DIRR: unknown variable");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("PORT", "x", "DATABASE_URL", "nope")))
                .isInstanceOfSatisfying(KassaSettings.InvalidSettingsException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void databaseUrlBecomesJdbcUrlWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://kassa:s%40cret@db.internal:6543/shop?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/shop?sslmode=require");
        assertThat(url.username()).isEqualTo("kassa");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void databaseUrlDefaultsToPort5432() {
        assertThat(DatabaseUrl.parse("postgres://u@localhost/kassa").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/kassa");
    }

    @Test
    void databaseUrlWithoutDatabaseNameIsRejected() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@localhost:5432/"))
                .hasMessageContaining("missing database name");
    }

    @Test
    void withoutAStripeKeyKassaRunsInTestMode() {
        KassaSettings settings = KassaSettings.fromEnvironment(Map.of());

        assertThat(settings.stripeTestMode()).isTrue();
        assertThat(settings.checkoutTtl()).isEqualTo(java.time.Duration.ofHours(24));
    }

    @Test
    void aStripeSecretKeyNeedsItsPublishableKey() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("STRIPE_SECRET_KEY", "sk_live_abc")))
                .hasMessageContaining("STRIPE_PUBLISHABLE_KEY: required when STRIPE_SECRET_KEY is set");
    }

    @Test
    void stripeKeysMustLookLikeStripeKeys() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("STRIPE_SECRET_KEY", "pk_live_abc", "STRIPE_PUBLISHABLE_KEY", "sk_x",
                "STRIPE_WEBHOOK_SECRET", "secret")))
                .isInstanceOfSatisfying(KassaSettings.InvalidSettingsException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void aStripeSecretKeyNeedsItsWebhookSecret() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("STRIPE_SECRET_KEY", "sk_live_abc", "STRIPE_PUBLISHABLE_KEY", "pk_live_x")))
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set");
    }

    @Test
    void checkoutTtlTakesOperatorDurations() {
        assertThat(KassaSettings.fromEnvironment(Map.of("CHECKOUT_TTL", "30m")).checkoutTtl()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(KassaSettings.fromEnvironment(Map.of("CHECKOUT_TTL", "P2D")).checkoutTtl()).isEqualTo(java.time.Duration.ofDays(2));
    }

    @Test
    void checkoutTtlOutsideOneMinuteToSevenDaysIsRejected() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("CHECKOUT_TTL", "8d")))
                .hasMessageContaining("CHECKOUT_TTL: must be between 1m and 7d");
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("CHECKOUT_TTL", "soon")))
                .hasMessageContaining("CHECKOUT_TTL: not a duration");
    }

    @Test
    void databaseTimeoutsDefaultToThirtySecondsFiveSecondsAndAMinute() {
        KassaSettings.DatabaseTimeouts timeouts = KassaSettings.fromEnvironment(Map.of()).databaseTimeouts();
        assertThat(timeouts.statement()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(timeouts.lock()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(timeouts.idleInTransaction()).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void databaseTimeoutsTakeOperatorDurationsWithMilliseconds() {
        KassaSettings.DatabaseTimeouts timeouts = KassaSettings.fromEnvironment(Map.of("DATABASE_STATEMENT_TIMEOUT", "2m",
                "DATABASE_LOCK_TIMEOUT", "500ms", "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "5m")).databaseTimeouts();
        assertThat(timeouts.statement()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(timeouts.lock()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(timeouts.idleInTransaction()).isEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void databaseTimeoutsOutOfRangeOrMalformedAreRejected() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("DATABASE_STATEMENT_TIMEOUT", "0s")))
                .hasMessageContaining("DATABASE_STATEMENT_TIMEOUT: not a duration");
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("DATABASE_STATEMENT_TIMEOUT", "1h")))
                .hasMessageContaining("DATABASE_STATEMENT_TIMEOUT: must be between 1s and 10m, got '1h'");
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("DATABASE_LOCK_TIMEOUT", "10ms")))
                .hasMessageContaining("DATABASE_LOCK_TIMEOUT: must be between 100ms and 10m");
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "forever")))
                .hasMessageContaining("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: not a duration");
    }

    @Test
    void aLockTimeoutLongerThanTheStatementTimeoutIsRejected() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("DATABASE_STATEMENT_TIMEOUT", "10s", "DATABASE_LOCK_TIMEOUT", "20s")))
                .hasMessageContaining("DATABASE_LOCK_TIMEOUT: must not exceed DATABASE_STATEMENT_TIMEOUT (10000 ms), got 20000 ms");
    }

    @Test
    void stripeApiBaseIsReadWithoutItsTrailingSlash() {
        KassaSettings settings = KassaSettings.fromEnvironment(Map.of("STRIPE_API_BASE", "http://127.0.0.1:12111/",
                "STRIPE_WEBHOOK_SECRET", "whsec_abc"));

        assertThat(settings.stripeApiBase()).map(Object::toString).contains("http://127.0.0.1:12111");
        assertThat(settings.stripeTestMode()).isTrue();
        assertThat(settings.servesStripeEmulator()).isFalse();
    }

    @Test
    void stripeApiBaseMustBeAnHttpUrl() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("STRIPE_API_BASE", "127.0.0.1:12111",
                "STRIPE_WEBHOOK_SECRET", "whsec_abc")))
                .hasMessageContaining("STRIPE_API_BASE: must be an http(s) URL");
    }

    @Test
    void stripeApiBaseInTestModeNeedsTheEmulatorsWebhookSecret() {
        assertThatThrownBy(() -> KassaSettings.fromEnvironment(Map.of("STRIPE_API_BASE", "http://127.0.0.1:12111")))
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET: required with STRIPE_API_BASE");
    }
}
