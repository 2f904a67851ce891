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
}
