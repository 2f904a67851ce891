package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.admin.AdminCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./kassa COMMAND --help} (or {@code -h}) prints that command's help and starts nothing: no server, no
 * database, no build; {@code ./kassa --help} lists every command.
 */
class CommandHelpTest {

    /** Every {@code kassa admin} command; {@link #everyAdminCommandHasItsHelpAndIsListed} keeps it complete. */
    private static final List<String> ADMIN_COMMANDS = List.of("create-organization", "create-token", "revoke-token",
            "payment-attempts", "renewal-attempts", "advance-subscription", "webhooks");

    @TempDir
    Path dataDir;

    private record Result(int status, String out) {
    }

    @Test
    void serveHelpPrintsItsUsageAndStartsNeitherServerNorDatabase() throws Exception {
        int port = freePort();
        for (String flag : List.of("--help", "-h")) {
            Result result = java(Map.of("PORT", Integer.toString(port)), "serve", flag);

            assertThat(result.status()).as(result.out()).isZero();
            assertThat(result.out()).startsWith("Usage: kassa serve").contains("PUBLIC_BASE_URL", "DATABASE_URL");
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no embedded database under KASSA_DATA_DIR").isEmpty();
        }
    }

    @Test
    void stripeEmulatorHelpPrintsItsOptionsAndListensNowhere() throws Exception {
        Result result = java(Map.of(), "stripe-emulator", "--port", "0", "-h");

        assertThat(result.status()).as(result.out()).isZero();
        assertThat(result.out()).startsWith("Usage: kassa stripe-emulator").contains("--webhook-url URL");
    }

    @Test
    void adminHelpInItsOwnJvmListsItsCommands() throws Exception {
        Result result = java(Map.of(), "admin", "--help");

        assertThat(result.status()).as(result.out()).isZero();
        assertThat(result.out()).startsWith("Usage: kassa admin").contains(ADMIN_COMMANDS);
    }

    @Test
    void everyAdminCommandPrintsItsHelpWithoutOpeningTheDatabase() {
        for (String command : ADMIN_COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                // Nothing listens on port 1: a command that tried the database would fail with status 1.
                int status = AdminCommand.run(new String[] {command, flag}, Map.of("DATABASE_URL", "postgresql://u@127.0.0.1:1/none"),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

                assertThat(status).as("%s %s: %s", command, flag, err).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: kassa admin " + command);
            }
        }
    }

    @Test
    void anAdminCommandsHelpWinsOverItsOtherArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AdminCommand.run(new String[] {"create-token", "--organization", "acme", "--help"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: kassa admin create-token --organization ID_OR_SLUG");
    }

    @Test
    void everyAdminCommandHasItsHelpAndIsListed() throws Exception {
        Result script = script("--help");

        assertThat(script.status()).isZero();
        for (String command : ADMIN_COMMANDS) {
            assertThat(script.out()).as("./kassa --help lists admin %s", command).contains("admin " + command);
            assertThat(KassaApplication.usage()).contains("admin " + command);
        }
        assertThat(script.out()).contains("  serve ", "  stripe-emulator ", "  test ", "  build ");
    }

    @Test
    void theLaunchersOwnCommandsPrintTheirHelpWithoutRunningMavenOrJava() throws Exception {
        for (String command : List.of("test", "build")) {
            for (String flag : List.of("--help", "-h")) {
                Result result = script(command, flag);

                assertThat(result.status()).as(result.out()).isZero();
                assertThat(result.out()).startsWith("Usage: ./kassa " + command);
            }
        }
    }

    @Test
    void anUnknownCommandWithHelpIsAUsageError() throws Exception {
        Result result = java(Map.of(), "serv", "--help");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).contains("Unknown command: serv", "Usage: kassa [command]");
    }

    private Result java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.kassa.KassaApplication"));
        command.addAll(List.of(args));
        return run(command, env);
    }

    /** The launcher at the repository's root (surefire runs in {@code server/}). */
    private Result script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "kassa").toAbsolutePath().normalize().toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("KASSA_") || name.equals("DATABASE_URL") || name.startsWith("STRIPE_"));
        builder.environment().put("KASSA_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        Path log = Files.createTempFile("kassa-help", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 30 s: " + command + "\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
