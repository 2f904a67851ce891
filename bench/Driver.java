// Kassa load driver: the whole buyer lifecycle over HTTP, closed loop at several concurrencies, then open loop.
// Run with a JDK 25: java bench/Driver.java --base URL --token TOKEN --product ID [options]  (see bench/README.md)
// No dependencies beyond the JDK. Every loop is bounded by a duration or a count; it talks only to --base.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

public class Driver {

    /** The steps reported per phase, in lifecycle order. "token" is the emulator's test helper, not a Kassa step. */
    static final List<String> STEPS = List.of("create", "update", "token", "confirm", "client_get", "confirm_to_succeeded", "lifecycle");

    static final Map<String, String> STEP_LABELS = Map.of(
            "create", "create (merchant POST)",
            "update", "update (client PATCH)",
            "token", "token (emulator helper)",
            "confirm", "confirm (client POST)",
            "client_get", "client GET (poll)",
            "confirm_to_succeeded", "confirm -> succeeded",
            "lifecycle", "whole lifecycle");

    record Config(String base, String token, String product, int[] concurrency, double warmupSeconds, double durationSeconds,
            double openWarmupSeconds, double openDurationSeconds, double openRate, double ceiling, double timeoutSeconds,
            double jitWarmupSeconds,
            long pollMillis, double succeedTimeoutSeconds, double drainSeconds, double cooldownSeconds, int maxInFlight,
            long lifecycles, String http) {

        static Config parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
                }
                a.put(args[i].substring(2), args[++i]);
            }
            String base = require(a, "base").replaceAll("/+$", "");
            URI uri = URI.create(base);
            String host = uri.getHost();
            if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]"))) {
                throw new IllegalArgumentException("--base must be a loopback URL (127.0.0.1 or localhost), got " + base);
            }
            int[] concurrency = Arrays.stream(a.getOrDefault("concurrency", "16,64,256").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
            for (int c : concurrency) {
                if (c < 1 || c > 10_000) throw new IllegalArgumentException("--concurrency values must be 1..10000, got " + c);
            }
            Config config = new Config(base, require(a, "token"), require(a, "product"), concurrency,
                    num(a, "warmup", 5), num(a, "duration", 20), num(a, "open-warmup", 5), num(a, "open-duration", 20),
                    num(a, "open-rate", 0), num(a, "ceiling", 0), num(a, "timeout", 15), num(a, "jit-warmup", 120), (long) num(a, "poll-ms", 100),
                    num(a, "succeed-timeout", 30), num(a, "drain", 15), num(a, "cooldown", 3), (int) num(a, "max-in-flight", 2000),
                    (long) num(a, "lifecycles", 0), http(a));
            a.keySet().removeAll(List.of("base", "token", "product", "concurrency", "warmup", "duration", "open-warmup",
                    "open-duration", "open-rate", "ceiling", "timeout", "jit-warmup", "poll-ms", "succeed-timeout", "drain", "cooldown", "max-in-flight",
                    "lifecycles", "http"));
            if (!a.isEmpty()) throw new IllegalArgumentException("unknown option(s): " + a.keySet());
            if (config.durationSeconds <= 0 || config.openDurationSeconds < 0 || config.warmupSeconds < 0 || config.openWarmupSeconds < 0
                    || config.jitWarmupSeconds < 0) {
                throw new IllegalArgumentException("durations must be positive (open duration 0 skips the open loop)");
            }
            if (config.pollMillis < 1 || config.timeoutSeconds <= 0 || config.succeedTimeoutSeconds <= 0 || config.maxInFlight < 1) {
                throw new IllegalArgumentException("--poll-ms, --timeout, --succeed-timeout and --max-in-flight must be positive");
            }
            return config;
        }

        /** {@code socket} (default: a minimal HTTP/1.1 client, little CPU) or {@code jdk} (java.net.http.HttpClient). */
        private static String http(Map<String, String> a) {
            String value = a.getOrDefault("http", "socket");
            if (!value.equals("socket") && !value.equals("jdk")) {
                throw new IllegalArgumentException("--http must be socket or jdk, got: " + value);
            }
            return value;
        }

        private static String require(Map<String, String> a, String name) {
            String value = a.get(name);
            if (value == null || value.isBlank()) throw new IllegalArgumentException("--" + name + " is required");
            return value;
        }

        private static double num(Map<String, String> a, String name, double dflt) {
            String value = a.get(name);
            if (value == null || value.isBlank()) return dflt;
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, got " + value);
            }
        }
    }

    /** Latencies in microseconds, appended concurrently. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long micros) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = micros;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }

        static double percentileMillis(long[] sorted, double p) {
            if (sorted.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
        }
    }

    /**
     * One measured window: only what completes between {@code measureStart} and {@code measureEnd} counts, so the
     * warm-up before it and the drain after it are never mixed into the figures.
     */
    static final class Phase {
        final String name;
        final long measureStart;
        final long measureEnd;
        final Map<String, Samples> latencies = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final LongAdder completed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder started = new LongAdder();
        final LongAdder arrivals = new LongAdder(); // open loop: lifecycles scheduled inside the window
        volatile String loadAtEnd = "?";

        Phase(String name, long measureStart, long measureEnd) {
            this.name = name;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
        }

        boolean inWindow(long nanos) {
            return nanos >= measureStart && nanos < measureEnd;
        }

        void latency(String step, long startNanos, long endNanos) {
            if (inWindow(endNanos)) {
                latencies.computeIfAbsent(step, k -> new Samples()).add((endNanos - startNanos) / 1000);
            }
        }

        void error(String key, long atNanos) {
            if (inWindow(atNanos)) errors.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        double seconds() {
            return (measureEnd - measureStart) / 1e9;
        }

        double lifecyclesPerSecond() {
            return completed.sum() / seconds();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    /** A step that did not answer 2xx, or did not answer at all: it ends the lifecycle. */
    static final class StepFailed extends Exception {
        StepFailed(String key) {
            super(key, null, false, false);
        }
    }

    final Config config;
    final HttpClient http;
    final SocketHttp socketHttp;
    final String stripeAuth = "Basic " + Base64.getEncoder().encodeToString("sk_test_kassa_emulator:".getBytes(StandardCharsets.UTF_8));

    Driver(Config config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create(config.base);
        this.socketHttp = new SocketHttp(base.getHost(), base.getPort() == -1 ? 80 : base.getPort(),
                (int) (config.timeoutSeconds * 1000));
    }

    public static void main(String[] args) throws Exception {
        // Idle pooled connections are dropped before Tomcat's 20 s keep-alive timeout closes them under us.
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Driver: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Driver(config).run();
    }

    void run() throws Exception {
        if (config.lifecycles > 0) {
            counted(config.lifecycles, config.concurrency[0]);
            return;
        }
        // One lifecycle first: a broken setup stops here with its reason instead of printing a page of errors.
        Phase probe = new Phase("probe", System.nanoTime(), Long.MAX_VALUE);
        lifecycle(probe, System.nanoTime());
        if (probe.completed.sum() != 1) {
            System.err.println("Driver: a single lifecycle failed against " + config.base + ": " + probe.errors.keySet());
            System.exit(1);
        }

        if (config.jitWarmupSeconds > 0) {
            // A fresh JVM answers several times slower until its JIT has compiled the hot paths: warm it up once,
            // at a concurrency Kassa is known to sustain, and report nothing of it.
            int buyers = Math.min(16, config.concurrency[0]);
            System.out.printf(Locale.ROOT, "%n== JIT warm-up: %d buyers for %.0f s (not reported)%n", buyers, config.jitWarmupSeconds);
            long start = System.nanoTime();
            runClosed(new Phase("jit warm-up", start, start + nanos(config.jitWarmupSeconds)), buyers);
            cooldown();
        }

        List<Phase> results = new ArrayList<>();
        for (int buyers : config.concurrency) {
            Phase phase = closedLoop(buyers);
            print(phase);
            results.add(phase);
            cooldown();
        }
        double max = results.stream().mapToDouble(Phase::lifecyclesPerSecond).max().orElse(0);
        double rate = config.openRate > 0 ? config.openRate : max / 2;
        if (config.openDurationSeconds > 0 && rate > 0) {
            Phase phase = openLoop(rate);
            print(phase);
            results.add(phase);
        } else if (config.openDurationSeconds > 0) {
            System.out.println("\n== open loop skipped: no closed-loop phase completed a lifecycle");
        }
        summary(results);
    }

    // ---------------------------------------------------------------- phases

    /**
     * A fixed number of lifecycles at a fixed number of buyers (bench/counts): no probe, no warm-up, no window; it
     * prints how many completed, the requests per step, and the time taken.
     */
    void counted(long lifecycles, int buyers) throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong remaining = new java.util.concurrent.atomic.AtomicLong(lifecycles);
        long start = System.nanoTime();
        Phase phase = new Phase(lifecycles + " lifecycles", start, Long.MAX_VALUE);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < buyers; i++) {
            pool.submit(() -> {
                while (remaining.getAndDecrement() > 0 && !Thread.currentThread().isInterrupted()) {
                    lifecycle(phase, System.nanoTime());
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) pool.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "   completed %d, failed %d, in %.1f s at %d buyers (%.1f lifecycles/s, %s)%n",
                phase.completed.sum(), phase.failed.sum(), seconds, buyers, phase.completed.sum() / seconds, loadAverage());
        StringBuilder requests = new StringBuilder("   requests");
        for (String step : List.of("create", "update", "token", "confirm", "client_get")) {
            Samples samples = phase.latencies.get(step);
            long[] sorted = samples == null ? new long[0] : samples.sorted();
            requests.append(String.format(Locale.ROOT, "  %s %d (p50 %s ms)", step, sorted.length, ms(Samples.percentileMillis(sorted, 50))));
        }
        System.out.println(requests);
        if (!phase.errors.isEmpty()) {
            new TreeMap<>(phase.errors).forEach((key, count) -> System.out.printf(Locale.ROOT, "   error %-60s %8d%n", key, count.sum()));
        }
    }

    Phase closedLoop(int buyers) throws InterruptedException {
        long now = System.nanoTime();
        long measureStart = now + nanos(config.warmupSeconds);
        Phase phase = new Phase("closed " + buyers, measureStart, measureStart + nanos(config.durationSeconds));
        System.out.printf(Locale.ROOT, "%n== %s buyers: %.0f s warm-up, %.0f s measured ...%n", phase.name,
                config.warmupSeconds, config.durationSeconds);
        runClosed(phase, buyers);
        return phase;
    }

    void runClosed(Phase phase, int buyers) throws InterruptedException {
        ExecutorService buyersPool = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < buyers; i++) {
            buyersPool.submit(() -> {
                while (System.nanoTime() < phase.measureEnd && !Thread.currentThread().isInterrupted()) {
                    lifecycle(phase, System.nanoTime());
                }
                return null;
            });
        }
        finish(buyersPool, phase);
    }

    /**
     * Fixed arrival rate, independent of how fast Kassa answers; each lifecycle's create latency and whole
     * latency are measured from its scheduled start, so a stalled server (or a late scheduler) shows up in the
     * figures instead of silently lowering the offered load (no coordinated omission).
     */
    Phase openLoop(double rate) throws InterruptedException {
        long t0 = System.nanoTime();
        long measureStart = t0 + nanos(config.openWarmupSeconds);
        Phase phase = new Phase(String.format(Locale.ROOT, "open %.1f/s", rate), measureStart,
                measureStart + nanos(config.openDurationSeconds));
        System.out.printf(Locale.ROOT, "%n== %s (fixed arrival rate): %.0f s warm-up, %.0f s measured, at most %d in flight ...%n",
                phase.name, config.openWarmupSeconds, config.openDurationSeconds, config.maxInFlight);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Semaphore inFlight = new Semaphore(config.maxInFlight);
        double intervalNanos = 1e9 / rate;
        for (long i = 0; ; i++) {
            long scheduled = t0 + (long) (i * intervalNanos);
            if (scheduled >= phase.measureEnd) break;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            if (phase.inWindow(scheduled)) phase.arrivals.increment();
            if (!inFlight.tryAcquire()) {
                phase.error("create dropped: " + config.maxInFlight + " lifecycles in flight", System.nanoTime());
                if (phase.inWindow(System.nanoTime())) phase.failed.increment();
                continue;
            }
            pool.submit(() -> {
                try {
                    lifecycle(phase, scheduled);
                } finally {
                    inFlight.release();
                }
                return null;
            });
        }
        finish(pool, phase);
        return phase;
    }

    /** Waits for the phase's end, lets in-flight lifecycles finish for at most the drain time, then stops them. */
    void finish(ExecutorService pool, Phase phase) throws InterruptedException {
        long untilEnd = phase.measureEnd - System.nanoTime();
        if (untilEnd > 0) TimeUnit.NANOSECONDS.sleep(untilEnd);
        phase.loadAtEnd = loadAverage();
        pool.shutdown();
        if (!pool.awaitTermination((long) (config.drainSeconds * 1000), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                System.out.println("   (some buyers did not stop within 10 s of being interrupted)");
            }
        }
    }

    void cooldown() throws InterruptedException {
        // Lets Kassa's event processor settle the previous phase's confirmed checkouts before the next phase.
        if (config.cooldownSeconds > 0) Thread.sleep((long) (config.cooldownSeconds * 1000));
    }

    // ---------------------------------------------------------------- one buyer

    /** Runs one lifecycle; records its steps' latencies and its outcome in the phase. */
    void lifecycle(Phase phase, long scheduledStart) {
        phase.started.increment();
        try {
            String email = "buyer-" + UUID.randomUUID() + "@bench.example";

            long t = System.nanoTime();
            Map<String, Object> checkout = json(send(phase, "create", scheduledStart, new Call("POST", "/v1/checkouts/",
                    merchantAuth(), JSON, "{\"products\":[\"" + config.product + "\"]}")));
            String secret = string(phase, checkout, "client_secret", "create");
            String clientPath = "/v1/checkouts/client/" + secret;

            send(phase, "update", System.nanoTime(), new Call("PATCH", clientPath, null, JSON, "{\"customer_email\":\"" + email + "\","
                    + "\"customer_name\":\"Bench Buyer\",\"customer_billing_address\":{\"country\":\"US\",\"state\":\"US-NY\","
                    + "\"line1\":\"1 Main St\",\"city\":\"New York\",\"postal_code\":\"10001\"}}"));

            Map<String, Object> token = json(send(phase, "token", System.nanoTime(), new Call("POST",
                    "/_stripe/v1/test_helpers/confirmation_tokens", stripeAuth, "application/x-www-form-urlencoded",
                    "payment_method=pm_card_visa")));
            String tokenId = string(phase, token, "id", "token");

            Map<String, Object> confirmed = json(send(phase, "confirm", System.nanoTime(), new Call("POST", clientPath + "/confirm",
                    null, JSON, "{\"confirmation_token_id\":\"" + tokenId + "\"}")));
            long confirmedAt = System.nanoTime();
            String status = String.valueOf(confirmed.get("status"));

            long deadline = confirmedAt + nanos(config.succeedTimeoutSeconds);
            while (!"succeeded".equals(status)) {
                if (!"confirmed".equals(status)) {
                    throw fail(phase, "succeeded: status " + status);
                }
                if (System.nanoTime() >= deadline) {
                    throw fail(phase, "succeeded: still confirmed after " + (long) config.succeedTimeoutSeconds + " s");
                }
                Map<String, Object> polled = json(send(phase, "client_get", System.nanoTime(), new Call("GET", clientPath, null, null, null)));
                status = String.valueOf(polled.get("status"));
                if (!"succeeded".equals(status)) Thread.sleep(config.pollMillis);
            }
            long end = System.nanoTime();
            phase.latency("confirm_to_succeeded", confirmedAt, end);
            phase.latency("lifecycle", scheduledStart, end);
            if (phase.inWindow(end)) phase.completed.increment();
        } catch (StepFailed e) {
            if (phase.inWindow(System.nanoTime())) phase.failed.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped after the drain: neither a success nor an error
        } catch (RuntimeException e) {
            // An answer that is not the JSON expected: counted, and the buyer goes on with a new lifecycle.
            fail(phase, "unexpected answer: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (phase.inWindow(System.nanoTime())) phase.failed.increment();
        }
    }

    static final String JSON = "application/json";

    /** One request: {@code authorization} and {@code contentType} may be null (no header), {@code body} null for none. */
    record Call(String method, String path, String authorization, String contentType, String body) {
    }

    record Answer(int status, String body) {
    }

    String merchantAuth() {
        return "Bearer " + config.token;
    }

    String send(Phase phase, String step, long start, Call call) throws StepFailed, InterruptedException {
        Answer response;
        try {
            response = config.http.equals("jdk") ? jdkExchange(call) : socketHttp.exchange(call);
        } catch (HttpTimeoutException | java.net.SocketTimeoutException e) {
            throw fail(phase, step + " timeout");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw fail(phase, step + " " + e.getClass().getSimpleName());
        }
        long end = System.nanoTime();
        // Every answered request counts in its step's latency, an error answer too; a timeout only as an error.
        phase.latency(step, start, end);
        if (response.status() / 100 != 2) {
            throw fail(phase, step + " " + response.status() + errorName(response.body()));
        }
        return response.body();
    }

    Answer jdkExchange(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.base + call.path()))
                .timeout(Duration.ofMillis((long) (config.timeoutSeconds * 1000))).header("accept", JSON);
        if (call.authorization() != null) builder.header("authorization", call.authorization());
        if (call.contentType() != null) builder.header("content-type", call.contentType());
        builder.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body()));
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * A minimal HTTP/1.1 client for the driver's own requests: blocking sockets (one per virtual thread at a time,
     * kept alive in a pool), Content-Length or chunked bodies. The JDK's HttpClient costs several times more CPU per
     * request (its selector thread and executor hand-offs), and on a 2-core machine shared with Kassa and
     * PostgreSQL that CPU is taken from what is measured; {@code --http jdk} uses it instead, for comparison.
     */
    static final class SocketHttp {
        private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
        private final String host;
        private final int port;
        private final int timeoutMillis;
        private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();

        SocketHttp(String host, int port, int timeoutMillis) {
            this.host = host;
            this.port = port;
            this.timeoutMillis = timeoutMillis;
        }

        private static final class Connection {
            final java.net.Socket socket;
            final java.io.BufferedInputStream in;
            final java.io.OutputStream out;
            long lastUsed = System.nanoTime();

            Connection(java.net.Socket socket) throws IOException {
                this.socket = socket;
                this.in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
                this.out = socket.getOutputStream();
            }

            void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                }
            }
        }

        Answer exchange(Call call) throws IOException {
            byte[] request = requestBytes(call);
            Connection reused = pooled();
            if (reused != null) {
                try {
                    return exchange(reused, request);
                } catch (StaleConnection e) {
                    // Closed by the server while idle, before it read anything of ours: send it again on a new one.
                }
            }
            return exchange(open(), request);
        }

        private Connection pooled() {
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                if (System.nanoTime() - c.lastUsed < IDLE_NANOS && !c.socket.isClosed()) return c;
                c.close();
            }
            return null;
        }

        private Connection open() throws IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(timeoutMillis);
            return new Connection(socket);
        }

        private byte[] requestBytes(Call call) {
            byte[] body = call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(call.method()).append(' ').append(call.path())
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\nAccept: application/json\r\n");
            if (call.authorization() != null) head.append("Authorization: ").append(call.authorization()).append("\r\n");
            if (call.contentType() != null) head.append("Content-Type: ").append(call.contentType()).append("\r\n");
            if (call.body() != null || !call.method().equals("GET")) head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }

        /** The connection closed before any byte of the answer: the server never took the request. */
        private static final class StaleConnection extends IOException {
        }

        private Answer exchange(Connection c, byte[] request) throws IOException {
            boolean keep = false;
            try {
                c.out.write(request);
                c.out.flush();
                String statusLine = line(c.in, true);
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(c.in, false); !header.isEmpty(); header = line(c.in, false)) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> close = value.equalsIgnoreCase("close");
                        default -> {
                        }
                    }
                }
                byte[] body;
                if (chunked) {
                    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
                    for (long size = Long.parseLong(line(c.in, false).split(";")[0].trim(), 16); size > 0;
                            size = Long.parseLong(line(c.in, false).split(";")[0].trim(), 16)) {
                        buffer.write(c.in.readNBytes((int) size));
                        line(c.in, false);
                    }
                    for (String trailer = line(c.in, false); !trailer.isEmpty(); trailer = line(c.in, false)) {
                    }
                    body = buffer.toByteArray();
                } else if (length >= 0) {
                    body = c.in.readNBytes((int) length);
                    if (body.length < length) throw new java.io.EOFException("answer shorter than its Content-Length");
                } else {
                    body = c.in.readAllBytes();
                    close = true;
                }
                keep = !close;
                return new Answer(status, new String(body, StandardCharsets.UTF_8));
            } finally {
                if (keep) {
                    c.lastUsed = System.nanoTime();
                    idle.offerFirst(c);
                } else {
                    c.close();
                }
            }
        }

        /** One CRLF-terminated line (ISO-8859-1); at the first line, an immediate end of stream is a stale connection. */
        private static String line(java.io.InputStream in, boolean first) throws IOException {
            StringBuilder out = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b == -1) {
                    if (first && out.isEmpty()) throw new StaleConnection();
                    throw new java.io.EOFException("connection closed in the middle of an answer");
                }
                if (b == '\n') {
                    int n = out.length();
                    if (n > 0 && out.charAt(n - 1) == '\r') out.setLength(n - 1);
                    return out.toString();
                }
                out.append((char) b);
            }
        }
    }

    static String errorName(String body) {
        try {
            Object error = parseJson(body) instanceof Map<?, ?> map ? map.get("error") : null;
            return error instanceof String s ? " " + s : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    StepFailed fail(Phase phase, String key) {
        phase.error(key, System.nanoTime());
        return new StepFailed(key);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(String body) {
        Object value = parseJson(body);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    String string(Phase phase, Map<String, Object> object, String key, String step) throws StepFailed {
        if (object.get(key) instanceof String s && !s.isEmpty()) return s;
        throw fail(phase, step + ": no " + key + " in the answer");
    }

    /** The 1-minute load average and the CPU pressure (PSI "some" over 10 s): how busy the shared machine was. */
    static String loadAverage() {
        String load = "?";
        String pressure = "";
        try {
            load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+")[0];
            String psi = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/pressure/cpu"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("some avg10=([0-9.]+)").matcher(psi);
            if (m.find()) pressure = ", cpu pressure " + m.group(1) + "%";
        } catch (IOException | RuntimeException e) {
            // not Linux, or no PSI: what was read is enough
        }
        return "load " + load + pressure;
    }

    static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    // ---------------------------------------------------------------- output

    void print(Phase phase) {
        System.out.printf(Locale.ROOT, "   lifecycles/s %.1f   (%d completed, %d failed in %.1f s)%s%n", phase.lifecyclesPerSecond(),
                phase.completed.sum(), phase.failed.sum(), phase.seconds(), ratio(phase));
        if (phase.arrivals.sum() > 0) {
            System.out.printf(Locale.ROOT, "   offered      %.1f/s   (%d lifecycles started on schedule in the window)%n",
                    phase.arrivals.sum() / phase.seconds(), phase.arrivals.sum());
        }
        System.out.println("   machine at the end of the window: " + phase.loadAtEnd + " (" + Runtime.getRuntime().availableProcessors()
                + " cores; others' builds count too)");
        System.out.printf(Locale.ROOT, "   %-26s %8s %10s %10s %10s%n", "step", "count", "p50 ms", "p99 ms", "max ms");
        for (String step : STEPS) {
            Samples samples = phase.latencies.get(step);
            long[] sorted = samples == null ? new long[0] : samples.sorted();
            System.out.printf(Locale.ROOT, "   %-26s %8d %10s %10s %10s%n", STEP_LABELS.get(step), sorted.length,
                    ms(Samples.percentileMillis(sorted, 50)), ms(Samples.percentileMillis(sorted, 99)),
                    ms(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0));
        }
        if (phase.errors.isEmpty()) {
            System.out.println("   errors: none");
        } else {
            System.out.println("   errors (step status error):");
            new TreeMap<>(phase.errors).forEach((key, count) -> System.out.printf(Locale.ROOT, "     %-60s %8d%n", key, count.sum()));
        }
    }

    String ratio(Phase phase) {
        return config.ceiling > 0
                ? String.format(Locale.ROOT, "   = %.1f%% of the pgbench ceiling (%.1f/s)", 100 * phase.lifecyclesPerSecond() / config.ceiling, config.ceiling)
                : "";
    }

    void summary(List<Phase> results) {
        System.out.println("\n== summary" + (config.ceiling > 0 ? String.format(Locale.ROOT, " (pgbench ceiling %.1f lifecycles/s)", config.ceiling) : ""));
        System.out.printf(Locale.ROOT, "   %-16s %13s %10s %9s %9s %15s %15s   %s%n", "phase", "lifecycles/s", "ceiling %", "failed",
                "errors", "lifecycle p50", "lifecycle p99", "machine at end");
        for (Phase phase : results) {
            Samples samples = phase.latencies.get("lifecycle");
            long[] sorted = samples == null ? new long[0] : samples.sorted();
            System.out.printf(Locale.ROOT, "   %-16s %13.1f %10s %9d %9d %12s ms %12s ms   %s%n", phase.name, phase.lifecyclesPerSecond(),
                    config.ceiling > 0 ? String.format(Locale.ROOT, "%.1f", 100 * phase.lifecyclesPerSecond() / config.ceiling) : "-",
                    phase.failed.sum(), phase.errorCount(), ms(Samples.percentileMillis(sorted, 50)), ms(Samples.percentileMillis(sorted, 99)),
                    phase.loadAtEnd);
        }
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) return "-";
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    // ---------------------------------------------------------------- a small JSON reader (objects, arrays, scalars)

    static Object parseJson(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos != text.length()) throw new IllegalArgumentException("trailing characters in JSON");
        return value;
    }

    static final class JsonReader {
        final String s;
        int pos;

        JsonReader(String s) {
            this.s = s;
        }

        void skipWhitespace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        Object value() {
            skipWhitespace();
            if (pos >= s.length()) throw new IllegalArgumentException("unexpected end of JSON");
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    skipWhitespace();
                    if (peek('}')) return map;
                    do {
                        skipWhitespace();
                        String key = string();
                        skipWhitespace();
                        expect(':');
                        map.put(key, value());
                        skipWhitespace();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    skipWhitespace();
                    if (peek(']')) return list;
                    do {
                        list.add(value());
                        skipWhitespace();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = pos;
                    while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) pos++;
                    String word = s.substring(start, pos);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.parseDouble(word);
                    };
                }
            }
        }

        boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) throw new IllegalArgumentException("expected '" + c + "' at " + pos);
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw new IllegalArgumentException("unterminated JSON string");
                char c = s.charAt(pos++);
                if (c == '"') return out.toString();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
        }
    }
}
