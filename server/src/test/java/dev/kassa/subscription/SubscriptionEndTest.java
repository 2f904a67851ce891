package dev.kassa.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import io.restassured.RestAssured;
import java.util.ArrayList;
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

/** The end of subscriptions canceled at period end, and concurrent changes of one subscription. */
class SubscriptionEndTest extends SubscriptionChangesTestSupport {

    @Autowired
    SubscriptionEndJob job;

    @Test
    void aSubscriptionCanceledAtPeriodEndEndsOnceItsPeriodIsOver() {
        patch(subscription.id(), Map.of("cancel_at_period_end", true, "customer_cancellation_reason", "unused")).statusCode(200);
        assertThat(changes.endCanceledAtPeriodEnd(subscription.id())).isFalse();
        periodPassed(subscription.id());
        Map<String, Object> canceled = get(subscription.id());

        assertThat(changes.endCanceledAtPeriodEnd(subscription.id())).isTrue();

        Map<String, Object> ended = get(subscription.id());
        assertThat(ended).containsEntry("status", "canceled").containsEntry("cancel_at_period_end", true)
                .containsEntry("canceled_at", canceled.get("canceled_at")).containsEntry("ends_at", canceled.get("ends_at"))
                .containsEntry("customer_cancellation_reason", "unused");
        assertThat(ended.get("ended_at")).isNotNull();
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed",
                "subscription.updated", "subscription.canceled", "subscription.revoked", "customer.state_changed");
        assertThat(payloads("subscription.revoked")).containsExactly(ended);
        assertThat(payloads("customer.state_changed").getLast().get("active_subscriptions")).isEqualTo(List.of());
        assertThat(changes.endCanceledAtPeriodEnd(subscription.id())).isFalse();
        patch(subscription.id(), Map.of("cancel_at_period_end", false)).statusCode(410);
    }

    @Test
    void onlySubscriptionsCanceledAtPeriodEndEnd() {
        periodPassed(subscription.id());
        assertThat(changes.endCanceledAtPeriodEnd(subscription.id())).isFalse();
        assertThat(changes.endCanceledAtPeriodEnd(UUID.randomUUID())).isFalse();
        patch(subscription.id(), Map.of("revoke", true)).statusCode(200);
        assertThat(changes.endCanceledAtPeriodEnd(subscription.id())).isFalse();
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "subscription.revoked",
                "customer.state_changed");
    }

    @Test
    void theJobEndsEveryDueSubscriptionExactlyOnceEvenRunOnSeveralNodesAtOnce() throws Exception {
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < SubscriptionEndJob.BATCH_SIZE + 30; i++) {
            Customer owner = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "due" + i + "@example.com", null));
            UUID id = subscribe(owner).id();
            changes.update(tenant.organizationId(), id, new SubscriptionChangeRequests.Change.Cancel(null, null));
            periodPassed(id);
            due.add(id);
        }
        UUID notDue = subscribe(customer).id();
        changes.update(tenant.organizationId(), notDue, new SubscriptionChangeRequests.Change.Cancel(null, null));
        jdbc.sql("DELETE FROM webhook_events WHERE organization_id = :org").param("org", tenant.organizationId()).update();

        List<Integer> ended = concurrently(4, job::endDue);

        assertThat(ended.stream().mapToInt(Integer::intValue).sum()).isEqualTo(due.size());
        assertThat(jdbc.sql("SELECT count(*) FROM subscriptions WHERE id = ANY(:ids) AND status = 'canceled' AND ended_at IS NOT NULL")
                .param("ids", due.toArray(UUID[]::new)).query(Long.class).single()).isEqualTo(due.size());
        assertThat(get(notDue)).containsEntry("status", "active").containsEntry("ended_at", null);
        assertThat(payloads("subscription.revoked")).extracting(p -> UUID.fromString((String) p.get("id")))
                .containsExactlyInAnyOrderElementsOf(due);
        assertThat(job.endDue()).isZero();
    }

    @Test
    void concurrentCancelsAndRevokesOfManySubscriptionsApplyOneAfterTheOther() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Customer owner = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "race" + i + "@example.com", null));
            ids.add(subscribe(owner).id());
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (UUID id : ids) {
            calls.add(() -> request(id, Map.of("cancel_at_period_end", true)));
            calls.add(() -> request(id, Map.of("revoke", true)));
        }

        List<Integer> statuses = concurrently(calls);

        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            int cancel = statuses.get(2 * i);
            int revoke = statuses.get(2 * i + 1);
            assertThat(revoke).isEqualTo(200);
            assertThat(cancel).isIn(200, 403);
            Map<String, Object> s = get(id);
            assertThat(s).containsEntry("status", "canceled").containsEntry("cancel_at_period_end", cancel == 200);
            long canceledEvents = payloads("subscription.canceled").stream().filter(p -> p.get("id").equals(id.toString())).count();
            long revokedEvents = payloads("subscription.revoked").stream().filter(p -> p.get("id").equals(id.toString())).count();
            // Cancel first: canceled, then canceled and revoked again by the revoke. Revoke first: the cancel is refused.
            assertThat(canceledEvents).isEqualTo(cancel == 200 ? 2 : 1);
            assertThat(revokedEvents).isEqualTo(1);
        }
    }

    private int request(UUID id, Map<String, Object> body) {
        return RestAssured.given().port(port).contentType("application/json")
                .header("Authorization", "Bearer " + tenant.token()).body(body)
                .patch("/v1/subscriptions/" + id).then().extract().statusCode();
    }

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return concurrently(calls);
    }

    private static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(calls.size(), 16));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
