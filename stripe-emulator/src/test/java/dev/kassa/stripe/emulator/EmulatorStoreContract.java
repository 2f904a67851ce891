package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link EmulatorStore} does; run on the in-memory and the JDBC store. */
abstract class EmulatorStoreContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    abstract EmulatorStore store();

    private static Map<String, Object> object(String id, Object value) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", id);
        object.put("value", value);
        object.put("nested", new LinkedHashMap<>(Map.of("list", new ArrayList<>(List.of(1L, "two", true)))));
        object.put("none", null);
        return object;
    }

    @Test
    void anInsertedObjectIsFoundAsItWasStored() {
        store().insert("customer", "cus_1", object("cus_1", 5L));

        assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 5L));
        assertThat(store().find("customer", "cus_2")).isEmpty();
        assertThat(store().find("charge", "cus_1")).isEmpty();
    }

    @Test
    void listGivesAKindsObjectsInInsertionOrderAndAReplacedOneKeepsItsPlace() {
        store().insert("event", "evt_b", object("evt_b", 1L));
        store().insert("event", "evt_a", object("evt_a", 2L));
        store().insert("event", "evt_b", object("evt_b", 3L));
        store().insert("charge", "ch_1", object("ch_1", 4L));

        assertThat(store().list("event")).containsExactly(object("evt_b", 3L), object("evt_a", 2L));
    }

    @Test
    void updateAppliesTheChangeAndAnswersTheNewObject() {
        store().insert("customer", "cus_1", object("cus_1", 5L));

        var updated = store().update("customer", "cus_1", o -> {
            o.put("value", 6L);
            return o;
        });

        assertThat(updated).contains(object("cus_1", 6L));
        assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 6L));
        assertThat(store().update("customer", "cus_9", o -> o)).isEmpty();
    }

    @Test
    void anUpdateThatThrowsStoresNothing() {
        store().insert("customer", "cus_1", object("cus_1", 5L));

        assertThatThrownBy(() -> store().update("customer", "cus_1", o -> {
            o.put("value", 6L);
            throw StripeApiException.invalidRequest("no", null);
        })).isInstanceOf(StripeApiException.class);

        assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 5L));
    }

    @Test
    void concurrentUpdatesOfOneObjectAreNotLost() throws Exception {
        store().insert("customer", "cus_1", object("cus_1", 0L));
        List<Callable<Object>> increments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            increments.add(() -> store().update("customer", "cus_1", o -> {
                o.put("value", (Long) o.get("value") + 1);
                return o;
            }));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Object> f : pool.invokeAll(increments)) {
                f.get();
            }
        }

        assertThat(store().find("customer", "cus_1").orElseThrow().get("value")).isEqualTo(20L);
    }

    @Test
    void withinAUnitAnObjectInsertedThenUpdatedIsReadWithItsLastBody() {
        Map<String, Object> last = store().atomically(() -> {
            store().insert("customer", "cus_1", object("cus_1", 1L));
            assertThat(store().update("customer", "cus_1", o -> {
                o.put("value", 2L);
                return o;
            })).contains(object("cus_1", 2L));
            assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 2L));
            assertThat(store().list("customer")).containsExactly(object("cus_1", 2L));
            return store().update("customer", "cus_1", o -> {
                o.put("value", 3L);
                return o;
            }).orElseThrow();
        });

        assertThat(last).isEqualTo(object("cus_1", 3L));
        assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 3L));
        assertThat(store().list("customer")).containsExactly(object("cus_1", 3L));
    }

    @Test
    void withinAUnitListKeepsTheInsertionOrderAndAReplacedOrUpdatedObjectItsPlace() {
        store().insert("event", "evt_old", object("evt_old", 0L));
        store().insert("event", "evt_other", object("evt_other", 0L));
        List<Map<String, Object>> expected = new ArrayList<>();
        store().atomically(() -> {
            assertThat(store().list("event")).hasSize(2);
            store().insert("event", "evt_b", object("evt_b", 1L));
            store().insert("event", "evt_a", object("evt_a", 2L));
            store().update("event", "evt_old", o -> {
                o.put("value", 5L);
                return o;
            });
            store().insert("event", "evt_b", object("evt_b", 3L));
            store().insert("event", "evt_other", object("evt_other", 4L));
            expected.addAll(List.of(object("evt_old", 5L), object("evt_other", 4L), object("evt_b", 3L),
                    object("evt_a", 2L)));
            for (int i = 0; i < 30; i++) {
                String id = "evt_" + (char) ('z' - i % 26) + i;
                store().insert("event", id, object(id, (long) i));
                expected.add(object(id, (long) i));
            }
            assertThat(store().list("event")).containsExactlyElementsOf(expected);
            return null;
        });

        assertThat(store().list("event")).containsExactlyElementsOf(expected);
    }

    @Test
    void withinAUnitAnUpdateOfAMissingObjectIsEmptyAndOneThatThrowsChangesNothing() {
        store().insert("customer", "cus_1", object("cus_1", 5L));

        store().atomically(() -> {
            assertThat(store().update("customer", "cus_9", o -> o)).isEmpty();
            assertThatThrownBy(() -> store().update("customer", "cus_1", o -> {
                o.put("value", 6L);
                throw StripeApiException.invalidRequest("no", null);
            })).isInstanceOf(StripeApiException.class);
            assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 5L));
            return null;
        });

        assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 5L));
        assertThat(store().find("customer", "cus_9")).isEmpty();
    }

    @Test
    void aKeyClaimedAndCompletedInAUnitIsCompletedAfterIt() {
        EmulatorStore.IdempotentResponse response = new EmulatorStore.IdempotentResponse("POST /v1/x\n", 200, "{}");

        store().atomically(() -> {
            assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Claimed());
            store().completeIdempotent("sk_test_a", "k", response);
            return null;
        });

        assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Completed(response));
        assertThat(store().atomically(() -> claim("k", T0))).isEqualTo(new EmulatorStore.Claim.Completed(response));
    }

    @Test
    void inAUnitAnExpiredOrAbandonedKeyIsClaimedAnewAndALiveOneIsNot() {
        EmulatorStore.IdempotentResponse first = new EmulatorStore.IdempotentResponse("POST /v1/x\n", 200, "{1}");
        EmulatorStore.IdempotentResponse second = new EmulatorStore.IdempotentResponse("POST /v1/x\n", 402, "{2}");
        claim("k", T0);
        store().completeIdempotent("sk_test_a", "k", first);
        claim("running", T0);

        assertThat(store().atomically(() -> claim("k", T0.plusSeconds(86399))))
                .isEqualTo(new EmulatorStore.Claim.Completed(first));
        store().atomically(() -> {
            assertThat(claim("k", T0.plusSeconds(86401))).isEqualTo(new EmulatorStore.Claim.Claimed());
            store().completeIdempotent("sk_test_a", "k", second);
            return null;
        });
        assertThat(store().atomically(() -> claim("k", T0.plusSeconds(86402))))
                .isEqualTo(new EmulatorStore.Claim.Completed(second));
        assertThat(claim("k", T0.plusSeconds(86402 + 86399))).isEqualTo(new EmulatorStore.Claim.Completed(second));

        assertThat(store().atomically(() -> claim("running", T0.plusSeconds(299))))
                .isEqualTo(new EmulatorStore.Claim.InProgress());
        assertThat(store().atomically(() -> claim("running", T0.plusSeconds(301))))
                .isEqualTo(new EmulatorStore.Claim.Claimed());
        assertThat(claim("running", T0.plusSeconds(302))).isEqualTo(new EmulatorStore.Claim.InProgress());
    }

    @Test
    void aKeyReleasedInItsUnitIsFreeAfterIt() {
        store().atomically(() -> {
            assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Claimed());
            store().releaseIdempotent("sk_test_a", "k");
            return null;
        });

        assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Claimed());
    }

    @Test
    void aFreeIdempotencyKeyIsClaimedThenInProgressThenCompleted() {
        EmulatorStore.IdempotentResponse response = new EmulatorStore.IdempotentResponse("POST /v1/x\n", 200, "{}");

        assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Claimed());
        assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.InProgress());
        store().completeIdempotent("sk_test_a", "k", response);
        assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Completed(response));
    }

    @Test
    void idempotencyKeysArePerApiKey() {
        claim("k", T0);

        assertThat(store().claimIdempotent("sk_test_b", "k", "POST /v1/x\n", T0, T0.minusSeconds(86400),
                T0.minusSeconds(300))).isEqualTo(new EmulatorStore.Claim.Claimed());
    }

    @Test
    void aReleasedKeyIsFreeAgain() {
        claim("k", T0);
        store().releaseIdempotent("sk_test_a", "k");

        assertThat(claim("k", T0)).isEqualTo(new EmulatorStore.Claim.Claimed());
    }

    @Test
    void anExpiredKeyIsFreeAgain() {
        claim("k", T0);
        store().completeIdempotent("sk_test_a", "k", new EmulatorStore.IdempotentResponse("f", 200, "{}"));

        assertThat(claim("k", T0.plusSeconds(86400 + 1))).isEqualTo(new EmulatorStore.Claim.Claimed());
    }

    @Test
    void aClaimInProgressForLongerThanTheLeaseIsFreeAgain() {
        claim("k", T0);

        assertThat(claim("k", T0.plusSeconds(299))).isEqualTo(new EmulatorStore.Claim.InProgress());
        assertThat(claim("k", T0.plusSeconds(301))).isEqualTo(new EmulatorStore.Claim.Claimed());
    }

    private EmulatorStore.Claim claim(String key, Instant now) {
        return store().claimIdempotent("sk_test_a", key, "POST /v1/x\n", now, now.minusSeconds(86400),
                now.minusSeconds(300));
    }

    private static EmulatorStore.PendingDelivery delivery(String id, Instant due) {
        return new EmulatorStore.PendingDelivery(id, "evt_1", "http://127.0.0.1:1/hook", "whsec_x", "{}", true, 1,
                due);
    }

    @Test
    void dueDeliveriesAreClaimedOnceUntilTheirLeaseEnds() {
        store().addDeliveries(List.of(delivery("d1", T0), delivery("d2", T0.plusSeconds(60))));

        assertThat(store().claimDueDeliveries(T0, T0.plusSeconds(30), 10)).extracting(EmulatorStore.PendingDelivery::id)
                .containsExactly("d1");
        assertThat(store().claimDueDeliveries(T0.plusSeconds(29), T0.plusSeconds(59), 10)).isEmpty();
        assertThat(store().claimDueDeliveries(T0.plusSeconds(60), T0.plusSeconds(90), 10))
                .extracting(EmulatorStore.PendingDelivery::id).containsExactlyInAnyOrder("d1", "d2");
    }

    @Test
    void aRetriedDeliveryIsDueAgainWithItsNextAttemptAndARemovedOneNever() {
        store().addDeliveries(List.of(delivery("d1", T0), delivery("d2", T0)));
        store().claimDueDeliveries(T0, T0.plusSeconds(30), 10);

        store().retryDelivery("d1", 2, T0.plusSeconds(5));
        store().removeDelivery("d2");

        assertThat(store().claimDueDeliveries(T0.plusSeconds(5), T0.plusSeconds(35), 10)).singleElement()
                .satisfies(d -> {
                    assertThat(d.id()).isEqualTo("d1");
                    assertThat(d.attempt()).isEqualTo(2);
                    assertThat(d.payload()).isEqualTo("{}");
                    assertThat(d.counted()).isTrue();
                });
        assertThat(store().claimDueDeliveries(T0.plusSeconds(3600), T0.plusSeconds(3630), 10))
                .extracting(EmulatorStore.PendingDelivery::id).containsExactly("d1");
    }

    @Test
    void concurrentClaimsNeverHandOutTheSameDeliveryTwice() throws Exception {
        List<EmulatorStore.PendingDelivery> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(delivery("d" + i, T0));
        }
        store().addDeliveries(many);
        List<Callable<List<EmulatorStore.PendingDelivery>>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(() -> store().claimDueDeliveries(T0, T0.plusSeconds(30), 10));
        }
        List<String> claimed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<EmulatorStore.PendingDelivery>> f : pool.invokeAll(claims)) {
                f.get().forEach(d -> claimed.add(d.id()));
            }
        }

        assertThat(claimed).doesNotHaveDuplicates().hasSize(40);
    }

    private static EmulatorStore.ScheduledTransition transition(String id, String objectId, Instant due) {
        return new EmulatorStore.ScheduledTransition(id, "refund", objectId, "refund.succeed", due);
    }

    @Test
    void dueTransitionsAreClaimedOnceUntilTheirLeaseEndsAndARemovedOneNever() {
        store().scheduleTransitions(List.of(transition("t1", "re_1", T0), transition("t2", "re_2", T0.plusSeconds(60))));

        assertThat(store().claimDueTransitions(T0, T0.plusSeconds(30), 10)).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("t1");
            assertThat(t.kind()).isEqualTo("refund");
            assertThat(t.objectId()).isEqualTo("re_1");
            assertThat(t.action()).isEqualTo("refund.succeed");
        });
        assertThat(store().claimDueTransitions(T0.plusSeconds(29), T0.plusSeconds(59), 10)).isEmpty();
        store().removeTransition("t2");
        assertThat(store().claimDueTransitions(T0.plusSeconds(60), T0.plusSeconds(90), 10))
                .extracting(EmulatorStore.ScheduledTransition::id).containsExactly("t1");
    }

    @Test
    void anObjectsTransitionsAreFoundDueOrNot() {
        store().scheduleTransitions(List.of(transition("t1", "re_1", T0.plusSeconds(3600)),
                transition("t2", "re_2", T0)));

        assertThat(store().transitionsOf("refund", "re_1")).containsExactly(transition("t1", "re_1",
                T0.plusSeconds(3600)));
        assertThat(store().transitionsOf("charge", "re_1")).isEmpty();
    }

    @Test
    void concurrentClaimsNeverHandOutTheSameTransitionTwice() throws Exception {
        List<EmulatorStore.ScheduledTransition> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(transition("t" + i, "re_" + i, T0));
        }
        store().scheduleTransitions(many);
        List<Callable<List<EmulatorStore.ScheduledTransition>>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(() -> store().claimDueTransitions(T0, T0.plusSeconds(30), 10));
        }
        List<String> claimed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<EmulatorStore.ScheduledTransition>> f : pool.invokeAll(claims)) {
                f.get().forEach(t -> claimed.add(t.id()));
            }
        }

        assertThat(claimed).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void deliveriesAndTransitionsAddedOrRemovedInAUnitAreStoredWithIt() {
        store().addDeliveries(List.of(delivery("d1", T0)));
        store().scheduleTransitions(List.of(transition("t1", "re_1", T0)));

        store().atomically(() -> {
            store().addDeliveries(List.of(delivery("d2", T0), delivery("d3", T0)));
            store().removeDelivery("d1");
            store().removeDelivery("d3");
            store().scheduleTransitions(List.of(transition("t3", "re_1", T0.plusSeconds(6)),
                    transition("t2", "re_1", T0.plusSeconds(5))));
            store().removeTransition("t1");
            store().removeTransition("t3");
            assertThat(store().transitionsOf("refund", "re_1")).containsExactly(transition("t2", "re_1",
                    T0.plusSeconds(5)));
            return null;
        });

        assertThat(store().claimDueDeliveries(T0, T0.plusSeconds(30), 10)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("d2");
            assertThat(List.of(d.eventId(), d.url(), d.secret(), d.payload())).containsExactly("evt_1",
                    "http://127.0.0.1:1/hook", "whsec_x", "{}");
            assertThat(d.counted()).isTrue();
            assertThat(d.attempt()).isEqualTo(1);
        });
        assertThat(store().transitionsOf("refund", "re_1")).containsExactly(transition("t2", "re_1",
                T0.plusSeconds(5)));
    }

    @Test
    void withinAUnitAddedDeliveriesAndTransitionsCanBeClaimedAndItsObjectsStillChanged() {
        store().atomically(() -> {
            store().insert("customer", "cus_1", object("cus_1", 1L));
            assertThat(store().list("customer")).containsExactly(object("cus_1", 1L));
            store().addDeliveries(List.of(delivery("d1", T0)));
            store().scheduleTransitions(List.of(transition("t1", "re_1", T0)));
            assertThat(store().claimDueDeliveries(T0, T0.plusSeconds(30), 10))
                    .extracting(EmulatorStore.PendingDelivery::id).containsExactly("d1");
            assertThat(store().claimDueTransitions(T0, T0.plusSeconds(30), 10))
                    .extracting(EmulatorStore.ScheduledTransition::id).containsExactly("t1");
            store().update("customer", "cus_1", o -> {
                o.put("value", 2L);
                return o;
            });
            store().insert("customer", "cus_2", object("cus_2", 1L));
            assertThat(store().find("customer", "cus_1")).contains(object("cus_1", 2L));
            assertThat(store().list("customer")).containsExactly(object("cus_1", 2L), object("cus_2", 1L));
            return null;
        });

        assertThat(store().list("customer")).containsExactly(object("cus_1", 2L), object("cus_2", 1L));
        assertThat(store().claimDueDeliveries(T0.plusSeconds(30), T0.plusSeconds(60), 10))
                .extracting(EmulatorStore.PendingDelivery::id).containsExactly("d1");
    }

    @Test
    void concurrentClaimsOfAKeyInUnitsRunItsRequestOnce() throws Exception {
        EmulatorStore.IdempotentResponse response = new EmulatorStore.IdempotentResponse("POST /v1/x\n", 200, "{}");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int round = 0; round < 25; round++) {
                String key = "k" + round;
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
                List<Callable<EmulatorStore.Claim>> claims = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    claims.add(() -> {
                        start.await();
                        return store().atomically(() -> {
                            EmulatorStore.Claim claim = claim(key, T0);
                            if (claim instanceof EmulatorStore.Claim.Claimed) {
                                store().completeIdempotent("sk_test_a", key, response);
                            }
                            return claim;
                        });
                    });
                }
                List<EmulatorStore.Claim> outcomes = new ArrayList<>();
                for (Future<EmulatorStore.Claim> f : pool.invokeAll(claims)) {
                    outcomes.add(f.get());
                }

                assertThat(outcomes).as(key).filteredOn(c -> c instanceof EmulatorStore.Claim.Claimed).hasSize(1);
                assertThat(outcomes).as(key).filteredOn(c -> c instanceof EmulatorStore.Claim.Completed)
                        .allMatch(c -> c.equals(new EmulatorStore.Claim.Completed(response)));
                assertThat(claim(key, T0)).isEqualTo(new EmulatorStore.Claim.Completed(response));
            }
        }
    }

    @Test
    void anInstallationValueIsMadeOnceAndKept() {
        String first = store().value("webhook_secret", () -> "whsec_first");

        assertThat(first).isEqualTo("whsec_first");
        assertThat(store().value("webhook_secret", () -> "whsec_second")).isEqualTo("whsec_first");
    }
}
