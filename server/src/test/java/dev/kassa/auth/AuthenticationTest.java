package dev.kassa.auth;

import static org.hamcrest.Matchers.equalTo;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How protected endpoints answer each authentication failure, exactly as Polar does. */
class AuthenticationTest extends ApiTest {

    private static final String INVALID_TOKEN_DESCRIPTION =
            "The access token provided is expired, revoked, malformed, or invalid for other reasons.";

    @Test
    void noTokenIsUnauthorizedWithBearerChallenge() {
        anonymous().get("/v1/products/").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"polar\"")
                .body("error", equalTo("Unauthorized"))
                .body("detail", equalTo("Unauthorized"));
    }

    @Test
    void noTokenIsUnauthorizedEvenWithAMalformedBody() {
        anonymous().body("{nope").post("/v1/products/").then().statusCode(401).body("error", equalTo("Unauthorized"));
    }

    @Test
    void nonBearerSchemeIsUnauthorized() {
        anonymous().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/products/").then()
                .statusCode(401).body("error", equalTo("Unauthorized"));
    }

    @Test
    void unknownTokenIsInvalidToken() {
        anonymous().header("Authorization", "Bearer polar_oat_doesnotexist0000000000000000000000000000")
                .get("/v1/products/").then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo(INVALID_TOKEN_DESCRIPTION));
    }

    @Test
    void tokenWithoutPrefixIsInvalidToken() {
        anonymous().header("Authorization", "Bearer something-else").get("/v1/products/").then()
                .statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void revokedTokenIsInvalidToken() {
        Tenant tenant = data.tenant();
        as(tenant).get("/v1/products/").then().statusCode(200);

        data.revoke(tenant);

        as(tenant).get("/v1/products/").then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void expiredTokenIsInvalidToken() throws InterruptedException {
        Tenant expiring = data.expiringToken(data.tenant(), Duration.ofMillis(1));
        Thread.sleep(5);

        as(expiring).get("/v1/products/").then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void tokenWithoutTheScopeIsForbidden() {
        Tenant discountsOnly = data.tenant(Set.of(Scope.DISCOUNTS_READ));

        as(discountsOnly).get("/v1/products/").then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"))
                .body("error_description", equalTo("The request requires higher privileges than provided by the access token."));
    }

    @Test
    void readScopeDoesNotAllowWriting() {
        Tenant readOnly = data.tenant(Set.of(Scope.PRODUCTS_READ));

        as(readOnly).get("/v1/products/").then().statusCode(200);
        as(readOnly).body("{}").post("/v1/products/").then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void writeScopeAllowsReading() {
        as(data.tenant(Set.of(Scope.PRODUCTS_WRITE))).get("/v1/products/").then().statusCode(200);
    }
}
