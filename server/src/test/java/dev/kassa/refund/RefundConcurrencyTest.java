package dev.kassa.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.refund.RefundRequests.RefundCreate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Concurrent refunds of many orders, on real threads: the reservations of an order never exceed it. */
class RefundConcurrencyTest extends RefundTestSupport {

    private static final int ORDERS = 10;
    private static final int THREADS = 16;

    @Autowired
    CreateRefund createRefund;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void concurrentReservationsOfManyOrdersNeverExceedAnyOrder() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(paidOrder(1000));
        }
        // Six refunds of 2/5 of the net amount per order, shuffled: exactly two fit in each order.
        List<Callable<Boolean>> tasks = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (String order : orders) {
            for (int i = 0; i < 6; i++) {
                tasks.add(() -> {
                    start.await();
                    try {
                        transactions.execute(status -> createRefund.reserve(tenant.organizationId(),
                                new RefundCreate(UUID.fromString(order), "other", net(order) * 2 / 5, null, false, Map.of())));
                        return true;
                    } catch (RequestValidationError e) {
                        assertThat(e.problems().getFirst().msg()).isEqualTo("Refund amount exceeds refundable amount");
                        return false;
                    }
                });
            }
        }
        Collections.shuffle(tasks);
        List<Boolean> results = run(tasks, start);
        assertThat(results.stream().filter(r -> r).count()).isEqualTo(2L * ORDERS);
        for (String order : orders) {
            Map<String, Object> sums = jdbc.sql("""
                    SELECT count(*) AS n, sum(r.amount) AS amount, sum(r.tax_amount) AS tax, max(o.net_amount) AS net,
                           max(o.tax_amount) AS order_tax
                    FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.order_id = :id AND r.status = 'pending'
                    """).param("id", UUID.fromString(order)).query().singleRow();
            assertThat(((Number) sums.get("n")).longValue()).isEqualTo(2);
            assertThat(((Number) sums.get("amount")).longValue()).isEqualTo(2 * (net(order) * 2 / 5));
            assertThat(((Number) sums.get("tax")).longValue()).isLessThanOrEqualTo(((Number) sums.get("order_tax")).longValue());
        }
    }

    @Test
    void twoConcurrentRefundsOfTheWholeAmountOfManyOrdersLetOneThroughPerOrder() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(paidOrder(2500));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (String order : orders) {
            for (int i = 0; i < 2; i++) {
                tasks.add(() -> {
                    start.await();
                    return refund(order, net(order)).extract().statusCode();
                });
            }
        }
        Collections.shuffle(tasks);
        List<Integer> statuses = run(tasks, start);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(ORDERS);
        // The other sees the first's reservation (422), or, once the first has succeeded, a refunded order (403).
        assertThat(statuses.stream().filter(s -> s == 422 || s == 403).count()).isEqualTo(ORDERS);
        for (String order : orders) {
            assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE order_id = :id AND status = 'succeeded'")
                    .param("id", UUID.fromString(order)).query(Long.class).single()).isEqualTo(1);
            assertThat(order(order)).containsEntry("status", "refunded").containsEntry("refundable_amount", 0);
            String intent = jdbc.sql("SELECT stripe_payment_intent_id FROM orders WHERE id = :id")
                    .param("id", UUID.fromString(order)).query(String.class).single();
            assertThat(io.restassured.RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                    .queryParam("payment_intent", intent).get("/_stripe/v1/refunds").then().statusCode(200)
                    .extract().jsonPath().getList("data")).hasSize(1);
        }
    }

    private long net(String order) {
        return jdbc.sql("SELECT net_amount FROM orders WHERE id = :id").param("id", UUID.fromString(order)).query(Long.class).single();
    }

    private static <T> List<T> run(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
