package dev.kassa.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The organization's catalog version (migration V92) moves with every change to its catalog, and only then. */
class CatalogVersionTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    Tenant tenant;
    String product;

    @BeforeEach
    void catalog() {
        tenant = data.tenant();
        product = as(tenant).body(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    private long version() {
        return jdbc.sql("SELECT catalog_version FROM organizations WHERE id = :id").param("id", tenant.organizationId())
                .query(Long.class).single();
    }

    @Test
    void aProductsCreationMovesItsOrganizationsVersionAndNoOtherOrganizations() {
        Tenant other = data.tenant();
        long mine = version();
        long theirs = jdbc.sql("SELECT catalog_version FROM organizations WHERE id = :id").param("id", other.organizationId())
                .query(Long.class).single();

        as(tenant).body(Map.of("name", "Pen", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 300))))
                .post("/v1/products/").then().statusCode(201);

        assertThat(version()).isGreaterThan(mine);
        assertThat(jdbc.sql("SELECT catalog_version FROM organizations WHERE id = :id").param("id", other.organizationId())
                .query(Long.class).single()).isEqualTo(theirs);
    }

    @Test
    void aProductsPriceAndAttachedFieldEachMoveTheVersion() {
        long before = version();
        jdbc.sql("UPDATE products SET name = 'Renamed' WHERE id = CAST(:id AS uuid)").param("id", product).update();
        long afterProduct = version();
        jdbc.sql("UPDATE product_prices SET price_amount = 1200 WHERE product_id = CAST(:id AS uuid)").param("id", product).update();
        long afterPrice = version();
        String field = as(tenant).body(Map.of("type", "text", "slug", "company", "name", "Company", "properties", Map.of()))
                .post("/v1/custom-fields/").then().statusCode(201).extract().path("id");
        long afterFieldCreated = version();
        jdbc.sql("INSERT INTO product_custom_fields (product_id, custom_field_id, position, required) VALUES (CAST(:p AS uuid), CAST(:f AS uuid), 0, false)")
                .param("p", product).param("f", field).update();
        long afterAttached = version();
        jdbc.sql("DELETE FROM product_custom_fields WHERE product_id = CAST(:p AS uuid)").param("p", product).update();

        assertThat(afterProduct).isGreaterThan(before);
        assertThat(afterPrice).isGreaterThan(afterProduct);
        assertThat(afterFieldCreated).as("a field not attached is no part of a product").isEqualTo(afterPrice);
        assertThat(afterAttached).isGreaterThan(afterPrice);
        assertThat(version()).isGreaterThan(afterAttached);
    }

    @Test
    void aRolledBackChangeLeavesTheVersionAndUsesItsNumberUp() {
        long before = version();
        long[] seenInside = new long[1];

        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE products SET name = 'Never' WHERE id = CAST(:id AS uuid)").param("id", product).update();
            seenInside[0] = version();
            status.setRollbackOnly();
        });
        long afterRollback = version();
        as(tenant).body(Map.of("name", "Committed")).patch("/v1/products/" + product).then().statusCode(200);

        assertThat(seenInside[0]).isGreaterThan(before);
        assertThat(afterRollback).isEqualTo(before);
        // Never the number a state that did not commit was read under.
        assertThat(version()).isGreaterThan(seenInside[0]);
    }

    @Test
    void readingAndSellingMoveNothing() {
        long before = version();
        as(tenant).get("/v1/products/" + product).then().statusCode(200);
        as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201);

        assertThat(version()).isEqualTo(before);
    }
}
