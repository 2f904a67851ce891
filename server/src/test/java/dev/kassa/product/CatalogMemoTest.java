package dev.kassa.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogMemoTest {

    private final CatalogMemo memo = new CatalogMemo();
    private final UUID organization = UUID.randomUUID();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final AtomicInteger reads = new AtomicInteger();

    private Map<UUID, Product> read() {
        reads.incrementAndGet();
        return new HashMap<>();
    }

    @Test
    void theSameProductsAtTheSameVersionAreReadOnceInWhateverOrderTheyAreAskedFor() {
        memo.products(organization, 7, List.of(a, b), this::read);
        memo.products(organization, 7, List.of(b, a, b), this::read);

        assertThat(reads).hasValue(1);
    }

    @Test
    void anotherVersionOrAnotherOrganizationIsReadAgain() {
        memo.products(organization, 7, List.of(a), this::read);
        memo.products(organization, 8, List.of(a), this::read);
        memo.products(UUID.randomUUID(), 7, List.of(a), this::read);
        memo.products(organization, 7, List.of(a, b), this::read);

        assertThat(reads).hasValue(4);
    }

    @Test
    void whatItKeepsCannotBeChangedByTheCaller() {
        Map<UUID, Product> kept = memo.products(organization, 1, List.of(a), this::read);

        assertThatThrownBy(() -> kept.put(a, null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void beyondItsBoundTheLeastRecentlyUsedEntriesGo() {
        for (int version = 0; version < CatalogMemo.MAX_ENTRIES + 10; version++) {
            memo.products(organization, version, List.of(a), this::read);
            memo.products(organization, 0, List.of(a), this::read);
        }

        assertThat(memo.size()).isEqualTo(CatalogMemo.MAX_ENTRIES);
        memo.products(organization, 0, List.of(a), this::read);
        assertThat(reads).hasValue(CatalogMemo.MAX_ENTRIES + 10);
    }
}
