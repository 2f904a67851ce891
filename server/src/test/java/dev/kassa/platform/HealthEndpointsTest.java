package dev.kassa.platform;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.support.ApiTest;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest extends ApiTest {

    @Test
    void livenessAnswersOk() {
        anonymous().get("/healthz").then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void readinessChecksTheDatabase() {
        anonymous().get("/readyz").then().statusCode(200).body("status", equalTo("ok")).body("database", equalTo("ok"));
    }

    @Test
    void unknownRouteIsA404InJson() {
        anonymous().get("/v1/nothing-here").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void openApiDocumentIsVersion31() {
        anonymous().get("/openapi.json").then().statusCode(200).body("openapi", startsWith("3.1"));
    }
}
