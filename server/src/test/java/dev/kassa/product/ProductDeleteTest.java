package dev.kassa.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import dev.kassa.auth.Scope;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code DELETE /v1/products/{id}} (Polar 2026-10, {@code products:delete}): a soft delete of a product nothing was
 * sold through, 409 {@code ProductNotDeletable} otherwise; and {@link ProductService#isDeletable}, the rule behind
 * Polar's {@code Product.is_deletable}.
 */
class ProductDeleteTest extends ApiTest {

    @Autowired
    ProductService products;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private String product(String name, long amount) {
        return as(tenant).body(Map.of("name", name, "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse delete(String id) {
        return as(tenant).delete("/v1/products/" + id).then();
    }

    private Map<String, Object> checkout(String productId) {
        return as(tenant).body(Map.of("products", List.of(productId))).post("/v1/checkouts/").then().statusCode(201)
                .extract().jsonPath().getMap("");
    }

    private String confirmationToken(String paymentMethod) {
        return RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", paymentMethod)
                .post("/_stripe/v1/test_helpers/confirmation_tokens").then().statusCode(200).extract().path("id");
    }

    private ValidatableResponse confirm(Map<String, Object> checkout, String email, String paymentMethod) {
        return anonymous().body(Map.of("customer_email", email, "customer_billing_address", Map.of("country", "DE"),
                        "confirmation_token_id", confirmationToken(paymentMethod)))
                .post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm").then();
    }

    private String awaitCheckoutStatus(Object checkoutId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String current = null;
        while (Instant.now().isBefore(deadline)) {
            current = as(tenant).get("/v1/checkouts/" + checkoutId).then().extract().path("status");
            if (status.equals(current)) {
                break;
            }
            Thread.sleep(100);
        }
        return current;
    }

    private static void notDeletable(ValidatableResponse response) {
        response.statusCode(409)
                .body("error", equalTo("ProductNotDeletable"))
                .body("detail", equalTo("Product is in use and cannot be deleted. Archive it instead."));
    }

    @Test
    void anUnusedProductIsDeletedAndDisappearsFromTheApi() {
        String id = product("Unused", 1000);
        String kept = product("Kept", 1000);
        assertThat(products.isDeletable(UUID.fromString(id))).isTrue();

        delete(id).statusCode(204);

        as(tenant).get("/v1/products/" + id).then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        as(tenant).body(Map.of("name", "Renamed")).patch("/v1/products/" + id).then().statusCode(404);
        delete(id).statusCode(404).body("error", equalTo("ResourceNotFound"));
        as(tenant).get("/v1/products/").then().statusCode(200)
                .body("items.id", not(hasItem(id)))
                .body("items.id", hasItem(kept))
                .body("pagination.total_count", equalTo(1));
        as(tenant).queryParam("id", id).get("/v1/products/").then().body("items", hasSize(0));
        // A soft delete: the row stays, archived with its prices.
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL AND is_archived FROM products WHERE id = :id")
                .param("id", UUID.fromString(id)).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT bool_and(is_archived) FROM product_prices WHERE product_id = :id")
                .param("id", UUID.fromString(id)).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aDeletedProductCannotBeReferencedAgain() {
        String id = product("Gone", 1000);
        String priceId = as(tenant).get("/v1/products/" + id).then().extract().path("prices[0].id");
        delete(id).statusCode(204);

        as(tenant).body(Map.of("products", List.of(id))).post("/v1/checkouts/").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "products", 0)))
                .body("detail[0].msg", equalTo("Product does not exist."));
        as(tenant).body(Map.of("product_price_id", priceId)).post("/v1/checkouts/").then().statusCode(422)
                .body("detail[0].msg", equalTo("Price does not exist."));
        as(tenant).body(Map.of("name", "Promo", "type", "percentage", "basis_points", 1000, "duration", "once",
                        "products", List.of(id)))
                .post("/v1/discounts/").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "products", 0)));
    }

    @Test
    void anOpenCheckoutDoesNotPreventTheDeleteButCannotBePaidAfterIt() {
        String id = product("Open", 1000);
        Map<String, Object> checkout = checkout(id);
        assertThat(products.isDeletable(UUID.fromString(id))).isTrue();

        delete(id).statusCode(204);

        // The checkout still shows its product, and can no longer be paid.
        as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().statusCode(200).body("product.id", equalTo(id));
        confirm(checkout, "late@example.com", "pm_card_visa").statusCode(422)
                .body("detail.msg", hasItem("Price is archived."));
    }

    @Test
    void aProductSoldOnceIsNotDeletable() throws Exception {
        String id = product("Sold", 1000);
        Map<String, Object> checkout = checkout(id);
        confirm(checkout, "buyer@example.com", "pm_card_visa").statusCode(200);
        assertThat(awaitCheckoutStatus(checkout.get("id"), "succeeded")).isEqualTo("succeeded");

        assertThat(products.isDeletable(UUID.fromString(id))).isFalse();
        notDeletable(delete(id));
        as(tenant).get("/v1/products/" + id).then().statusCode(200).body("is_archived", equalTo(false));
        // Archiving is what a product in use can do.
        as(tenant).body(Map.of("is_archived", true)).patch("/v1/products/" + id).then().statusCode(200);
    }

    @Test
    void aSubscribedProductIsNotDeletable() throws Exception {
        String id = as(tenant).body(Map.of("name", "Monthly", "recurring_interval", "month",
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        Map<String, Object> checkout = checkout(id);
        confirm(checkout, "subscriber@example.com", "pm_card_visa").statusCode(200);
        assertThat(awaitCheckoutStatus(checkout.get("id"), "succeeded")).isEqualTo("succeeded");
        // Without its order, the subscription alone still keeps the product.
        jdbc.sql("DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE product_id = :id)")
                .param("id", UUID.fromString(id)).update();
        jdbc.sql("DELETE FROM orders WHERE product_id = :id").param("id", UUID.fromString(id)).update();

        notDeletable(delete(id));
    }

    @Test
    void aCheckoutBeingPaidKeepsTheProduct() {
        String id = product("Paying", 1000);
        Map<String, Object> checkout = checkout(id);
        // 3-D Secure: the payment waits for the buyer, the checkout stays confirmed.
        confirm(checkout, "3ds@example.com", "pm_card_authenticationRequired").statusCode(200)
                .body("status", equalTo("confirmed"));

        assertThat(products.isDeletable(UUID.fromString(id))).isFalse();
        notDeletable(delete(id));
    }

    @Test
    void aDiscountRestrictedToTheProductKeepsItUntilTheDiscountIsDeleted() {
        String id = product("Promoted", 1000);
        String discount = as(tenant).body(Map.of("name", "Promo", "type", "percentage", "basis_points", 1000,
                        "duration", "once", "products", List.of(id)))
                .post("/v1/discounts/").then().statusCode(201).extract().path("id");

        notDeletable(delete(id));

        as(tenant).delete("/v1/discounts/" + discount).then().statusCode(204);
        delete(id).statusCode(204);
    }

    @Test
    void deletableAnswersForManyProductsAtOnce() {
        UUID unused = UUID.fromString(product("Alpha", 1000));
        UUID promoted = UUID.fromString(product("Beta", 1000));
        as(tenant).body(Map.of("name", "Promo", "type", "percentage", "basis_points", 1000, "duration", "once",
                "products", List.of(promoted.toString()))).post("/v1/discounts/").then().statusCode(201);

        assertThat(products.deletable(List.of(unused, promoted))).containsExactly(unused);
        assertThat(products.deletable(List.of())).isEmpty();
    }

    /**
     * A confirm in progress holds its checkout's row lock until it commits the checkout as confirmed: the delete
     * waits for it and then sees the checkout being paid.
     */
    @Test
    void aDeleteWaitsForAConfirmInProgressAndThenRefuses() throws Exception {
        String id = product("Race", 1000);
        UUID checkoutId = UUID.fromString((String) checkout(id).get("id"));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> confirm = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT id FROM checkouts WHERE id = :id FOR UPDATE").param("id", checkoutId).query(UUID.class).single();
            locked.countDown();
            try {
                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            jdbc.sql("UPDATE checkouts SET status = 'confirmed' WHERE id = :id").param("id", checkoutId).update();
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<ValidatableResponse> deletion = CompletableFuture.supplyAsync(() -> delete(id));
        Thread.sleep(300);
        assertThat(deletion).isNotDone();
        release.countDown();
        confirm.get(10, TimeUnit.SECONDS);

        notDeletable(deletion.get(10, TimeUnit.SECONDS));
    }

    @Test
    void unknownForeignAndMalformedIds() {
        String id = product("Mine", 1000);
        as(data.tenant()).delete("/v1/products/" + id).then().statusCode(404).body("error", equalTo("ResourceNotFound"))
                .body("detail", equalTo("Not found"));
        delete(UUID.randomUUID().toString()).statusCode(404);
        delete("not-a-uuid").statusCode(422).body("detail[0].loc", equalTo(List.of("path", "id")));
        as(tenant).get("/v1/products/" + id).then().statusCode(200);
    }

    @Test
    void deletingNeedsProductsWrite() {
        String id = product("Scoped", 1000);
        as(data.withScopes(tenant, Set.of(Scope.PRODUCTS_READ))).delete("/v1/products/" + id).then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        anonymous().delete("/v1/products/" + id).then().statusCode(401);
        as(data.withScopes(tenant, Set.of(Scope.PRODUCTS_WRITE))).delete("/v1/products/" + id).then().statusCode(204);
    }
}
