package dev.kassa.stripe.emulator;

/** {@link OffSessionContract} on the in-memory store. */
class OffSessionInMemoryTest extends OffSessionContract {

    @Override
    EmulatorStore newStore() {
        return new InMemoryEmulatorStore();
    }
}
