package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.auth.Scope;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every failure answers in Polar's shape, {@code {"error": <name>, "detail": ...}}, with the name and status the
 * SDKs know: routes and methods Kassa does not serve, bodies it cannot read, authentication. Never a 500, never
 * Spring's own error body.
 */
class ErrorShapesTest extends ApiTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private static void exactly(ValidatableResponse response, int status, String error, String detail) {
        Map<String, Object> body = response.statusCode(status).contentType(ContentType.JSON).extract().jsonPath().getMap("");
        assertThat(body).isEqualTo(Map.of("error", error, "detail", detail));
    }

    @Nested
    class UnknownRoutes {

        @Test
        void anUnknownPathIsResourceNotFound() {
            exactly(anonymous().get("/v1/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
            exactly(as(tenant).get("/v1/products/" + UUID.randomUUID() + "/nothing").then(), 404, "ResourceNotFound", "Not Found");
            exactly(anonymous().get("/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
            exactly(anonymous().get("/v2/products/").then(), 404, "ResourceNotFound", "Not Found");
        }

        @Test
        void anUnknownPathIsNotFoundWhateverTheMethod() {
            exactly(anonymous().body(Map.of()).post("/v1/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
            exactly(anonymous().body(Map.of()).patch("/v1/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
            exactly(anonymous().delete("/v1/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
            exactly(anonymous().body(Map.of()).put("/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
        }

        @Test
        void theErrorPageItselfIsNotARoute() {
            exactly(anonymous().get("/error").then(), 404, "ResourceNotFound", "Not Found");
        }
    }

    @Nested
    class UnsupportedMethods {

        private Set<String> allow(ValidatableResponse response) {
            String header = response.extract().header("Allow");
            assertThat(header).isNotNull();
            return Arrays.stream(header.split(",")).map(String::trim).collect(Collectors.toSet());
        }

        @Test
        void aMethodThePathDoesNotServeIs405WithAllow() {
            ValidatableResponse put = as(tenant).body(Map.of()).put("/v1/products/").then();
            exactly(put, 405, "MethodNotAllowed", "Method Not Allowed");
            assertThat(allow(put)).contains("GET", "POST");

            ValidatableResponse delete = as(tenant).delete("/v1/checkouts/" + UUID.randomUUID()).then();
            exactly(delete, 405, "MethodNotAllowed", "Method Not Allowed");
            assertThat(allow(delete)).contains("GET", "PATCH");
        }

        @Test
        void itIs405EvenWithoutAToken() {
            exactly(anonymous().body(Map.of()).put("/v1/customers/" + UUID.randomUUID()).then(), 405, "MethodNotAllowed",
                    "Method Not Allowed");
        }
    }

    @Nested
    class UnreadableBodies {

        @Test
        void malformedJsonIsA422() {
            as(tenant).body("{\"name\": ").post("/v1/products/").then().statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("json_invalid"))
                    .body("detail[0].msg", equalTo("JSON decode error"));
        }

        @Test
        void aMissingBodyIsA422() {
            as(tenant).post("/v1/products/").then().statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("missing"))
                    .body("detail[0].loc", equalTo(List.of("body")));
        }

        @Test
        void aBodyThatIsNotAnObjectIsA422() {
            for (String body : List.of("[]", "null", "42", "\"text\"")) {
                as(tenant).body(body).post("/v1/customers/").then().statusCode(422)
                        .body("error", equalTo("RequestValidationError"))
                        .body("detail[0].type", equalTo("model_attributes_type"))
                        .body("detail[0].loc", equalTo(List.of("body")));
            }
        }

        @Test
        void invalidUtf8IsA422() {
            byte[] bytes = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            as(tenant).body(bytes).post("/v1/products/").then().statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("json_invalid"));
        }

        /** Kassa reads the body as JSON whatever its declared type (`curl -d` sends form-urlencoded). */
        @Test
        void anotherContentTypeIsReadAsJson() {
            RestAssured.given().port(port).header("Authorization", "Bearer " + tenant.token())
                    .contentType("text/plain; charset=utf-8")
                    .body("{\"email\": \"plain@example.com\"}".getBytes(StandardCharsets.UTF_8))
                    .post("/v1/customers/").then().statusCode(201).body("email", equalTo("plain@example.com"));
            RestAssured.given().port(port).header("Authorization", "Bearer " + tenant.token())
                    .contentType("application/x-www-form-urlencoded")
                    .body("{\"email\": \"form@example.com\"}")
                    .post("/v1/customers/").then().statusCode(201).body("email", equalTo("form@example.com"));
            RestAssured.given().port(port).header("Authorization", "Bearer " + tenant.token())
                    .contentType("application/xml")
                    .body("<customer/>".getBytes(StandardCharsets.UTF_8))
                    .post("/v1/customers/").then().statusCode(422).body("detail[0].type", equalTo("json_invalid"));
        }

        /** {@code curl -X PATCH -d '{...}'} sends form-urlencoded too: the body is still read as JSON. */
        @Test
        void aFormUrlencodedPatchIsReadAsJson() {
            String id = as(tenant).body(Map.of("email", "patch@example.com")).post("/v1/customers/").then().statusCode(201)
                    .extract().path("id");
            RestAssured.given().port(port).header("Authorization", "Bearer " + tenant.token())
                    .contentType("application/x-www-form-urlencoded")
                    .body("{\"name\": \"Patched\"}")
                    .patch("/v1/customers/" + id).then().statusCode(200).body("name", equalTo("Patched"));
        }

        @Test
        void aBodyOverOneMebibyteIs413() {
            String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
            exactly(as(tenant).body(big).post("/v1/products/").then(), 413, "PayloadTooLarge",
                    "Request body is larger than 1048576 bytes.");
        }
    }

    @Nested
    class Negotiation {

        /** FastAPI ignores Accept and answers JSON; so does Kassa, errors included. */
        @Test
        void anyAcceptHeaderGetsJson() {
            as(tenant).accept("text/html").get("/v1/products/").then().statusCode(200).contentType(ContentType.JSON)
                    .body("items", hasSize(0));
            exactly(as(tenant).accept("text/html").get("/v1/products/" + UUID.randomUUID()).then(), 404, "ResourceNotFound",
                    "Not found");
            exactly(anonymous().accept("image/png").get("/v1/nothing-here").then(), 404, "ResourceNotFound", "Not Found");
        }
    }

    @Nested
    class Authentication {

        @Test
        void noTokenIsUnauthorized() {
            exactly(anonymous().get("/v1/products/").then().header("WWW-Authenticate", equalTo("Bearer realm=\"polar\"")),
                    401, "Unauthorized", "Unauthorized");
        }

        @Test
        void aTokenWithoutTheScopeIsInsufficientScopeNamingTheScopes() {
            anonymous().header("Authorization", "Bearer " + data.withScopes(tenant, Set.of(Scope.CUSTOMERS_READ)).token())
                    .get("/v1/products/").then().statusCode(403)
                    .body("error", equalTo("insufficient_scope"))
                    .body("error_description", equalTo("The request requires higher privileges than provided by the access token."))
                    .header("WWW-Authenticate", startsWith("Bearer realm=\"polar\", scope=\"products:read products:write\", "
                            + "error=\"insufficient_scope\""));
        }

        @Test
        void anUnknownTokenIsInvalidToken() {
            anonymous().header("Authorization", "Bearer polar_oat_unknown").get("/v1/products/").then().statusCode(401)
                    .body("error", equalTo("invalid_token"))
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        }
    }

    @Nested
    class NamedErrors {

        @Test
        void unknownIdsAreResourceNotFound() {
            for (String path : List.of("/v1/products/", "/v1/customers/", "/v1/discounts/", "/v1/custom-fields/",
                    "/v1/checkouts/", "/v1/orders/", "/v1/subscriptions/")) {
                exactly(as(tenant).get(path + UUID.randomUUID()).then(), 404, "ResourceNotFound", "Not found");
            }
            exactly(anonymous().get("/v1/checkouts/client/polar_c_unknown").then(), 404, "ResourceNotFound", "Not found");
        }
    }
}
