package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Listing and searching intents: {@code GET /v1/payment_intents} and {@code GET /v1/setup_intents} (Stripe list
 * objects, newest first, {@code customer}, {@code created[gt|gte|lt|lte]}, {@code limit}, {@code starting_after},
 * {@code ending_before}), and {@code GET /v1/payment_intents/search} with a subset of Stripe's Search Query
 * Language: clauses {@code metadata['key']:'value'}, {@code customer:'cus_…'}, {@code status:'…'} and
 * {@code currency:'…'}, joined by {@code AND}.
 */
final class IntentQueries {

    private static final Set<String> LIST_PARAMS = Set.of("customer", "created", "limit", "starting_after",
            "ending_before", "expand", "payment_method", "attach_to_self");
    private static final Pattern AND = Pattern.compile("\\s+AND\\s+");
    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(metadata\\[(['\"])(.+?)\\2]|customer|status|currency)\\s*:\\s*(['\"])(.*?)\\4\\s*");

    private IntentQueries() {
    }

    /** A list of {@code kind}'s objects, newest first, filtered by {@code customer} and {@code created}. */
    static Map<String, Object> list(EmulatorStore store, String kind, Params params, String url, String noun) {
        params.allowOnly(LIST_PARAMS);
        List<Map<String, Object>> items = newestFirst(store, kind);
        String customer = params.text("customer");
        if (customer != null) {
            items.removeIf(i -> !customer.equals(i.get("customer")));
        }
        items.removeIf(createdFilter(params).negate());
        return Events.page(items, params, url, noun);
    }

    /** {@code GET /v1/payment_intents/search}: Stripe's {@code search_result} object. */
    static Map<String, Object> search(EmulatorStore store, String kind, Params params, String url) {
        params.allowOnly(Set.of("query", "limit", "page", "expand"));
        String query = params.required("query");
        Predicate<Map<String, Object>> matches = parse(query);
        Long limit = params.integer("limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw StripeApiException.invalidRequest("Invalid limit: must be between 1 and 100", "limit");
        }
        int size = limit == null ? 10 : limit.intValue();
        List<Map<String, Object>> items = newestFirst(store, kind);
        items.removeIf(matches.negate());
        String page = params.text("page");
        int from = 0;
        if (page != null) {
            from = -1;
            for (int i = 0; i < items.size(); i++) {
                if (page.equals(items.get(i).get("id"))) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw StripeApiException.invalidRequest("Invalid page: " + page, "page");
            }
        }
        List<Map<String, Object>> data = new ArrayList<>(items.subList(from, Math.min(items.size(), from + size)));
        boolean hasMore = from + size < items.size();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("object", "search_result");
        result.put("data", data);
        result.put("has_more", hasMore);
        result.put("next_page", hasMore ? data.getLast().get("id") : null);
        result.put("url", url);
        return result;
    }

    private static List<Map<String, Object>> newestFirst(EmulatorStore store, String kind) {
        List<Map<String, Object>> items = new ArrayList<>(store.list(kind));
        Collections.reverse(items);
        return items;
    }

    /** {@code created=T} or {@code created[gt|gte|lt|lte]=T} as a filter on objects' {@code created}. */
    static Predicate<Map<String, Object>> createdFilter(Params params) {
        if (!params.has("created")) {
            return i -> true;
        }
        Params range = params.raw().get("created") instanceof Map<?, ?> ? params.hash("created") : null;
        if (range == null) {
            long exactly = params.integer("created");
            return i -> (Long) i.get("created") == exactly;
        }
        range.allowOnly(Set.of("gt", "gte", "lt", "lte"));
        Long gt = range.integer("gt");
        Long gte = range.integer("gte");
        Long lt = range.integer("lt");
        Long lte = range.integer("lte");
        return i -> {
            long created = (Long) i.get("created");
            return (gt == null || created > gt) && (gte == null || created >= gte) && (lt == null || created < lt)
                    && (lte == null || created <= lte);
        };
    }

    private static Predicate<Map<String, Object>> parse(String query) {
        Predicate<Map<String, Object>> all = i -> true;
        for (String clause : AND.split(query.trim())) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw StripeApiException.invalidRequest("Invalid search query: the emulator understands clauses "
                        + "metadata['key']:'value', customer:'cus_...', status:'...' and currency:'...' joined by "
                        + "AND, not \"" + clause.trim() + "\".", "query");
            }
            String value = m.group(5);
            Predicate<Map<String, Object>> one;
            if (m.group(3) != null) {
                String key = m.group(3);
                one = i -> i.get("metadata") instanceof Map<?, ?> metadata && value.equals(metadata.get(key));
            } else {
                String field = m.group(1).toLowerCase(Locale.ROOT);
                one = i -> value.equals(i.get(field));
            }
            all = all.and(one);
        }
        return all;
    }
}
