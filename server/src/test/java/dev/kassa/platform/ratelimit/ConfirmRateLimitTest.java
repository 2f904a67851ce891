package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confirm has its own, tighter zone per checkout session (Polar's checkout-confirm: 6/min, 20/h, then 30 minutes). */
class ConfirmRateLimitTest extends ApiTest {

    Tenant tenant;
    String product;

    @BeforeEach
    void catalog() {
        tenant = data.tenant();
        product = as(tenant).body(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    private String checkout() {
        return as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
    }

    /** A confirm without a confirmation token: refused by validation, so no payment is tried. */
    private ExtractableResponse<Response> confirm(String secret) {
        return anonymous().body(Map.of("customer_email", "card-tester@example.com")).post("/v1/checkouts/client/" + secret + "/confirm")
                .then().extract();
    }

    @Test
    void theSeventhConfirmInAMinuteIsRefusedAndTheCheckoutStaysBlockedForThirtyMinutes() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(20);
        String secret = checkout();
        for (int i = 0; i < 6; i++) {
            ExtractableResponse<Response> allowed = confirm(secret);
            assertThat(allowed.statusCode()).as("confirm %d", i + 1).isNotEqualTo(429);
            assertThat(allowed.header("RateLimit-Policy")).isEqualTo("6;w=60, 20;w=3600");
        }

        ExtractableResponse<Response> seventh = confirm(secret);
        ExtractableResponse<Response> eighth = confirm(secret);

        assertThat(seventh.statusCode()).isEqualTo(429);
        assertThat(seventh.header("Retry-After")).isEqualTo("1800");
        assertThat(seventh.asString()).isEqualTo("{\"error\":\"TooManyRequests\",\"detail\":\"Rate limit exceeded: at most 6 per "
                + "minute and 20 per hour per checkout session, then blocked for 30 minutes. Retry after 1800 seconds.\"}");
        assertThat(eighth.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(eighth.header("Retry-After"))).isBetween(1790, 1800);
    }

    @Test
    void aBlockedCheckoutBlocksNoOtherCheckoutAndItsBuyerCanStillReadIt() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(20);
        String blocked = checkout();
        String other = checkout();
        for (int i = 0; i < 7; i++) {
            confirm(blocked);
        }
        assertThat(confirm(blocked).statusCode()).isEqualTo(429);

        ExtractableResponse<Response> otherConfirm = confirm(other);

        assertThat(otherConfirm.statusCode()).isEqualTo(422);
        assertThat(otherConfirm.header("RateLimit-Remaining")).isEqualTo("5");
        anonymous().get("/v1/checkouts/client/" + blocked).then().statusCode(200).header("RateLimit-Policy", "500;w=60");
    }

    @Test
    void confirmsOfManyCheckoutsFromOneAddressAreNotLimitedByTheAddress() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(20);
        for (int i = 0; i < 12; i++) {
            assertThat(confirm(checkout()).statusCode()).isEqualTo(422);
        }
    }

    @Test
    void aPercentEncodedConfirmPathCountsInTheConfirmZone() {
        ExtractableResponse<Response> answer = anonymous().urlEncodingEnabled(false).body(Map.of())
                .post("/v1/checkouts/client/" + checkout() + "/%63onfirm").then().extract();

        assertThat(answer.header("RateLimit-Policy")).isEqualTo("6;w=60, 20;w=3600");
    }
}
