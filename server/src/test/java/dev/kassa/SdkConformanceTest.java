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
 * Drives the running test server with Polar's official TypeScript SDK, pinned in sdk-check/package-lock.json, in
 * three versions: {@code @polar-sh/sdk@0.32.10} ({@code check.mjs}) and {@code 0.49.0} ({@code check-0.49.mjs}),
 * whose Zod schemas parse every response at run time, and {@code 1.0.1}'s 2026-10 client ({@code check-1.0.mjs}),
 * whose recorded responses are type-checked against the SDK's TypeScript types with tsc ({@code check-1.0-billing.mjs}
 * drives issue 11's renewals, dunning, cancellations and refunds with the same client). Every operation Kassa
 * implements must answer with a response each SDK accepts. Needs Node.js; installs the pinned packages with
 * {@code npm ci} when they are missing.
 */
class SdkConformanceTest extends ApiTest {

    private static final Path SDK_CHECK = Path.of("..", "sdk-check").toAbsolutePath().normalize();
    private static final Object INSTALL = new Object();

    @Test
    void polarSdk0_32ParsesEveryResponse() throws IOException, InterruptedException {
        runCheck("check.mjs");
    }

    @Test
    void polarSdk0_49ParsesEveryResponse() throws IOException, InterruptedException {
        runCheck("check-0.49.mjs");
    }

    @Test
    void polarSdk1_0TypesAcceptEveryResponse() throws IOException, InterruptedException {
        runCheck("check-1.0.mjs");
    }

    @Test
    void polarSdk1_0DrivesRenewalsDunningCancellationsAndRefunds() throws IOException, InterruptedException {
        runCheck("check-1.0-billing.mjs");
    }

    private void runCheck(String script) throws IOException, InterruptedException {
        installPackages();
        Tenant tenant = data.tenant();

        Outcome outcome = run(List.of("node", script), tenant);

        assertThat(outcome.exitCode()).as("%s output:%n%s", script, outcome.output()).isZero();
        assertThat(outcome.output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    private void installPackages() throws IOException, InterruptedException {
        synchronized (INSTALL) {
            boolean installed = Files.isDirectory(SDK_CHECK.resolve("node_modules/@polar-sh/sdk"))
                    && Files.isDirectory(SDK_CHECK.resolve("node_modules/sdk-0-49"))
                    && Files.isDirectory(SDK_CHECK.resolve("node_modules/sdk-1-0"))
                    && Files.isDirectory(SDK_CHECK.resolve("node_modules/typescript"));
            if (!installed) {
                assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), null).exitCode())
                        .as("npm ci in sdk-check").isZero();
            }
        }
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
