package dev.kassa.stripe.emulator;

/** {@link RefundsContract} on the in-memory store. */
class RefundsInMemoryTest extends RefundsContract {

    @Override
    EmulatorStore newStore() {
        return new InMemoryEmulatorStore();
    }
}
