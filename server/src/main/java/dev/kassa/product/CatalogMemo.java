package dev.kassa.product;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What this node read of organizations' catalogs, under the catalog version read with it
 * ({@link dev.kassa.organization.Organization#catalogVersion()}, migration V92). A version names one state of the
 * catalog and any change moves it, so an entry never goes stale: a checkout that reads its organization's row and
 * finds the version it read before needs no product, price or attached-field query. Nothing has to be told about a
 * change on another node, and with several nodes each keeps its own memo. A read that ran while the catalog changed
 * is never older than the version it is kept under: the version is read before the products, each statement seeing
 * what committed before it. The least recently used entries go beyond {@link #MAX_ENTRIES}.
 */
final class CatalogMemo {

    static final int MAX_ENTRIES = 2_048;

    private record Key(UUID organizationId, long catalogVersion, List<UUID> productIds) {
    }

    private final Map<Key, Map<UUID, Product>> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Map<UUID, Product>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The products of {@code ids} at {@code catalogVersion}, read by {@code read} the first time. */
    Map<UUID, Product> products(UUID organizationId, long catalogVersion, Collection<UUID> ids, Supplier<Map<UUID, Product>> read) {
        Key key = new Key(organizationId, catalogVersion, ids.stream().distinct().sorted().toList());
        synchronized (entries) {
            Map<UUID, Product> known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        Map<UUID, Product> found = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(read.get()));
        synchronized (entries) {
            entries.put(key, found);
        }
        return found;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
