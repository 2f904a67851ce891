package dev.kassa;

import dev.kassa.admin.AdminCommand;
import dev.kassa.platform.config.KassaSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class KassaApplication {

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (asksForHelp(args)) {
            String help = help(command);
            (help == null ? System.err : System.out).print(help == null ? "Unknown command: " + command + "\n" + usage() : help);
            System.exit(help == null ? 2 : 0);
        }
        switch (command) {
            case "serve" -> {
                int status = serve(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
                if (status != 0) {
                    System.exit(status);
                }
            }
            case "admin" -> System.exit(AdminCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            case "stripe-emulator" -> runStripeEmulator(Arrays.copyOfRange(args, 1, args.length));
            case "help", "--help", "-h" -> {
                System.out.print(usage());
                System.exit(0);
            }
            default -> {
                System.err.println("Unknown command: " + command);
                System.err.print(usage());
                System.exit(2);
            }
        }
    }

    /**
     * {@code --help} or {@code -h} anywhere: the command prints its help and nothing starts ({@code admin} answers
     * for its own subcommands).
     */
    static boolean asksForHelp(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** The help of {@code command} ({@code serve}, {@code stripe-emulator}, or the whole list), null if unknown. */
    static String help(String command) {
        return switch (command) {
            case "serve" -> SERVE_HELP + configuration();
            case "stripe-emulator" -> STRIPE_EMULATOR_HELP;
            case "help", "--help", "-h" -> usage();
            default -> null;
        };
    }

    private static final String SERVE_HELP = """
            Usage: kassa serve

            Start the API server on PORT. Without DATABASE_URL it runs an embedded PostgreSQL with its data
            under KASSA_DATA_DIR; without STRIPE_SECRET_KEY it runs in Stripe test mode on its own emulator.
            Stops cleanly on SIGTERM.

            """;

    private static final String STRIPE_EMULATOR_HELP = """
            Usage: kassa stripe-emulator [--port N] [--host ADDRESS] [--base-path PATH]
                                         [--webhook-url URL [--webhook-secret whsec_...]]

            Run only the Stripe test-mode emulator, answering like api.stripe.com (state in memory).
              --port N                port to listen on (default 12111; 0 picks a free one)
              --host ADDRESS          address to bind (default 127.0.0.1)
              --base-path PATH        path prefix before /v1 (default: none, like api.stripe.com)
              --webhook-url URL       POST every event, signed, to URL
              --webhook-secret SECRET the whsec_... signing secret (default: generated and printed)
            """;

    static String usage() {
        return """
                Usage: kassa [command] [--help]

                Commands:
                  serve                         Start the API server (default)
                  admin create-organization --name NAME --slug SLUG
                                                Create an organization and a full-scope access token
                  admin create-token --organization ID_OR_SLUG [--scopes a,b] [--expires-in 30d] [--comment TEXT]
                                                Issue an organization access token
                  admin revoke-token TOKEN_ID   Revoke an access token
                  admin payment-attempts        Payment attempts flagged for a person
                  admin renewal-attempts        Renewal charges flagged for a person
                  admin advance-subscription ID Test mode: bill a subscription's next period now
                  admin webhooks                Webhook endpoints, their events by state and failures
                  stripe-emulator [--port N] [--host H]
                                                Run only the Stripe test-mode emulator (for other projects' tests)
                  help                          Show this help
                kassa COMMAND --help (or -h) shows that command's help and starts nothing.

                """ + configuration();
    }

    private static String configuration() {
        return """
                Configuration (environment variables):
                  PORT              HTTP port (default 8000; 0 picks a free one)
                  PUBLIC_BASE_URL   URL clients reach Kassa at (default http://localhost:$PORT)
                  DATABASE_URL      postgresql://user:pass@host:port/db; unset = embedded PostgreSQL
                  KASSA_DATA_DIR    folder for the embedded database and the demo token (default ./data)
                  STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY
                                    Stripe keys; without them Kassa runs in test mode on its Stripe emulator
                  STRIPE_WEBHOOK_SECRET
                                    whsec_... that signs Stripe's webhooks (test mode: made once per installation)
                  STRIPE_API_BASE   test mode on an emulator running on its own (e.g. http://127.0.0.1:12111)
                  CHECKOUT_TTL      how long a checkout stays open (default 24h)
                  DATABASE_STATEMENT_TIMEOUT, DATABASE_LOCK_TIMEOUT, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT
                                    per-connection database timeouts (default 30s, 5s, 60s)
                  LOG_FORMAT        json for structured (ECS) logs
                  RATE_LIMIT_ENABLED, RATE_LIMIT_TOKEN_PER_MINUTE, RATE_LIMIT_CLIENT_SECRET_PER_MINUTE,
                  RATE_LIMIT_IP_PER_MINUTE, RATE_LIMIT_CONFIRM_PER_MINUTE, RATE_LIMIT_CONFIRM_PER_HOUR,
                  RATE_LIMIT_CONFIRM_BLOCK, RATE_LIMIT_TRUSTED_PROXIES
                                    rate limits (default on: 500/min per token, client secret and address;
                                    confirm 6/min and 20/hour per checkout, then 30 min blocked); see README
                """;
    }

    private static void runStripeEmulator(String[] args) {
        try {
            dev.kassa.stripe.emulator.StripeEmulatorApplication.main(args);
        } catch (java.io.IOException e) {
            System.err.println("Stripe emulator failed: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int serve(String[] springArgs) {
        KassaSettings settings;
        try {
            settings = KassaSettings.fromEnvironment(System.getenv());
        } catch (KassaSettings.InvalidSettingsException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        SpringApplication application = new SpringApplication(KassaApplication.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.port", settings.port());
        application.setDefaultProperties(defaults);
        if (settings.port() == 0) {
            // PORT=0: a free port chosen now, so that the default PUBLIC_BASE_URL names the port Kassa listens on.
            int port;
            try {
                port = freePort();
            } catch (java.io.IOException e) {
                System.err.println("Kassa failed to start: no free port for PORT=0: " + e.getMessage());
                return 1;
            }
            application.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
                    new org.springframework.core.env.MapPropertySource("kassa-chosen-port",
                            Map.of("PORT", Integer.toString(port), "server.port", Integer.toString(port)))));
        }
        try {
            application.run(springArgs);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Kassa failed to start: " + explain(e));
            return 1;
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The most useful message of a startup failure: Kassa's own, else the root cause's. */
    public static String explain(Throwable e) {
        Throwable cause = e;
        Throwable root = e;
        while (cause != null) {
            if (cause.getStackTrace().length > 0 && cause.getStackTrace()[0].getClassName().startsWith("dev.kassa.")
                    && cause.getMessage() != null) {
                return cause.getMessage();
            }
            root = cause;
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
