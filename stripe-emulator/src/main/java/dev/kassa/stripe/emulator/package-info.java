/** Stripe test-mode emulator: the subset of Stripe's HTTP API that Kassa uses, answering with Stripe's shapes. */
package dev.kassa.stripe.emulator;
