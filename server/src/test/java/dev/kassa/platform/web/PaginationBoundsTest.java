package dev.kassa.platform.web;

import static org.hamcrest.Matchers.equalTo;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code page} and {@code limit} out of range are a 422 in pydantic's shape on every list, never a failed query. */
class PaginationBoundsTest extends ApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/orders/", "/v1/checkouts/", "/v1/products/", "/v1/subscriptions/", "/v1/customers/",
            "/v1/discounts/", "/v1/custom-fields/"})
    void aPageBeyondTheMaximumIsA422(String list) {
        Tenant tenant = data.tenant();
        as(tenant).queryParam("page", "3000000000").get(list).then().statusCode(422)
                .body("error", equalTo("RequestValidationError"))
                .body("detail[0].type", equalTo("less_than_equal"))
                .body("detail[0].loc", equalTo(List.of("query", "page")))
                .body("detail[0].msg", equalTo("Input should be less than or equal to 1000000"))
                .body("detail[0].input", equalTo("3000000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/orders/", "/v1/checkouts/"})
    void theLastPageIsServedAndOneMoreIsNot(String list) {
        Tenant tenant = data.tenant();
        as(tenant).queryParam("page", "1000000").queryParam("limit", "100").get(list).then().statusCode(200)
                .body("items.size()", equalTo(0));
        as(tenant).queryParam("page", "1000001").get(list).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "page")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/orders/", "/v1/checkouts/"})
    void pageAndLimitBelowOrAboveTheirRangeAreReportedTogether(String list) {
        Tenant tenant = data.tenant();
        as(tenant).queryParam("page", "0").queryParam("limit", "101").get(list).then().statusCode(422)
                .body("detail[0].type", equalTo("greater_than_equal"))
                .body("detail[0].loc", equalTo(List.of("query", "page")))
                .body("detail[0].msg", equalTo("Input should be greater than or equal to 1"))
                .body("detail[0].input", equalTo("0"))
                .body("detail[1].type", equalTo("less_than_equal"))
                .body("detail[1].loc", equalTo(List.of("query", "limit")))
                .body("detail[1].msg", equalTo("Input should be less than or equal to 100"))
                .body("detail[1].input", equalTo("101"));
        as(tenant).queryParam("limit", "0").get(list).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "limit")));
        as(tenant).queryParam("page", "99999999999999999999").get(list).then().statusCode(422)
                .body("detail[0].type", equalTo("int_parsing"));
    }
}
