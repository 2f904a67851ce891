package dev.kassa.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kassa.support.ApiTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin commands against the embedded PostgreSQL the running test server holds: they attach to it through
 * its postmaster.pid instead of starting a second server on the same files.
 */
class AdminCommandTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private record Result(int status, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    private Result admin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AdminCommand.run(args, Map.of("KASSA_DATA_DIR", DATA_DIR.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createOrganizationPrintsItsIdSlugAndAWorkingToken() {
        Result result = admin("create-organization", "--name", "Acme", "--slug", "acme-admin-test");

        assertThat(result.status()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("slug").stringValue()).isEqualTo("acme-admin-test");
        assertThat(json.get("token").stringValue()).startsWith("polar_oat_").hasSizeGreaterThanOrEqualTo(50);
        anonymous().header("Authorization", "Bearer " + json.get("token").stringValue())
                .get("/v1/products/").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + json.get("token").stringValue())
                .queryParam("organization_id", json.get("organization_id").stringValue())
                .get("/v1/custom-fields/").then().statusCode(200);
    }

    @Test
    void paymentAttemptsListsTheAttemptsFlaggedForAPerson() {
        JsonNode organization = admin("create-organization", "--name", "Flags", "--slug", "flags-admin-test").json();
        java.util.UUID attempt = java.util.UUID.randomUUID();
        java.util.UUID checkout = java.util.UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO payment_attempts (id, checkout_id, organization_id, number, idempotency_key, kind, request, status,
                                              intent_id, last_error, flagged_at, created_at, updated_at)
                VALUES (:id, :checkout, :organization, 1, :key, 'payment_intent', '{}', 'pending', 'pi_flagged',
                        'no intent found', now(), now(), now())
                """).param("id", attempt).param("checkout", checkout).param("key", "kassa_attempt_" + attempt)
                .param("organization", java.util.UUID.fromString(organization.get("organization_id").stringValue())).update();

        Result result = admin("payment-attempts");

        assertThat(result.status()).isZero();
        JsonNode listed = null;
        for (JsonNode row : result.json().get("flagged")) {
            if (row.get("attempt_id").stringValue().equals(attempt.toString())) {
                listed = row;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("checkout_id").stringValue()).isEqualTo(checkout.toString());
        assertThat(listed.get("status").stringValue()).isEqualTo("pending");
        assertThat(listed.get("intent_id").stringValue()).isEqualTo("pi_flagged");
        assertThat(listed.get("reason").stringValue()).isEqualTo("no intent found");
    }

    @Test
    void duplicateSlugFails() {
        assertThat(admin("create-organization", "--name", "One", "--slug", "dup-admin-test").status()).isZero();

        Result second = admin("create-organization", "--name", "Two", "--slug", "dup-admin-test");

        assertThat(second.status()).isEqualTo(1);
        assertThat(second.err()).contains("already exists");
    }

    @Test
    void createTokenWithScopesLimitsWhatItCanDo() {
        admin("create-organization", "--name", "Scoped", "--slug", "scoped-admin-test");

        Result result = admin("create-token", "--organization", "scoped-admin-test", "--scopes", "products:read", "--expires-in", "30d");

        assertThat(result.status()).isZero();
        String token = result.json().get("token").stringValue();
        assertThat(result.json().get("expires_at").isNull()).isFalse();
        anonymous().header("Authorization", "Bearer " + token).get("/v1/products/").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + token).get("/v1/custom-fields/").then()
                .statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void revokeTokenMakesItInvalid() {
        JsonNode created = admin("create-organization", "--name", "Revoke", "--slug", "revoke-admin-test").json();
        String token = created.get("token").stringValue();

        Result result = admin("revoke-token", created.get("token_id").stringValue());

        assertThat(result.status()).isZero();
        anonymous().header("Authorization", "Bearer " + token).get("/v1/products/").then()
                .statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void unknownScopeIsRefused() {
        admin("create-organization", "--name", "Scopes", "--slug", "badscope-admin-test");

        Result result = admin("create-token", "--organization", "badscope-admin-test", "--scopes", "products:destroy");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("unknown scope 'products:destroy'");
    }

    @Test
    void unknownOrganizationIsRefused() {
        Result result = admin("create-token", "--organization", "no-such-org");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("no organization with id or slug 'no-such-org'");
    }

    @Test
    void malformedDurationIsRefused() {
        admin("create-organization", "--name", "Dur", "--slug", "duration-admin-test");

        Result result = admin("create-token", "--organization", "duration-admin-test", "--expires-in", "soon");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("--expires-in 'soon' is not a duration");
    }

    @Test
    void missingNameIsRefused() {
        Result result = admin("create-organization", "--slug", "nameless");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("--name is required");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(admin("launch-rockets").status()).isEqualTo(2);
    }

    @Test
    void revokeTokenNeedsAUuid() {
        Result result = admin("revoke-token", "not-a-uuid");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("TOKEN_ID");
    }
}
