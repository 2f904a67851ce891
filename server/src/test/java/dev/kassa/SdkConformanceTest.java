package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives the running test server with Polar's official TypeScript SDK ({@code @polar-sh/sdk@0.32.10}, pinned in
 * sdk-check/package-lock.json): every operation Kassa implements must answer with a response the SDK's schemas
 * accept. Needs Node.js; installs the pinned packages with {@code npm ci} when they are missing.
 */
class SdkConformanceTest extends ApiTest {

    private static final Path SDK_CHECK = Path.of("..", "sdk-check").toAbsolutePath().normalize();

    @Test
    void polarSdkParsesEveryResponse() throws IOException, InterruptedException {
        if (!Files.isDirectory(SDK_CHECK.resolve("node_modules/@polar-sh/sdk"))) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), null).exitCode())
                    .as("npm ci in sdk-check").isZero();
        }
        Tenant tenant = data.tenant();

        Outcome outcome = run(List.of("node", "check.mjs"), tenant);

        assertThat(outcome.exitCode()).as("SDK check output:%n%s", outcome.output()).isZero();
        assertThat(outcome.output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    private record Outcome(int exitCode, String output) {
    }

    private Outcome run(List<String> command, Tenant tenant) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(SDK_CHECK.toFile()).redirectErrorStream(true);
        File log = Files.createTempFile("sdk-check", ".log").toFile();
        builder.redirectOutput(log);
        if (tenant != null) {
            builder.environment().put("KASSA_URL", "http://127.0.0.1:" + port);
            builder.environment().put("KASSA_TOKEN", tenant.token());
        }
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Outcome(-1, "timed out:\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }
}
