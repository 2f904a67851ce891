package dev.kassa.stripe.emulator;

/** The store contract on the default in-memory store. */
class InMemoryEmulatorStoreTest extends EmulatorStoreContract {

    private final InMemoryEmulatorStore store = new InMemoryEmulatorStore();

    @Override
    EmulatorStore store() {
        return store;
    }
}
