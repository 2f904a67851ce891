package dev.kassa.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.auth.Scope;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CustomerEndpointsTest extends ApiTest {

    private Tenant tenant;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private ValidatableResponse create(Object body) {
        return as(tenant).body(body).post("/v1/customers/").then();
    }

    private String createCustomer(String email) {
        return create(Map.of("email", email)).statusCode(201).extract().path("id");
    }

    private static ValidatableResponse singleError(ValidatableResponse response, List<Object> loc, String type, String msg) {
        return response.statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));
    }

    @Nested
    class Create {

        @Test
        void fullCustomer() {
            create(Map.of("email", "ada@example.com", "name", "Ada", "external_id", "u-1",
                    "billing_address", Map.of("country", "FR", "city", "Paris"), "tax_id", "FR40303265045",
                    "metadata", Map.of("plan", "pro")))
                    .statusCode(201)
                    .body("id", notNullValue())
                    .body("email", equalTo("ada@example.com"))
                    .body("email_verified", equalTo(false))
                    .body("name", equalTo("Ada"))
                    .body("external_id", equalTo("u-1"))
                    .body("billing_address.country", equalTo("FR"))
                    .body("billing_address.line1", nullValue())
                    .body("tax_id", equalTo(List.of("FR40303265045", "eu_vat")))
                    .body("metadata", equalTo(Map.of("plan", "pro")))
                    .body("organization_id", equalTo(tenant.organizationId().toString()))
                    .body("deleted_at", nullValue())
                    .body("modified_at", nullValue())
                    .body("avatar_url", startsWith("https://www.gravatar.com/avatar/"));
        }

        @Test
        void emailIsUniqueIgnoringCase() {
            createCustomer("Bob@Example.com");
            singleError(create(Map.of("email", "bob@example.COM")), List.of("body", "email"), "value_error",
                    "A customer with this email address already exists.")
                    .body("error", equalTo("PolarRequestValidationError"));
        }

        @Test
        void sameEmailInAnotherOrganizationIsFine() {
            createCustomer("carol@example.com");
            Tenant other = data.tenant();
            as(other).body(Map.of("email", "carol@example.com")).post("/v1/customers/").then().statusCode(201);
        }

        @Test
        void externalIdIsUnique() {
            create(Map.of("email", "d1@example.com", "external_id", "x")).statusCode(201);
            singleError(create(Map.of("email", "d2@example.com", "external_id", "x")), List.of("body", "external_id"),
                    "value_error", "A customer with this external ID already exists.");
        }

        @Test
        void shapeErrors() {
            singleError(create(Map.of()), List.of("body", "email"), "missing", "Field required")
                    .body("error", equalTo("RequestValidationError"));
            singleError(create(Map.of("email", "nope")), List.of("body", "email"), "value_error",
                    "value is not a valid email address: The email address is not valid. It must have exactly one @-sign.");
        }

        @Test
        void taxIdNeedsACountryAndAValidNumber() {
            singleError(create(Map.of("email", "t@example.com", "tax_id", "FR40303265045")), List.of("body", "billing_address"),
                    "missing", "Country is required to validate tax ID.");
            singleError(create(Map.of("email", "t@example.com", "tax_id", "123", "billing_address", Map.of("country", "FR"))),
                    List.of("body", "tax_id"), "invalid", "Invalid tax ID.");
        }

        @Test
        void otherOrganizationIdIsRejected() {
            singleError(create(Map.of("email", "o@example.com", "organization_id", UUID.randomUUID().toString())),
                    List.of("body", "organization_id"), "value_error", "Organization not found.");
        }

        @Test
        void needsTheWriteScope() {
            Tenant reader = data.withScopes(tenant, Set.of(Scope.CUSTOMERS_READ));
            as(reader).body(Map.of("email", "r@example.com")).post("/v1/customers/").then().statusCode(403)
                    .body("error", equalTo("insufficient_scope"));
            as(reader).get("/v1/customers/").then().statusCode(200);
            anonymous().get("/v1/customers/").then().statusCode(401);
        }
    }

    @Nested
    class ReadUpdateDelete {

        @Test
        void getAnotherOrganizationsCustomerIs404() {
            String id = createCustomer("e@example.com");
            as(tenant).get("/v1/customers/" + id).then().statusCode(200).body("email", equalTo("e@example.com"));
            as(data.tenant()).get("/v1/customers/" + id).then().statusCode(404)
                    .body("error", equalTo("ResourceNotFound")).body("detail", equalTo("Not found"));
        }

        @Test
        void update() {
            String id = create(Map.of("email", "f@example.com", "name", "F")).statusCode(201).extract().path("id");
            as(tenant).body(Map.of("name", "Fred", "email", "fred@example.com", "metadata", Map.of("k", 1),
                            "billing_address", Map.of("country", "US", "state", "NY")))
                    .patch("/v1/customers/" + id).then().statusCode(200)
                    .body("name", equalTo("Fred"))
                    .body("email", equalTo("fred@example.com"))
                    .body("metadata", equalTo(Map.of("k", 1)))
                    .body("billing_address.state", equalTo("US-NY"))
                    .body("modified_at", notNullValue());
        }

        @Test
        void updateRules() {
            createCustomer("taken@example.com");
            String id = create(Map.of("email", "g@example.com", "external_id", "g")).statusCode(201).extract().path("id");
            singleError(as(tenant).body(Map.of("email", "TAKEN@example.com")).patch("/v1/customers/" + id).then(),
                    List.of("body", "email"), "value_error", "A customer with this email address already exists.");
            singleError(as(tenant).body(Map.of("external_id", "other")).patch("/v1/customers/" + id).then(),
                    List.of("body", "external_id"), "value_error", "Customer external ID cannot be updated.");
            singleError(as(tenant).body(java.util.Collections.singletonMap("billing_address", null))
                            .patch("/v1/customers/" + id).then(),
                    List.of("body", "billing_address"), "value_error", "Customer billing address cannot be reset to null once set.");
        }

        @Test
        void softDelete() {
            String id = createCustomer("h@example.com");
            as(data.tenant()).delete("/v1/customers/" + id).then().statusCode(404);
            as(tenant).delete("/v1/customers/" + id).then().statusCode(204);
            as(tenant).get("/v1/customers/" + id).then().statusCode(404);
            as(tenant).delete("/v1/customers/" + id).then().statusCode(404);
            // the email is free again
            createCustomer("h@example.com");
        }

        @Test
        void externalIdVariants() {
            create(Map.of("email", "i@example.com", "external_id", "ext-i")).statusCode(201);
            as(tenant).get("/v1/customers/external/ext-i").then().statusCode(200).body("email", equalTo("i@example.com"));
            as(tenant).body(Map.of("name", "Ivy")).patch("/v1/customers/external/ext-i").then().statusCode(200)
                    .body("name", equalTo("Ivy"));
            as(data.tenant()).get("/v1/customers/external/ext-i").then().statusCode(404);
            as(tenant).delete("/v1/customers/external/ext-i").then().statusCode(204);
            as(tenant).get("/v1/customers/external/ext-i").then().statusCode(404);
        }
    }

    @Nested
    class List_ {

        @Test
        void filtersAndPagination() {
            createCustomer("anna@example.com");
            create(Map.of("email", "ben@example.com", "name", "Benjamin")).statusCode(201);
            createCustomer("cleo@other.org");
            as(tenant).get("/v1/customers/?limit=2&sorting=email").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items[0].email", equalTo("anna@example.com"))
                    .body("pagination.total_count", equalTo(3))
                    .body("pagination.max_page", equalTo(2));
            as(tenant).get("/v1/customers/?page=2&limit=2&sorting=email").then().body("items[0].email", equalTo("cleo@other.org"));
            as(tenant).get("/v1/customers/?email=BEN@example.com").then().body("items", hasSize(1));
            as(tenant).get("/v1/customers/?query=njam").then().body("items[0].email", equalTo("ben@example.com"));
            as(tenant).get("/v1/customers/?query=other.org").then().body("items", hasSize(1));
            as(data.tenant()).get("/v1/customers/").then().body("items", hasSize(0));
            as(tenant).get("/v1/customers/?sorting=bogus").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "sorting", 0)));
            as(tenant).get("/v1/customers/?organization_id=" + UUID.randomUUID()).then().statusCode(422)
                    .body("detail[0].msg", equalTo("Organization not found."));
        }
    }

    @Nested
    class Sessions {

        @Test
        void sessionGivesPortalAccessToOwnCustomer() {
            String id = create(Map.of("email", "p@example.com", "name", "Pat")).statusCode(201).extract().path("id");
            ValidatableResponse session = as(tenant).body(Map.of("customer_id", id)).post("/v1/customer-sessions/").then()
                    .statusCode(201)
                    .body("token", startsWith("polar_cst_"))
                    .body("customer_id", equalTo(id))
                    .body("customer.email", equalTo("p@example.com"))
                    .body("expires_at", notNullValue())
                    .body("customer_portal_url", startsWith("http://localhost:8000/"));
            String token = session.extract().path("token");
            org.assertj.core.api.Assertions.assertThat(token.length()).isGreaterThanOrEqualTo("polar_cst_".length() + 40);
            anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/customers/me").then()
                    .statusCode(200)
                    .body("id", equalTo(id))
                    .body("email", equalTo("p@example.com"))
                    .body("oauth_accounts", equalTo(Map.of()));
        }

        @Test
        void byExternalId() {
            String id = create(Map.of("email", "q@example.com", "external_id", "q-1")).statusCode(201).extract().path("id");
            as(tenant).body(Map.of("customer_external_id", "q-1")).post("/v1/customer-sessions/").then().statusCode(201)
                    .body("customer_id", equalTo(id));
        }

        /** The 2026-10 API's name; {@code customer_external_id} stays accepted as its alias. */
        @Test
        void byExternalCustomerId() {
            String id = create(Map.of("email", "q2@example.com", "external_id", "q-2")).statusCode(201).extract().path("id");
            as(tenant).body(Map.of("external_customer_id", "q-2")).post("/v1/customer-sessions/").then().statusCode(201)
                    .body("customer_id", equalTo(id))
                    .body("customer.external_id", equalTo("q-2"));
        }

        @Test
        void externalCustomerIdWinsOverItsAlias() {
            String id = create(Map.of("email", "q3@example.com", "external_id", "q-3")).statusCode(201).extract().path("id");
            createCustomer("q4@example.com");
            as(tenant).body(Map.of("external_customer_id", "q-3", "customer_external_id", "other")).post("/v1/customer-sessions/")
                    .then().statusCode(201).body("customer_id", equalTo(id));
        }

        @Test
        void returnUrlIsStoredAndAnswered() {
            String id = createCustomer("r@example.com");
            String sessionId = as(tenant).body(Map.of("customer_id", id, "return_url", "https://example.com/account"))
                    .post("/v1/customer-sessions/").then().statusCode(201)
                    .body("return_url", equalTo("https://example.com/account"))
                    .extract().path("id");
            org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT return_url FROM customer_sessions WHERE id = :id")
                    .param("id", UUID.fromString(sessionId)).query(String.class).single()).isEqualTo("https://example.com/account");
            as(tenant).body(Map.of("external_customer_id", "missing-but-first-customer-id-wins", "customer_id", id))
                    .post("/v1/customer-sessions/").then().statusCode(201);
        }

        @Test
        void returnUrlIsNullWhenNotGiven() {
            String id = createCustomer("r2@example.com");
            as(tenant).body(Map.of("customer_id", id)).post("/v1/customer-sessions/").then().statusCode(201)
                    .body("$", org.hamcrest.Matchers.hasKey("return_url"))
                    .body("return_url", nullValue());
            java.util.Map<String, Object> body = new java.util.HashMap<>();
            body.put("customer_id", id);
            body.put("return_url", null);
            as(tenant).body(body).post("/v1/customer-sessions/").then().statusCode(201).body("return_url", nullValue());
        }

        @Test
        void invalidReturnUrlIsA422ForEachUnionMember() {
            String id = createCustomer("r3@example.com");
            as(tenant).body(Map.of("customer_id", id, "return_url", "ftp://example.com")).post("/v1/customer-sessions/").then()
                    .statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail", hasSize(3))
                    .body("detail[0].loc", equalTo(List.of("body", "CustomerSessionCustomerIDCreate", "return_url")))
                    .body("detail[0].type", equalTo("url_scheme"))
                    .body("detail[1].loc", equalTo(List.of("body", "CustomerSessionCustomerExternalIDCreate", "return_url")))
                    .body("detail[2].loc", equalTo(List.of("body", "CustomerSessionCustomerExternalIDCreate", "external_customer_id")));
        }

        @Test
        void unknownCustomer() {
            String id = createCustomer("s@example.com");
            singleError(as(data.tenant()).body(Map.of("customer_id", id)).post("/v1/customer-sessions/").then(),
                    List.of("body", "customer_id"), "value_error", "Customer does not exist.");
            singleError(as(tenant).body(Map.of("customer_external_id", "nope")).post("/v1/customer-sessions/").then(),
                    List.of("body", "external_customer_id"), "value_error", "Customer does not exist.");
            singleError(as(tenant).body(Map.of("external_customer_id", "nope")).post("/v1/customer-sessions/").then(),
                    List.of("body", "external_customer_id"), "value_error", "Customer does not exist.");
            as(tenant).body(Map.of()).post("/v1/customer-sessions/").then().statusCode(422)
                    .body("detail", hasSize(2))
                    .body("detail[0].loc", equalTo(List.of("body", "CustomerSessionCustomerIDCreate", "customer_id")))
                    .body("detail[1].loc", equalTo(List.of("body", "CustomerSessionCustomerExternalIDCreate", "external_customer_id")));
        }

        @Test
        void sessionsNeedTheirScope() {
            String id = createCustomer("u@example.com");
            as(data.withScopes(tenant, Set.of(Scope.CUSTOMERS_WRITE))).body(Map.of("customer_id", id))
                    .post("/v1/customer-sessions/").then().statusCode(403);
        }

        @Test
        void badTokensAre401() {
            anonymous().get("/v1/customer-portal/customers/me").then().statusCode(401);
            anonymous().header("Authorization", "Bearer polar_cst_doesnotexist").get("/v1/customer-portal/customers/me")
                    .then().statusCode(401).body("error", equalTo("invalid_token"));
            // an organization token is not a customer session
            as(tenant).get("/v1/customer-portal/customers/me").then().statusCode(401);
        }

        @Test
        void deletedCustomersSessionStopsWorking() {
            String id = createCustomer("v@example.com");
            String token = as(tenant).body(Map.of("customer_id", id)).post("/v1/customer-sessions/").then().extract().path("token");
            as(tenant).delete("/v1/customers/" + id).then().statusCode(204);
            anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/customers/me").then().statusCode(401);
        }
    }
}
