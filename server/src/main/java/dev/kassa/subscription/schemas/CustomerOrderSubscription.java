package dev.kassa.subscription.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Polar's {@code CustomerOrderSubscription}: the subscription of an order, as the portal shows it. */
public record CustomerOrderSubscription(@JsonUnwrapped SubscriptionBase base) {
}
