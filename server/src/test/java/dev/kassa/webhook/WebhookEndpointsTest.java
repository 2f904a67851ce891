package dev.kassa.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.auth.Scope;
import dev.kassa.platform.crypto.ChecksummedTokens;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookEndpointsTest extends ApiTest {

    static final String URL = "https://hooks.example.com/polar";

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    ValidatableResponse post(Object body) {
        return as(tenant).body(body).post("/v1/webhooks/endpoints").then();
    }

    String create(List<String> events) {
        return post(Map.of("url", URL, "format", "raw", "events", events)).statusCode(201).extract().path("id");
    }

    static ValidatableResponse problem(ValidatableResponse response, String error, String type, List<Object> loc, String msg) {
        return response.statusCode(422)
                .body("error", equalTo(error))
                .body("detail", hasSize(1))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].msg", equalTo(msg));
    }

    @Nested
    class Create {

        @Test
        void answersPolarsWebhookEndpointWithTheWholeSecret() {
            String secret = post(Map.of("url", " " + URL + " ", "format", "raw", "name", "Orders",
                    "events", List.of("order.paid", "checkout.updated")))
                    .statusCode(201)
                    .body("id", notNullValue())
                    .body("created_at", notNullValue())
                    .body("modified_at", nullValue())
                    .body("url", equalTo(URL))
                    .body("name", equalTo("Orders"))
                    .body("format", equalTo("raw"))
                    .body("events", equalTo(List.of("order.paid", "checkout.updated")))
                    .body("enabled", equalTo(true))
                    .body("api_version", equalTo("2026-10"))
                    .body("uses_standard_webhook_signature", equalTo(false))
                    .body("organization_id", equalTo(tenant.organizationId().toString()))
                    .body("secret", matchesPattern("whsec_[A-Za-z0-9]{43}"))
                    .extract().path("secret");
            assertTrue(ChecksummedTokens.isWellFormed("whsec_", secret));
        }

        @Test
        void refusesAnUnknownEventName() {
            problem(post(Map.of("url", URL, "format", "raw", "events", List.of("order.paid", "order.shipped"))),
                    "RequestValidationError", "enum", List.of("body", "events", 1),
                    "Input should be " + String.join(", ", WebhookEventType.WIRE_NAMES.subList(0, WebhookEventType.WIRE_NAMES.size() - 1)
                            .stream().map(n -> "'" + n + "'").toList()) + " or 'organization.updated'");
        }

        @Test
        void refusesAnUnknownFormat() {
            problem(post(Map.of("url", URL, "format", "teams", "events", List.of())), "RequestValidationError", "enum",
                    List.of("body", "format"), "Input should be 'raw', 'discord' or 'slack'");
        }

        @Test
        void refusesHttpToAHostThatIsNotLoopbackEvenInTestMode() {
            problem(post(Map.of("url", "http://hooks.example.com/x", "format", "raw", "events", List.of())),
                    "RequestValidationError", "value_error", List.of("body", "url"),
                    "Value error, " + WebhookTargets.HTTP_ONLY_LOOPBACK);
        }

        @Test
        void acceptsHttpToLoopbackInTestMode() {
            post(Map.of("url", "http://127.0.0.1:9/hooks", "format", "raw", "events", List.of())).statusCode(201);
        }

        @Test
        void refusesAUrlThatIsNotHttp() {
            problem(post(Map.of("url", "ftp://hooks.example.com/x", "format", "raw", "events", List.of())),
                    "RequestValidationError", "url_scheme", List.of("body", "url"), "URL scheme should be 'https'");
        }

        @Test
        void refusesAnotherOrganization() {
            problem(post(Map.of("url", URL, "format", "raw", "events", List.of(), "organization_id",
                    java.util.UUID.randomUUID().toString())), "PolarRequestValidationError", "value_error",
                    List.of("body", "organization_id"), "Organization not found.");
        }

        @Test
        void needsTheWriteScope() {
            Tenant reader = data.withScopes(tenant, Set.of(Scope.WEBHOOKS_READ));
            as(reader).body(Map.of("url", URL, "format", "raw", "events", List.of())).post("/v1/webhooks/endpoints")
                    .then().statusCode(403);
        }
    }

    @Nested
    class ReadUpdateDelete {

        @Test
        void listsTheOrganizationsEndpointsNewestFirst() {
            String first = create(List.of("order.paid"));
            String second = create(List.of("order.created"));
            data.tenant(); // another organization's endpoints never show
            as(data.withScopes(tenant, Set.of(Scope.WEBHOOKS_READ))).get("/v1/webhooks/endpoints").then().statusCode(200)
                    .body("items.id", equalTo(List.of(second, first)))
                    .body("pagination.total_count", equalTo(2))
                    .body("pagination.max_page", equalTo(1));
        }

        @Test
        void anotherOrganizationsEndpointIsNotFound() {
            String id = create(List.of("order.paid"));
            as(data.tenant()).get("/v1/webhooks/endpoints/" + id).then().statusCode(404)
                    .body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void updateChangesOnlyTheFieldsSentAndIgnoresNulls() {
            String id = create(List.of("order.paid"));
            as(tenant).body(Map.of("events", List.of("order.created", "order.paid"), "enabled", false))
                    .patch("/v1/webhooks/endpoints/" + id).then().statusCode(200)
                    .body("events", equalTo(List.of("order.created", "order.paid")))
                    .body("enabled", equalTo(false))
                    .body("url", equalTo(URL))
                    .body("modified_at", notNullValue());
            java.util.Map<String, Object> nulls = new java.util.HashMap<>();
            nulls.put("url", null);
            nulls.put("format", null);
            as(tenant).body(nulls).patch("/v1/webhooks/endpoints/" + id).then().statusCode(200)
                    .body("url", equalTo(URL)).body("format", equalTo("raw"));
        }

        @Test
        void resetSecretGivesANewSecret() {
            String id = create(List.of("order.paid"));
            String before = as(tenant).get("/v1/webhooks/endpoints/" + id).then().extract().path("secret");
            as(tenant).patch("/v1/webhooks/endpoints/" + id + "/secret").then().statusCode(200)
                    .body("secret", not(equalTo(before)))
                    .body("secret", matchesPattern("whsec_[A-Za-z0-9]{43}"));
        }

        @Test
        void deleteRemovesTheEndpoint() {
            String id = create(List.of("order.paid"));
            as(tenant).delete("/v1/webhooks/endpoints/" + id).then().statusCode(204);
            as(tenant).get("/v1/webhooks/endpoints/" + id).then().statusCode(404);
            as(tenant).delete("/v1/webhooks/endpoints/" + id).then().statusCode(404);
        }

        @Test
        void redeliveringAnUnknownEventIsNotFound() {
            as(tenant).post("/v1/webhooks/events/" + java.util.UUID.randomUUID() + "/redeliver").then().statusCode(404)
                    .body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void deliveriesFilterValuesAreValidated() {
            problem(as(tenant).queryParam("http_code_class", "6xx").get("/v1/webhooks/deliveries").then(),
                    "RequestValidationError", "enum", List.of("query", "http_code_class"),
                    "Input should be '2xx', '3xx', '4xx' or '5xx'");
        }
    }
}
