package dev.kassa.organization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The test server starts on an empty embedded database, so it made the Demo organization. */
class DemoOrganizationBootstrapTest extends ApiTest {

    private final Path tokenFile = DATA_DIR.resolve("demo-token");

    @Test
    void demoTokenIsWrittenReadableOnlyByTheOwner() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    }

    @Test
    void demoTokenCallsTheApi() throws IOException {
        String token = Files.readString(tokenFile).trim();

        assertThat(token).startsWith("polar_oat_");
        anonymous().header("Authorization", "Bearer " + token).get("/v1/products/").then().statusCode(200);
    }
}
