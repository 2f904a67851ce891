package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /v1/customers}: create, retrieve, update, delete. Modelled fields are stored and echoed; other documented
 * create/update parameters are accepted and ignored; anything else is "Received unknown parameter".
 */
final class Customers {

    static final String KIND = "customer";

    private static final Set<String> MODELLED = Set.of("address", "balance", "description", "email", "expand",
            "invoice_prefix", "metadata", "name", "phone", "preferred_locales", "shipping", "tax_exempt");
    private static final Set<String> IGNORED = Set.of("business_name", "cash_balance", "coupon", "individual_name",
            "next_invoice_sequence", "promotion_code", "source", "tax", "test_clock", "validate", "default_source");
    private static final Set<String> INVOICE_SETTINGS = Set.of("custom_fields", "default_payment_method", "footer",
            "rendering_options");
    private static final Set<String> ADDRESS = Set.of("city", "country", "line1", "line2", "postal_code", "state");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Loose shapes for the tax id types whose format the emulator checks; other types take any value. */
    private static final Map<String, Pattern> TAX_ID_FORMATS = Map.of(
            "eu_vat", Pattern.compile("(AT|BE|BG|HR|CY|CZ|DK|EE|FI|FR|DE|EL|GR|HU|IE|IT|LV|LT|LU|MT|NL|PL|PT|RO|SK|SI|ES|SE|XI)[0-9A-Z+*]{2,13}"),
            "gb_vat", Pattern.compile("GB([0-9]{9}|[0-9]{12})"),
            "ch_vat", Pattern.compile("CHE-?[0-9]{3}\\.?[0-9]{3}\\.?[0-9]{3} ?(MWST|TVA|IVA)"));

    private final EmulatorStore store;
    private final PaymentMethods paymentMethods;

    Customers(EmulatorStore store, PaymentMethods paymentMethods) {
        this.store = store;
        this.paymentMethods = paymentMethods;
    }

    /**
     * {@code payment_method} attaches that payment method (a test {@code pm_card_…} makes a new one) to the new
     * customer; {@code invoice_settings[default_payment_method]} can only name it, since nothing else is attached
     * to a customer that does not exist yet.
     */
    Map<String, Object> create(Params params, StripeEmulator.Call call) {
        long now = call.now();
        Set<String> allowed = new java.util.HashSet<>(MODELLED);
        allowed.addAll(IGNORED);
        allowed.add("tax_id_data");
        allowed.add("payment_method");
        allowed.add("invoice_settings");
        params.allowOnly(allowed);
        String attach = params.text("payment_method");
        if (attach != null && TestCards.byPaymentMethod(attach).isEmpty()
                && paymentMethods.retrieve(attach).get("customer") != null) {
            throw StripeApiException.invalidRequest("The payment method you provided has already been attached to "
                    + "a customer.", "payment_method");
        }
        String defaultPm = defaultPaymentMethod(params);
        if (defaultPm != null && !defaultPm.equals(attach)) {
            throw noSuchPaymentMethodOf(defaultPm);
        }
        String id = Ids.next("cus_");
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id);
        customer.put("object", KIND);
        customer.put("address", null);
        customer.put("balance", 0L);
        customer.put("created", now);
        customer.put("currency", null);
        customer.put("default_source", null);
        customer.put("delinquent", false);
        customer.put("description", null);
        customer.put("discount", null);
        customer.put("email", null);
        customer.put("invoice_prefix", Ids.random(8).toUpperCase(Locale.ROOT));
        Map<String, Object> invoiceSettings = new LinkedHashMap<>();
        invoiceSettings.put("custom_fields", null);
        invoiceSettings.put("default_payment_method", null);
        invoiceSettings.put("footer", null);
        invoiceSettings.put("rendering_options", null);
        customer.put("invoice_settings", invoiceSettings);
        customer.put("livemode", false);
        customer.put("metadata", new LinkedHashMap<String, Object>());
        customer.put("name", null);
        customer.put("next_invoice_sequence", 1L);
        customer.put("phone", null);
        customer.put("preferred_locales", new ArrayList<>());
        customer.put("shipping", null);
        customer.put("tax_exempt", "none");
        customer.put("test_clock", null);
        apply(customer, params);
        List<Map<String, Object>> taxIds = new ArrayList<>();
        List<?> taxIdData = params.list("tax_id_data");
        if (taxIdData != null) {
            for (int i = 0; i < taxIdData.size(); i++) {
                Params data = params.element("tax_id_data", taxIdData, i).allowOnly(Set.of("type", "value"));
                taxIds.add(taxId(id, data, now));
            }
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", taxIds);
        list.put("has_more", false);
        list.put("total_count", (long) taxIds.size());
        list.put("url", "/v1/customers/" + id + "/tax_ids");
        customer.put("tax_ids", list);
        store.insert(KIND, id, customer);
        if (attach != null) {
            Map<String, Object> pm = paymentMethods.attachTo(attach, id, call);
            if (defaultPm != null) {
                customer = store.update(KIND, id, c -> {
                    castMap(c.get("invoice_settings")).put("default_payment_method", pm.get("id"));
                    return c;
                }).orElseThrow();
            }
        }
        return render(customer, params.expand());
    }

    Map<String, Object> retrieve(String id, List<String> expand) {
        Map<String, Object> customer = store.find(KIND, id)
                .orElseThrow(() -> StripeApiException.resourceMissing("customer", id, "id"));
        return render(customer, expand);
    }

    /** A customer that exists and is not deleted, for use by other resources ({@code param} names the reference). */
    Map<String, Object> retrieveLive(String id, String param) {
        return live(store, id, param);
    }

    static Map<String, Object> live(EmulatorStore store, String id, String param) {
        Map<String, Object> customer = store.find(KIND, id)
                .filter(c -> !Boolean.TRUE.equals(c.get("deleted")))
                .orElseThrow(() -> "id".equals(param) ? StripeApiException.resourceMissing("customer", id, param)
                        : StripeApiException.missingParameterObject("customer", id, param));
        return customer;
    }

    Map<String, Object> update(String id, Params params) {
        Set<String> allowed = new java.util.HashSet<>(MODELLED);
        allowed.addAll(IGNORED);
        allowed.add("invoice_settings");
        params.allowOnly(allowed);
        String defaultPm = defaultPaymentMethod(params);
        if (defaultPm != null) {
            Map<String, Object> pm = store.find(PaymentMethods.KIND, defaultPm).orElse(null);
            if (pm == null || !id.equals(pm.get("customer"))) {
                throw noSuchPaymentMethodOf(defaultPm);
            }
        }
        Map<String, Object> updated = store.update(KIND, id, customer -> {
            if (Boolean.TRUE.equals(customer.get("deleted"))) {
                throw StripeApiException.resourceMissing("customer", id, "id");
            }
            apply(customer, params);
            Params invoice = params.hash("invoice_settings");
            if (invoice != null && invoice.has("default_payment_method")) {
                castMap(customer.get("invoice_settings")).put("default_payment_method", defaultPm);
            }
            return customer;
        }).orElseThrow(() -> StripeApiException.resourceMissing("customer", id, "id"));
        return render(updated, params.expand());
    }

    Map<String, Object> delete(String id) {
        store.update(KIND, id, customer -> {
            if (Boolean.TRUE.equals(customer.get("deleted"))) {
                throw StripeApiException.resourceMissing("customer", id, "id");
            }
            return deletedStub(id);
        }).orElseThrow(() -> StripeApiException.resourceMissing("customer", id, "id"));
        return deletedStub(id);
    }

    /** {@code invoice_settings[default_payment_method]} ({@code ""} unsets it: null); the other settings are ignored. */
    private static String defaultPaymentMethod(Params params) {
        Params invoice = params.hash("invoice_settings");
        if (invoice == null) {
            return null;
        }
        invoice.allowOnly(INVOICE_SETTINGS);
        return invoice.text("default_payment_method");
    }

    private static StripeApiException noSuchPaymentMethodOf(String pm) {
        return StripeApiException.invalidRequest("The customer does not have a payment method with the ID " + pm
                + ". The payment method must be attached to the customer.", "invoice_settings[default_payment_method]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> deletedStub(String id) {
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put("id", id);
        stub.put("object", KIND);
        stub.put("deleted", true);
        return stub;
    }

    /** The stored tax id objects of a customer. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> taxIdObjects(Map<String, Object> customer) {
        Object list = customer.get("tax_ids");
        if (list instanceof Map<?, ?> map && map.get("data") instanceof List<?> data) {
            return (List<Map<String, Object>>) data;
        }
        return List.of();
    }

    /** The customer as answered: {@code tax_ids} only when expanded, as Stripe does. */
    private static Map<String, Object> render(Map<String, Object> customer, List<String> expand) {
        Map<String, Object> out = new LinkedHashMap<>(customer);
        if (!expand.contains("tax_ids")) {
            out.remove("tax_ids");
        }
        return out;
    }

    /** Applies create/update parameters: "" unsets a field, metadata merges (a "" value removes its key). */
    private static void apply(Map<String, Object> customer, Params params) {
        for (String field : List.of("description", "name", "phone", "invoice_prefix")) {
            if (params.has(field)) {
                customer.put(field, params.text(field));
            }
        }
        if (params.has("email")) {
            String email = params.text("email");
            if (email != null && !EMAIL.matcher(email).matches()) {
                throw StripeApiException.invalidRequest("email_invalid", "Invalid email address: " + email, "email");
            }
            customer.put("email", email);
        }
        if (params.has("balance")) {
            Long balance = params.integer("balance");
            customer.put("balance", balance == null ? 0L : balance);
        }
        if (params.has("tax_exempt")) {
            String taxExempt = params.oneOf("tax_exempt", Set.of("none", "exempt", "reverse"));
            customer.put("tax_exempt", taxExempt == null ? "none" : taxExempt);
        }
        if (params.has("preferred_locales")) {
            List<?> locales = params.list("preferred_locales");
            customer.put("preferred_locales", locales == null ? new ArrayList<>()
                    : new ArrayList<Object>(locales.stream().map(String::valueOf).toList()));
        }
        if (params.has("address")) {
            customer.put("address", address(customer.get("address"), params.hash("address")));
        }
        if (params.has("shipping")) {
            Params shipping = params.hash("shipping");
            if (shipping == null) {
                customer.put("shipping", null);
            } else {
                shipping.allowOnly(Set.of("address", "name", "phone"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("address", address(null, shipping.hash("address")));
                out.put("name", shipping.required("name"));
                out.put("phone", shipping.text("phone"));
                customer.put("shipping", out);
            }
        }
        if (params.has("metadata")) {
            Params metadata = params.hash("metadata");
            @SuppressWarnings("unchecked")
            Map<String, Object> current = (Map<String, Object>) customer.get("metadata");
            if (metadata == null) {
                current.clear();
            } else {
                for (String key : metadata.raw().keySet()) {
                    String value = metadata.string(key);
                    if (value == null || value.isEmpty()) {
                        current.remove(key);
                    } else {
                        current.put(key, value);
                    }
                }
            }
        }
    }

    /** Merges address fields into the current address; {@code address=} (no hash) removes it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> address(Object current, Params address) {
        if (address == null) {
            return null;
        }
        address.allowOnly(ADDRESS);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> previous = current instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        for (String key : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
            out.put(key, address.has(key) ? address.text(key) : previous.get(key));
        }
        return out;
    }

    private static Map<String, Object> taxId(String customerId, Params data, long now) {
        String type = data.required("type");
        String value = data.required("value");
        Pattern format = TAX_ID_FORMATS.get(type);
        String normalized = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (format != null && !format.matcher(type.equals("ch_vat") ? value.toUpperCase(Locale.ROOT) : normalized).matches()) {
            throw StripeApiException.invalidRequest("tax_id_invalid", "Invalid value for " + type + ".",
                    data.name("value"));
        }
        Map<String, Object> taxId = new LinkedHashMap<>();
        taxId.put("id", Ids.next("txi_"));
        taxId.put("object", "tax_id");
        taxId.put("country", taxIdCountry(type, value));
        taxId.put("created", now);
        taxId.put("customer", customerId);
        taxId.put("livemode", false);
        taxId.put("type", type);
        taxId.put("value", value);
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("status", "unavailable");
        verification.put("verified_address", null);
        verification.put("verified_name", null);
        taxId.put("verification", verification);
        return taxId;
    }

    private static String taxIdCountry(String type, String value) {
        if (type.equals("eu_vat") && value.length() >= 2) {
            String prefix = value.substring(0, 2).toUpperCase(Locale.ROOT);
            return switch (prefix) {
                case "EL" -> "GR";
                case "XI" -> "GB";
                default -> prefix;
            };
        }
        int underscore = type.indexOf('_');
        return underscore == 2 ? type.substring(0, 2).toUpperCase(Locale.ROOT) : null;
    }
}
