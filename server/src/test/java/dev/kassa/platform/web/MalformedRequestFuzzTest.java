package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kassa.platform.json.Json;
import dev.kassa.support.ApiTest;
import dev.kassa.support.OwnDatabase;
import dev.kassa.support.RawHttp;
import dev.kassa.support.TestData.Tenant;
import dev.kassa.support.WriteWatch;
import io.restassured.RestAssured;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * At least 10,000 malformed requests over every operation of {@code /openapi.json} and the routes it hides (the event
 * stream, the checkout-link redirect, Stripe's webhook), generated with a fixed seed ({@code -Dkassa.fuzz.seed},
 * {@code -Dkassa.fuzz.requests}): none may answer a 5xx, every 4xx is Polar's JSON error shape, and no request that
 * answers a 4xx may have committed a write for either tenant. All problems are gathered, then reported together.
 */
class MalformedRequestFuzzTest extends ApiTest {

    private static final long SEED = Long.getLong("kassa.fuzz.seed", 20261202L);
    private static final int REQUESTS = Integer.getInteger("kassa.fuzz.requests", 10_500);
    private static final int STRIPE_EVENTS = Integer.getInteger("kassa.fuzz.stripe-events", 300);
    /** Operations whose success goes on after the answer (a charge settled by Stripe's event, a refund, a setup). */
    private static final Pattern ASYNC_AFTER_SUCCESS = Pattern.compile("/confirm|/refunds|/payment-methods|/subscriptions/|/stripe/|/advance");

    /**
     * A database of its own (no other test's server writes there while the watch runs) and limits this run never
     * reaches: the limiter still counts every request, but refusing most of them with 429 would test nothing else.
     */
    @DynamicPropertySource
    static void ownDatabaseAndLimitsOutOfReach(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", () -> OwnDatabase.url("fuzz"));
        for (String limit : List.of("RATE_LIMIT_TOKEN_PER_MINUTE", "RATE_LIMIT_CLIENT_SECRET_PER_MINUTE",
                "RATE_LIMIT_IP_PER_MINUTE", "RATE_LIMIT_CONFIRM_PER_MINUTE", "RATE_LIMIT_CONFIRM_PER_HOUR")) {
            registry.add(limit, () -> "1000000000");
        }
    }

    @Autowired
    JdbcTemplate jdbcTemplate;

    private long settling;
    private int settles;
    private Tenant own;
    private Tenant foreign;
    private HttpServer receiver;
    private WriteWatch watch;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        receiver.stop(0);
    }

    @Test
    void malformedRequestsAnswerAPolarShaped4xxAndWriteNothing() throws Exception {
        own = data.tenant();
        foreign = data.tenant();
        FuzzCorpus.Seeds seeds = seed();
        JsonNode document = Json.readTree(RestAssured.given().port(port).get("/openapi.json").then().statusCode(200)
                .extract().asString());
        List<FuzzCorpus.Operation> operations = FuzzCorpus.operations(document, hiddenRoutes());
        assertThat(operations).hasSizeGreaterThan(70);
        FuzzCorpus corpus = new FuzzCorpus(operations, seeds, SEED);
        RawHttp http = new RawHttp(port);
        Set<UUID> tenants = Set.of(own.organizationId(), foreign.organizationId());
        watch = new WriteWatch(jdbcTemplate);
        watch.settle(500, 10_000);

        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent = 0;
        for (; sent < REQUESTS; sent++) {
            FuzzCorpus.Request request = corpus.next();
            RawHttp.Response response;
            try {
                response = http.send(request.head(), request.body());
            } catch (java.io.IOException e) {
                problems.add("no answer (" + e.getMessage() + "): " + request.description());
                continue;
            }
            statuses.merge(response.status(), 1, Integer::sum);
            check(request.description(), request.operation().path(), request.mutating(), response, tenants, problems);
        }
        System.out.printf("fuzz: API requests took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        int stripe = new StripeEventFuzz(TEST_WEBHOOK_SECRET, SEED).send(http, STRIPE_EVENTS, (description, response) -> {
            statuses.merge(response.status(), 1, Integer::sum);
            check(description, "/v1/integrations/stripe/webhook", true, response, tenants, problems);
        });

        java.nio.file.Files.write(java.nio.file.Path.of("target", "fuzz-problems.txt"), problems);
        System.out.printf("fuzz: %d requests, %d Stripe events, seed %d, statuses %s, %d settles took %d ms%n", sent, stripe,
                SEED, statuses, settles, settling / 1_000_000);
        assertThat(problems).as("seed %d, statuses %s, %d problems", SEED, statuses, problems.size())
                .isEmpty();
        assertThat(sent + stripe).isGreaterThanOrEqualTo(Math.min(10_000, REQUESTS + STRIPE_EVENTS));
    }

    private void check(String description, String path, boolean mutating, RawHttp.Response response, Set<UUID> tenants,
            List<String> problems) {
        int status = response.status();
        if (status >= 500) {
            problems.add(status + " " + abbreviate(response.body()) + " <- " + description);
        } else if (status >= 400 && !polarShaped(response)) {
            problems.add(status + " not Polar's shape: " + response.header("content-type") + " " + abbreviate(response.body())
                    + " <- " + description);
        }
        try {
            if (status >= 200 && status < 300 && mutating && ASYNC_AFTER_SUCCESS.matcher(path).find()) {
                long started = System.nanoTime();
                watch.settle(100, 5_000);
                settling += System.nanoTime() - started;
                settles++;
                return;
            }
            List<WriteWatch.Write> writes = watch.since(tenants);
            if (status >= 400 && !writes.isEmpty()) {
                problems.add(status + " after writing " + writes + " <- " + description);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean polarShaped(RawHttp.Response response) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode body = Json.readTree(response.body());
            // Polar's OAuth2-style 401 for a token it does not know is {"error": "invalid_token", "error_description"}.
            return body.isObject() && (body.has("detail") || body.has("error") && body.has("error_description"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static List<FuzzCorpus.Operation> hiddenRoutes() {
        List<FuzzCorpus.QueryParameter> prefill = new ArrayList<>();
        for (String name : List.of("product_id", "amount", "customer_email", "customer_name", "discount_code", "reference_id",
                "utm_source", "embed_origin", "custom_field_data.fuzz")) {
            prefill.add(new FuzzCorpus.QueryParameter(name, Json.readTree("{\"type\":\"string\"}")));
        }
        return List.of(
                new FuzzCorpus.Operation("GET", "/v1/checkouts/client/{client_secret}/stream", null, List.of(), false),
                new FuzzCorpus.Operation("GET", "/v1/checkout-links/{client_secret}/redirect", null, prefill, false),
                new FuzzCorpus.Operation("GET", "/v1/checkout-links/{client_secret}/redirect", null, prefill, false));
    }

    /** Objects of both tenants for the generator to aim at: most requests reach a service with one thing wrong. */
    private FuzzCorpus.Seeds seed() {
        Map<String, List<String>> ownIds = ids(own);
        Map<String, List<String>> foreignIds = ids(foreign);
        String customer = ownIds.get("customers").getFirst();
        String customerToken = as(own).body(Map.of("customer_id", customer)).post("/v1/customer-sessions/").then()
                .statusCode(201).extract().path("token");
        return new FuzzCorpus.Seeds(ownIds, foreignIds, own.token(), foreign.token(), customerToken,
                ownIds.get("client_secret").getFirst(), foreignIds.get("client_secret").getFirst(),
                ownIds.get("link_secret").getFirst());
    }

    private Map<String, List<String>> ids(Tenant tenant) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<String, Object> oneTime = as(tenant).body(Map.of("name", "Fuzz poster", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 2500)))).post("/v1/products/").then().statusCode(201)
                .extract().jsonPath().getMap("");
        Map<String, Object> monthly = as(tenant).body(Map.of("name", "Fuzz plan", "recurring_interval", "month", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).post("/v1/products/").then().statusCode(201)
                .extract().jsonPath().getMap("");
        ids.put("products", List.of((String) oneTime.get("id"), (String) monthly.get("id")));
        ids.put("prices", List.of(priceId(oneTime), priceId(monthly)));
        ids.put("discounts", List.of(as(tenant).body(Map.of("name", "Fuzz", "duration", "once", "type", "percentage",
                "basis_points", 1000, "code", "FUZZ" + UUID.randomUUID().toString().substring(0, 6)))
                .post("/v1/discounts/").then().statusCode(201).extract().<String>path("id")));
        ids.put("custom-fields", List.of(as(tenant).body(Map.of("type", "text", "slug", "fuzz", "name", "Fuzz",
                "properties", Map.of())).post("/v1/custom-fields/").then().statusCode(201).extract().<String>path("id")));
        Map<String, Object> link = as(tenant).body(Map.of("payment_processor", "stripe", "products", List.of(oneTime.get("id")))).post("/v1/checkout-links/")
                .then().statusCode(201).extract().jsonPath().getMap("");
        ids.put("checkout-links", List.of((String) link.get("id")));
        ids.put("link_secret", List.of((String) link.get("client_secret")));
        String externalId = "fuzz-" + UUID.randomUUID();
        String customer = as(tenant).body(Map.of("email", "fuzz-" + UUID.randomUUID() + "@example.com", "external_id", externalId))
                .post("/v1/customers/").then().statusCode(201).extract().path("id");
        ids.put("customers", List.of(customer));
        ids.put("external", List.of(externalId));
        ids.put("endpoints", List.of(as(tenant).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook", "format", "raw", "events", List.of("order.created", "checkout.updated")))
                .post("/v1/webhooks/endpoints").then().statusCode(201).extract().<String>path("id")));
        Map<String, Object> open = as(tenant).body(Map.of("products", List.of(oneTime.get("id"), monthly.get("id"))))
                .post("/v1/checkouts/").then().statusCode(201).extract().jsonPath().getMap("");
        ids.put("checkouts", List.of((String) open.get("id")));
        ids.put("client_secret", List.of((String) open.get("client_secret")));
        Map<String, String> purchase = purchase(tenant, (String) monthly.get("id"));
        ids.put("orders", List.of(purchase.get("order")));
        ids.put("subscriptions", List.of(purchase.get("subscription")));
        ids.put("events", List.of(UUID.randomUUID().toString()));
        ids.put("payment-methods", List.of(UUID.randomUUID().toString()));
        ids.put("organization", List.of(tenant.organizationId().toString()));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static String priceId(Map<String, Object> product) {
        return (String) ((List<Map<String, Object>>) product.get("prices")).getFirst().get("id");
    }

    private Map<String, String> purchase(Tenant tenant, String productId) {
        Map<String, Object> checkout = as(tenant).body(Map.of("products", List.of(productId))).post("/v1/checkouts/").then()
                .statusCode(201).extract().jsonPath().getMap("");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_visa").post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
        Map<String, Object> confirm = new HashMap<>(Map.of("customer_email", "buyer-" + UUID.randomUUID() + "@example.com",
                "customer_name", "Fuzz Buyer", "customer_billing_address", Map.of("country", "IE"), "confirmation_token_id", token));
        anonymous().body(confirm).post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm").then().statusCode(200);
        JdbcClient jdbc = JdbcClient.create(jdbcTemplate);
        UUID checkoutId = UUID.fromString((String) checkout.get("id"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT count(*) FROM orders WHERE checkout_id = ?").param(checkoutId).query(Long.class).single() > 0);
        String order = jdbc.sql("SELECT id::text FROM orders WHERE checkout_id = ?").param(checkoutId).query(String.class).single();
        String subscription = jdbc.sql("SELECT subscription_id::text FROM orders WHERE checkout_id = ?").param(checkoutId)
                .query(String.class).single();
        return Map.of("order", order, "subscription", subscription);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
