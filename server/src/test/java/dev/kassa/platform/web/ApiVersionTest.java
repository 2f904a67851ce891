package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@code Polar-Version} header: which version a request runs as, and what a malformed one answers. */
class ApiVersionTest {

    @Nested
    class Resolve {

        @Test
        void noHeaderIsPolarsDefault() {
            assertThat(ApiVersion.resolve(null)).contains(ApiVersion.V2026_04);
            assertThat(ApiVersion.resolve("  ")).contains(ApiVersion.V2026_04);
        }

        @Test
        void aKnownMonthIsThatVersion() {
            assertThat(ApiVersion.resolve("2026-04")).contains(ApiVersion.V2026_04);
            assertThat(ApiVersion.resolve("2026-10")).contains(ApiVersion.V2026_10);
            assertThat(ApiVersion.resolve(" 2026-10 ")).contains(ApiVersion.V2026_10);
        }

        @Test
        void aDateNamesItsMonth() {
            assertThat(ApiVersion.resolve("2026-10-01")).contains(ApiVersion.V2026_10);
            assertThat(ApiVersion.resolve("2026-04-30")).contains(ApiVersion.V2026_04);
        }

        @Test
        void unknownAndFutureVersionsAreTheNewest() {
            assertThat(ApiVersion.resolve("2027-01")).contains(ApiVersion.NEWEST);
            assertThat(ApiVersion.resolve("2030-12-31")).contains(ApiVersion.NEWEST);
            assertThat(ApiVersion.resolve("2025-01")).contains(ApiVersion.NEWEST);
            assertThat(ApiVersion.NEWEST).isEqualTo(ApiVersion.V2026_10);
        }

        @Test
        void malformedValuesAreNoVersion() {
            for (String value : List.of("latest", "2026", "2026-1", "2026-13", "2026-00", "2026-02-30", "26-10",
                    "2026/10", "2026-10-1", "v2026-10", "2026-10T00:00")) {
                assertThat(ApiVersion.resolve(value)).as(value).isEqualTo(Optional.empty());
            }
        }

        @Test
        void versionsAreOrdered() {
            assertThat(ApiVersion.V2026_10.atLeast(ApiVersion.V2026_04)).isTrue();
            assertThat(ApiVersion.V2026_04.atLeast(ApiVersion.V2026_10)).isFalse();
        }

        @Test
        void outsideOfARequestTheVersionIsTheDefault() {
            assertThat(ApiVersion.current()).isEqualTo(ApiVersion.DEFAULT);
        }
    }

    @Nested
    class OverHttp extends ApiTest {

        private Tenant tenant;

        @BeforeEach
        void newTenant() {
            tenant = data.tenant();
        }

        @Test
        void theResponseSaysWhichVersionAnswered() {
            as(tenant).get("/v1/products/").then().statusCode(200).header("Polar-Version", equalTo("2026-04"));
            for (Map.Entry<String, String> asked : Map.of("2026-04", "2026-04", "2026-10", "2026-10", "2026-10-01", "2026-10",
                    "2027-01", "2026-10", "2025-06", "2026-10").entrySet()) {
                as(tenant).header("Polar-Version", asked.getKey()).get("/v1/products/").then().statusCode(200)
                        .header("Polar-Version", equalTo(asked.getValue()));
            }
        }

        /** What the 2026-10 SDK sends, on a write and on an error. */
        @Test
        void everyRequestOfTheNewSdkWorks() {
            as(tenant).header("Polar-Version", "2026-10")
                    .body(Map.of("name", "Free e-book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 0))))
                    .post("/v1/products/").then().statusCode(201).header("Polar-Version", equalTo("2026-10"))
                    .body("prices[0].price_amount", equalTo(0));
            as(tenant).header("Polar-Version", "2026-10").get("/v1/products/00000000-0000-0000-0000-000000000000").then()
                    .statusCode(404).body("error", equalTo("ResourceNotFound")).header("Polar-Version", equalTo("2026-10"));
        }

        /** Polar answers a malformed version as if no route matched. */
        @Test
        void aMalformedVersionIsA404() {
            for (String value : List.of("latest", "2026-13", "2026-10-32")) {
                Map<String, Object> body = as(tenant).header("Polar-Version", value).get("/v1/products/").then()
                        .statusCode(404).header("Polar-Version", nullValue()).extract().jsonPath().getMap("");
                assertThat(body).isEqualTo(Map.of("error", "ResourceNotFound", "detail", "Not Found"));
            }
        }

        @Test
        void onlyTheApiReadsIt() {
            anonymous().header("Polar-Version", "latest").get("/healthz").then().statusCode(200)
                    .header("Polar-Version", nullValue());
        }
    }
}
