package dev.kassa.stripe.emulator;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own, with an in-memory store:
 * {@code java -cp ... dev.kassa.stripe.emulator.StripeEmulatorApplication --port 12111 [--host 127.0.0.1]
 * [--base-path ""] [--webhook-url URL --webhook-secret whsec_...]}. By default it listens on 127.0.0.1 at the root path, so {@code apiBase} is
 * {@code http://127.0.0.1:PORT}, just as for api.stripe.com.
 */
public final class StripeEmulatorApplication {

    static final int DEFAULT_PORT = 12111;

    private StripeEmulatorApplication() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = DEFAULT_PORT;
        String host = "127.0.0.1";
        String basePath = "";
        String webhookUrl = null;
        String webhookSecret = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--port", "--host", "--base-path", "--webhook-url", "--webhook-secret" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            usage("missing value for " + arg);
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--port" -> port = parsePort(value);
                        case "--host" -> host = value;
                        case "--webhook-url" -> webhookUrl = value;
                        case "--webhook-secret" -> webhookSecret = value;
                        default -> basePath = value;
                    }
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument " + arg);
            }
        }
        EmulatorSettings settings = EmulatorSettings.defaults();
        if (webhookSecret != null && webhookUrl == null) {
            usage("--webhook-secret needs --webhook-url");
        }
        if (webhookUrl != null) {
            if (webhookSecret == null) {
                webhookSecret = "whsec_" + Ids.random(32);
                System.out.println("Generated webhook signing secret: " + webhookSecret);
            } else if (!webhookSecret.startsWith("whsec_")) {
                usage("a webhook secret starts with whsec_");
            }
            settings = settings.withWebhookEndpoint(webhookUrl, webhookSecret);
        }
        StripeEmulatorServer server = StripeEmulatorServer.start(host, port, basePath, settings);
        System.out.println("Stripe test-mode emulator listening; apiBase " + server.apiBase()
                + (webhookUrl == null ? "" : "; webhooks to " + webhookUrl));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static final String USAGE = """
            usage: StripeEmulatorApplication [--port N] [--host ADDRESS] [--base-path PATH]
                                             [--webhook-url URL [--webhook-secret whsec_...]]
              --port N                port to listen on (default 12111; 0 picks a free one)
              --host ADDRESS          address to bind (default 127.0.0.1)
              --base-path PATH        path prefix before /v1 (default: none, like api.stripe.com)
              --webhook-url URL       POST every event, signed, to URL
              --webhook-secret SECRET the whsec_... signing secret (default: generated and printed)""";

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                usage("port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            usage("not a port: " + value);
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
