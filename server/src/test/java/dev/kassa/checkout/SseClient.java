package dev.kassa.checkout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client for tests: the stream's {@code data:} lines, in order, and whether it ended. */
final class SseClient implements AutoCloseable {

    static final String END = "\u0000end";

    private final HttpClient http;
    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private SseClient(HttpClient http, HttpResponse<Stream<String>> response) {
        this.http = http;
        this.response = response;
        this.reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("data:")) {
                        data.add(line.substring(5).strip());
                    }
                });
            } catch (RuntimeException ignored) {
                // closed by the test
            } finally {
                data.add(END);
            }
        });
    }

    /** Opens the stream and returns once the response's headers arrived (the server has subscribed it by then). */
    static SseClient open(int port, String clientSecret) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/checkouts/client/" + clientSecret + "/stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
        return new SseClient(client, client.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("content-type").orElse("");
    }

    /** The next {@code count} data payloads, waiting up to 20 s for each; {@link #END} once the stream ended. */
    List<String> next(int count) throws InterruptedException {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = data.poll(20, TimeUnit.SECONDS);
            if (item == null) {
                break;
            }
            received.add(item);
            if (item.equals(END)) {
                break;
            }
        }
        return received;
    }

    /** What arrives within {@code wait}: for checking that nothing else came. */
    List<String> drain(Duration wait) throws InterruptedException {
        List<String> received = new ArrayList<>();
        String item = data.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        while (item != null) {
            received.add(item);
            item = data.poll(50, TimeUnit.MILLISECONDS);
        }
        return received;
    }

    @Override
    public void close() {
        reader.interrupt();
        http.close();
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
