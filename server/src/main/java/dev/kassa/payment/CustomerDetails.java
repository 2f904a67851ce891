package dev.kassa.payment;

import dev.kassa.address.Address;

/** What the processor's customer record holds of the buyer. */
public record CustomerDetails(String email, String name, Address address) {
}
