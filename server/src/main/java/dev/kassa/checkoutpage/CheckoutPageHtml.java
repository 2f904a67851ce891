package dev.kassa.checkoutpage;

import dev.kassa.address.Address;
import dev.kassa.address.Country;
import dev.kassa.money.Currencies;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Renders the checkout page, its confirmation and its error states from the buyer's view of the checkout (the
 * {@code CheckoutPublic} JSON the client API answers, so the page and its script read the same fields). The page
 * is complete HTML; {@code /_kassa/checkout.js} then keeps amounts, address fields and errors current as the
 * buyer types, and re-reads this HTML when the product changes.
 */
final class CheckoutPageHtml {

    /** How the page is served: test or live payments, the stream's presence, the iframe it is embedded in. */
    record Options(boolean testMode, String emulatorBase, boolean streamAvailable, @Nullable String embedOrigin,
            @Nullable String theme, String confirmationPath, String checkoutPath) {

        boolean embedded() {
            return embedOrigin != null;
        }
    }

    /** VAT is what the buyer calls the tax in these countries; elsewhere "Tax". */
    private static final Set<String> VAT_COUNTRIES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "NO",
            "CH");

    private static final Map<String, String> US_STATE_NAMES = Map.ofEntries(Map.entry("AL", "Alabama"), Map.entry("AK", "Alaska"),
            Map.entry("AZ", "Arizona"), Map.entry("AR", "Arkansas"), Map.entry("CA", "California"), Map.entry("CO", "Colorado"),
            Map.entry("CT", "Connecticut"), Map.entry("DE", "Delaware"), Map.entry("FL", "Florida"), Map.entry("GA", "Georgia"),
            Map.entry("HI", "Hawaii"), Map.entry("ID", "Idaho"), Map.entry("IL", "Illinois"), Map.entry("IN", "Indiana"),
            Map.entry("IA", "Iowa"), Map.entry("KS", "Kansas"), Map.entry("KY", "Kentucky"), Map.entry("LA", "Louisiana"),
            Map.entry("ME", "Maine"), Map.entry("MD", "Maryland"), Map.entry("MA", "Massachusetts"), Map.entry("MI", "Michigan"),
            Map.entry("MN", "Minnesota"), Map.entry("MS", "Mississippi"), Map.entry("MO", "Missouri"), Map.entry("MT", "Montana"),
            Map.entry("NE", "Nebraska"), Map.entry("NV", "Nevada"), Map.entry("NH", "New Hampshire"), Map.entry("NJ", "New Jersey"),
            Map.entry("NM", "New Mexico"), Map.entry("NY", "New York"), Map.entry("NC", "North Carolina"),
            Map.entry("ND", "North Dakota"), Map.entry("OH", "Ohio"), Map.entry("OK", "Oklahoma"), Map.entry("OR", "Oregon"),
            Map.entry("PA", "Pennsylvania"), Map.entry("RI", "Rhode Island"), Map.entry("SC", "South Carolina"),
            Map.entry("SD", "South Dakota"), Map.entry("TN", "Tennessee"), Map.entry("TX", "Texas"), Map.entry("UT", "Utah"),
            Map.entry("VT", "Vermont"), Map.entry("VA", "Virginia"), Map.entry("WA", "Washington"),
            Map.entry("WV", "West Virginia"), Map.entry("WI", "Wisconsin"), Map.entry("WY", "Wyoming"),
            Map.entry("DC", "District of Columbia"));

    private static final Map<String, String> CA_PROVINCE_NAMES = Map.ofEntries(Map.entry("AB", "Alberta"),
            Map.entry("BC", "British Columbia"), Map.entry("MB", "Manitoba"), Map.entry("NB", "New Brunswick"),
            Map.entry("NL", "Newfoundland and Labrador"), Map.entry("NS", "Nova Scotia"), Map.entry("NT", "Northwest Territories"),
            Map.entry("NU", "Nunavut"), Map.entry("ON", "Ontario"), Map.entry("PE", "Prince Edward Island"),
            Map.entry("QC", "Quebec"), Map.entry("SK", "Saskatchewan"), Map.entry("YT", "Yukon"));

    /** Stripe's test cards the test-mode picker offers, as the emulator knows them. */
    private static final List<String[]> TEST_CARDS = List.of(
            new String[] {"pm_card_visa", "Visa succeeds"},
            new String[] {"pm_card_chargeDeclined", "Declined"},
            new String[] {"pm_card_chargeDeclinedInsufficientFunds", "Insufficient funds"},
            new String[] {"pm_card_authenticationRequired", "3-D Secure required"},
            // Pays the checkout, then declines every renewal: for trying dunning with the test clock.
            new String[] {"pm_card_chargeCustomerFail", "Succeeds now, renewals declined"});

    private CheckoutPageHtml() {
    }

    // ---------------------------------------------------------------- pages

    static String checkout(JsonNode checkout, String checkoutJson, Options options) {
        String organization = text(checkout.path("organization"), "name");
        Html h = head("Checkout · " + organization, options);
        h.open("main", "id", "checkout", "class", "checkout",
                "data-client-secret", text(checkout, "client_secret"),
                "data-test-mode", Boolean.toString(options.testMode()),
                "data-emulator-base", options.testMode() ? options.emulatorBase() : null,
                "data-stream", Boolean.toString(options.streamAvailable()),
                "data-embed-origin", options.embedOrigin(),
                "data-confirmation-path", options.confirmationPath(),
                "data-checkout-path", options.checkoutPath(),
                "data-default-success", Boolean.toString(isDefaultSuccessUrl(checkout)),
                "data-locale", locale(checkout).toLanguageTag(),
                "data-minor-per-major", Long.toString(Currencies.minorUnitsPerMajor(text(checkout, "currency"))));
        closeButton(h, options);
        h.open("div", "class", "columns");
        summary(h, checkout);
        form(h, checkout, options);
        h.close("div");
        threeDSecure(h);
        h.open("script", "type", "application/json", "id", "checkout-data").raw(checkoutJson).close("script");
        h.close("main");
        stateTemplates(h);
        return foot(h);
    }

    static String confirmation(JsonNode checkout, Options options) {
        String organization = text(checkout.path("organization"), "name");
        String status = text(checkout, "status");
        boolean done = status.equals("succeeded");
        Html h = head((done ? "Thank you · " : "Processing · ") + organization, options);
        h.open("main", "id", "confirmation", "class", "checkout confirmation",
                "data-client-secret", text(checkout, "client_secret"),
                "data-status", status,
                "data-stream", Boolean.toString(options.streamAvailable()),
                "data-embed-origin", options.embedOrigin(),
                "data-confirmation-path", options.confirmationPath(),
                "data-checkout-path", options.checkoutPath(),
                "data-success-url", text(checkout, "success_url"),
                "data-default-success", Boolean.toString(isDefaultSuccessUrl(checkout)));
        closeButton(h, options);
        h.open("section", "class", "card", "aria-labelledby", "confirmation-title");
        organizationLine(h, organization);
        JsonNode product = checkout.path("product");
        if (done) {
            h.element("h1", "Thank you for your purchase", "id", "confirmation-title");
            h.open("p", "class", "lead").text("Your purchase of ").element("strong", text(product, "name"))
                    .text(" is complete.").close("p");
        } else {
            h.element("h1", "Processing your payment…", "id", "confirmation-title");
            h.element("p", "This page updates by itself when your payment is confirmed.", "class", "lead", "role", "status");
        }
        h.open("dl", "class", "totals");
        line(h, "Product", text(product, "name"), "confirmation-product");
        line(h, done ? "Amount paid" : "Amount", money(checkout, checkout.path("total_amount").asLong()), "confirmation-amount");
        String email = text(checkout, "customer_email");
        if (!email.isEmpty()) {
            line(h, "Receipt sent to", email, "confirmation-email");
        }
        h.close("dl");
        h.close("section");
        h.close("main");
        return foot(h);
    }

    /** A page that replaces the checkout: unknown, expired, or refused for the iframe it was asked for. */
    static String message(String title, String body, @Nullable Options options) {
        Html h = head(title, options);
        h.open("main", "class", "checkout message", "id", "message");
        h.open("section", "class", "card", "aria-labelledby", "message-title");
        h.element("h1", title, "id", "message-title");
        h.element("p", body, "class", "lead");
        h.close("section");
        h.close("main");
        return foot(h);
    }

    // ---------------------------------------------------------------- frame

    private static Html head(String title, @Nullable Options options) {
        Html h = new Html();
        boolean dark = options != null && "dark".equals(options.theme());
        h.raw("<!doctype html>").open("html", "lang", "en", "class", dark ? "theme-dark" : null).open("head")
                .raw("<meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<meta name=\"robots\" content=\"noindex\">")
                .element("title", title)
                .raw("<link rel=\"icon\" href=\"/_kassa/icon.svg\" type=\"image/svg+xml\">")
                .raw("<link rel=\"stylesheet\" href=\"/_kassa/checkout.css\">")
                .raw("<script src=\"/_kassa/checkout.js\" defer></script>")
                .close("head")
                .open("body", "class", options != null && options.embedded() ? "embedded" : null);
        return h;
    }

    private static String foot(Html h) {
        return h.close("body").close("html").toString();
    }

    private static void closeButton(Html h, Options options) {
        if (options.embedded()) {
            h.element("button", "Close", "type", "button", "id", "close", "class", "close");
        }
    }

    private static void organizationLine(Html h, String organization) {
        String initial = organization.isEmpty() ? "?" : organization.substring(0, 1).toUpperCase(Locale.ROOT);
        h.open("p", "class", "org").element("span", initial, "class", "org-badge", "aria-hidden", "true")
                .element("span", organization, "id", "org-name").close("p");
    }

    // ---------------------------------------------------------------- summary

    private static void summary(Html h, JsonNode checkout) {
        h.open("section", "class", "summary card", "aria-labelledby", "product-name");
        organizationLine(h, text(checkout.path("organization"), "name"));
        JsonNode products = checkout.path("products");
        JsonNode selected = checkout.path("product");
        String selectedId = text(selected, "id");
        if (products.size() > 1) {
            h.open("fieldset", "id", "product-choice", "class", "choice").element("legend", "Product");
            for (JsonNode product : products) {
                String id = text(product, "id");
                JsonNode prices = checkout.path("prices").path(id);
                JsonNode first = prices.size() > 0 ? prices.get(0) : null;
                h.open("label", "class", "option")
                        .open("input", "type", "radio", "name", "product", "value", id,
                                "checked", id.equals(selectedId) ? "" : null)
                        .open("span", "class", "option-text").element("span", text(product, "name"), "class", "option-name")
                        .element("span", first == null ? "" : priceLabel(checkout, product, first), "class", "option-price")
                        .close("span").close("label");
            }
            h.close("fieldset");
        }
        h.element("h1", text(selected, "name"), "id", "product-name");
        String description = text(selected, "description");
        if (!description.isEmpty()) {
            h.element("p", description, "class", "description", "id", "product-description");
        }
        JsonNode prices = checkout.path("prices").path(selectedId);
        String selectedPriceId = text(checkout.path("product_price"), "id");
        if (prices.size() > 1) {
            h.open("fieldset", "id", "price-choice", "class", "choice").element("legend", "Price");
            for (JsonNode price : prices) {
                String id = text(price, "id");
                h.open("label", "class", "option")
                        .open("input", "type", "radio", "name", "price", "value", id, "checked", id.equals(selectedPriceId) ? "" : null)
                        .element("span", priceLabel(checkout, selected, price), "class", "option-text").close("label");
            }
            h.close("fieldset");
        } else {
            h.element("p", priceLabel(checkout, selected, checkout.path("product_price")), "class", "price", "id", "product-price");
        }
        JsonNode price = checkout.path("product_price");
        if (text(price, "amount_type").equals("custom")) {
            customAmount(h, checkout, price);
        }
        totals(h, checkout);
        h.close("section");
    }

    private static void customAmount(Html h, JsonNode checkout, JsonNode price) {
        String currency = text(checkout, "currency");
        long perMajor = Currencies.minorUnitsPerMajor(currency);
        long minimum = price.path("minimum_amount").asLong(0);
        JsonNode maximumNode = price.path("maximum_amount");
        long maximum = maximumNode.isNumber() ? maximumNode.asLong() : Currencies.maximumAmount(currency);
        String hint = "Minimum " + money(checkout, minimum) + (maximumNode.isNumber() ? ", maximum " + money(checkout, maximum) : "");
        h.open("div", "class", "field", "id", "amount-field")
                .raw(label("f-amount", "Amount (" + currency.toUpperCase(Locale.ROOT) + ")", true))
                .open("input", "id", "f-amount", "name", "amount", "type", "number", "inputmode", "decimal",
                        "required", "",
                        "min", major(minimum, perMajor), "max", major(maximum, perMajor),
                        "step", perMajor == 1 ? "1" : "0.01",
                        "value", major(checkout.path("amount").asLong(), perMajor),
                        "data-minimum", Long.toString(minimum), "data-maximum", Long.toString(maximum),
                        "aria-describedby", "f-amount-hint f-amount-error")
                .element("p", hint, "class", "hint", "id", "f-amount-hint")
                .element("p", "", "class", "error", "id", "f-amount-error")
                .close("div");
    }

    private static void totals(Html h, JsonNode checkout) {
        h.open("dl", "class", "totals", "id", "totals", "aria-live", "polite");
        line(h, "Subtotal", money(checkout, checkout.path("amount").asLong()), "total-subtotal");
        boolean discounted = checkout.path("discount_amount").asLong() > 0;
        h.open("div", "class", "line", "id", "discount-line", "hidden", discounted ? null : "")
                .element("dt", "Discount")
                .element("dd", "−" + money(checkout, checkout.path("discount_amount").asLong()), "id", "total-discount")
                .close("div");
        JsonNode tax = checkout.path("tax_amount");
        h.open("div", "class", "line")
                .element("dt", taxLabel(checkout), "id", "tax-label")
                .element("dd", tax.isNumber() ? money(checkout, tax.asLong()) : "Calculated from your address", "id", "total-tax")
                .close("div");
        h.open("div", "class", "line total")
                .element("dt", "Total")
                .element("dd", money(checkout, checkout.path("total_amount").asLong()) + recurrence(checkout.path("product")),
                        "id", "total-total")
                .close("div");
        h.close("dl");
    }

    private static void line(Html h, String term, String value, String id) {
        h.open("div", "class", "line").element("dt", term).element("dd", value, "id", id).close("div");
    }

    // ---------------------------------------------------------------- form

    private static void form(Html h, JsonNode checkout, Options options) {
        h.open("form", "id", "checkout-form", "class", "form card", "novalidate", "", "aria-label", "Your details");
        h.element("h2", "Your details");
        field(h, "customer_email", "Email", "email", text(checkout, "customer_email"), true, "email", null);
        field(h, "customer_name", "Name", "text", text(checkout, "customer_name"), false, "name", null);

        boolean business = checkout.path("is_business_customer").asBoolean(false);
        boolean billing = needsBillingDetails(checkout);
        h.open("div", "class", "field check", "id", "business-choice", "hidden", billing ? null : "")
                .open("input", "type", "checkbox", "id", "f-is_business_customer", "name", "is_business_customer",
                        "checked", business ? "" : null)
                .raw(label("f-is_business_customer", "I'm purchasing as a business", false))
                .close("div");
        h.open("div", "id", "business-fields", "hidden", business ? null : "");
        field(h, "customer_billing_name", "Business name", "text", text(checkout, "customer_billing_name"), business,
                "organization", null);
        field(h, "customer_tax_id", "Tax ID", "text", text(checkout, "customer_tax_id"), false, "off",
                "VAT number, EIN, ABN, ...");
        h.close("div");

        address(h, checkout);
        customFields(h, checkout);
        discount(h, checkout);
        payment(h, checkout, options);

        h.element("p", "", "id", "form-error", "class", "form-error", "role", "alert");
        h.element("button", payLabel(checkout), "type", "submit", "id", "pay", "class", "pay");
        h.element("p", options.testMode() ? "Test mode: no real payment is made." : "Payments are processed securely by Stripe.",
                "class", "fineprint");
        h.close("form");
    }

    /** A labeled input whose id is {@code f-} plus its request path, so a 422's {@code loc} names it. */
    private static void field(Html h, String path, String label, String type, String value, boolean required,
            String autocomplete, @Nullable String placeholder) {
        String id = "f-" + path;
        h.open("div", "class", "field", "id", id + "-field")
                .raw(label(id, label, required))
                .open("input", "id", id, "name", path, "type", type, "value", value.isEmpty() ? null : value,
                        "required", required ? "" : null, "autocomplete", autocomplete, "placeholder", placeholder,
                        "aria-describedby", id + "-error")
                .element("p", "", "class", "error", "id", id + "-error")
                .close("div");
    }

    private static void address(Html h, JsonNode checkout) {
        JsonNode address = checkout.path("customer_billing_address");
        JsonNode modes = checkout.path("billing_address_fields");
        String country = text(address, "country");
        h.open("fieldset", "id", "billing-address", "class", "group", "hidden", needsBillingDetails(checkout) ? null : "")
                .element("legend", "Billing address");
        String countryId = "f-customer_billing_address-country";
        h.open("div", "class", "field")
                .raw(label(countryId, "Country", true))
                .open("select", "id", countryId, "name", "country", "required", "", "autocomplete", "country",
                        "aria-describedby", countryId + "-error")
                .element("option", "Select a country", "value", "", "disabled", "", "selected", country.isEmpty() ? "" : null);
        List<String[]> countries = new ArrayList<>();
        for (String code : Country.SUPPORTED_FOR_INPUT) {
            countries.add(new String[] {code, Locale.of("", code).getDisplayCountry(Locale.ENGLISH)});
        }
        countries.sort(Comparator.comparing(c -> c[1]));
        for (String[] c : countries) {
            h.element("option", c[1], "value", c[0], "selected", c[0].equals(country) ? "" : null);
        }
        h.close("select").element("p", "", "class", "error", "id", countryId + "-error").close("div");

        addressField(h, "line1", "Address", text(address, "line1"), text(modes, "line1"), "address-line1");
        addressField(h, "line2", "Address line 2", text(address, "line2"), text(modes, "line2"), "address-line2");
        h.open("div", "class", "row");
        addressField(h, "postal_code", "Postal code", text(address, "postal_code"), text(modes, "postal_code"), "postal-code");
        addressField(h, "city", "City", text(address, "city"), text(modes, "city"), "address-level2");
        h.close("div");
        // The state is a select for the US and Canada (from a template per country) and free text elsewhere.
        String stateMode = text(modes, "state");
        String stateId = "f-customer_billing_address-state";
        String state = text(address, "state");
        boolean stateRequired = stateMode.equals("required");
        h.open("div", "class", "field", "id", stateId + "-field", "data-mode", stateMode.isEmpty() ? "disabled" : stateMode,
                "hidden", stateMode.isEmpty() || stateMode.equals("disabled") ? "" : null);
        h.raw(label(stateId, country.equals("CA") ? "Province" : "State", stateRequired));
        if (country.equals("US") || country.equals("CA")) {
            stateSelect(h, country, state, stateRequired);
        } else {
            h.open("input", "id", stateId, "name", "state", "type", "text", "value", state.isEmpty() ? null : state,
                    "autocomplete", "address-level1", "aria-describedby", stateId + "-error");
        }
        h.element("p", "", "class", "error", "id", stateId + "-error").close("div");
        h.close("fieldset");
    }

    private static void addressField(Html h, String part, String label, String value, String mode, String autocomplete) {
        String id = "f-customer_billing_address-" + part;
        boolean required = mode.equals("required");
        h.open("div", "class", "field", "id", id + "-field", "data-mode", mode.isEmpty() ? "disabled" : mode,
                        "hidden", mode.isEmpty() || mode.equals("disabled") ? "" : null)
                .raw(label(id, label, required))
                .open("input", "id", id, "name", part, "type", "text", "value", value.isEmpty() ? null : value,
                        "required", required ? "" : null, "autocomplete", autocomplete, "aria-describedby", id + "-error")
                .element("p", "", "class", "error", "id", id + "-error")
                .close("div");
    }

    private static void stateSelect(Html h, String country, String selected, boolean required) {
        String id = "f-customer_billing_address-state";
        Map<String, String> names = country.equals("CA") ? CA_PROVINCE_NAMES : US_STATE_NAMES;
        Set<String> codes = country.equals("CA") ? Address.CA_SUBDIVISIONS : Address.US_STATES;
        h.open("select", "id", id, "name", "state", "required", required ? "" : null, "autocomplete", "address-level1",
                "aria-describedby", id + "-error");
        h.element("option", country.equals("CA") ? "Select a province" : "Select a state", "value", "", "disabled", "",
                "selected", selected.isEmpty() ? "" : null);
        codes.stream().sorted(Comparator.comparing(code -> names.get(code.substring(3)))).forEach(code ->
                h.element("option", names.get(code.substring(3)), "value", code, "selected", code.equals(selected) ? "" : null));
        h.close("select");
    }

    /** The state selects for the US and Canada, cloned by the script when the country changes. */
    private static void stateTemplates(Html h) {
        for (String country : List.of("US", "CA")) {
            h.open("template", "id", "states-" + country);
            stateSelect(h, country, "", true);
            h.close("template");
        }
    }

    private static void customFields(Html h, JsonNode checkout) {
        JsonNode attached = checkout.path("attached_custom_fields");
        h.open("div", "id", "custom-fields");
        if (attached.size() > 0) {
            h.open("fieldset", "class", "group").element("legend", "Additional information");
            JsonNode data = checkout.path("custom_field_data");
            for (JsonNode attachment : attached) {
                customField(h, attachment.path("custom_field"), attachment.path("required").asBoolean(false), data);
            }
            h.close("fieldset");
        }
        h.close("div");
    }

    private static void customField(Html h, JsonNode field, boolean required, JsonNode data) {
        String slug = text(field, "slug");
        String type = text(field, "type");
        JsonNode properties = field.path("properties");
        String id = "f-custom_field_data-" + slug;
        String label = text(properties, "form_label").isEmpty() ? text(field, "name") : text(properties, "form_label");
        String help = text(properties, "form_help_text");
        String placeholder = text(properties, "form_placeholder");
        JsonNode value = data.path(slug);
        String described = (help.isEmpty() ? "" : id + "-help ") + id + "-error";
        String[] common = {"id", id, "name", slug, "data-custom-field", type, "required", required ? "" : null,
                "aria-describedby", described};
        h.open("div", "class", type.equals("checkbox") ? "field check" : "field", "id", id + "-field");
        switch (type) {
            case "checkbox" -> {
                h.open("input", concat(common, "type", "checkbox", "checked", value.asBoolean(false) ? "" : null));
                h.raw(label(id, label, required));
            }
            case "select" -> {
                h.raw(label(id, label, required));
                h.open("select", common);
                h.element("option", placeholder.isEmpty() ? "Choose…" : placeholder, "value", "",
                        "selected", value.isMissingNode() || value.isNull() ? "" : null);
                for (JsonNode option : properties.path("options")) {
                    String optionValue = text(option, "value");
                    h.element("option", text(option, "label"), "value", optionValue,
                            "selected", optionValue.equals(value.asString("")) ? "" : null);
                }
                h.close("select");
            }
            case "number" -> {
                h.raw(label(id, label, required));
                h.open("input", concat(common, "type", "number", "step", "1", "inputmode", "numeric",
                        "min", properties.path("ge").isNumber() ? properties.path("ge").asString() : null,
                        "max", properties.path("le").isNumber() ? properties.path("le").asString() : null,
                        "placeholder", placeholder.isEmpty() ? null : placeholder,
                        "value", value.isNumber() ? value.asString() : null));
            }
            case "date" -> {
                h.raw(label(id, label, required));
                h.open("input", concat(common, "type", "date",
                        "min", properties.path("ge").isNumber() ? day(properties.path("ge").asLong()) : null,
                        "max", properties.path("le").isNumber() ? day(properties.path("le").asLong()) : null,
                        "value", value.isString() && value.asString().length() >= 10 ? value.asString().substring(0, 10) : null));
            }
            default -> {
                h.raw(label(id, label, required));
                String[] limits = {"minlength", properties.path("min_length").isNumber() ? properties.path("min_length").asString() : null,
                        "maxlength", properties.path("max_length").isNumber() ? properties.path("max_length").asString() : null,
                        "placeholder", placeholder.isEmpty() ? null : placeholder};
                if (properties.path("textarea").asBoolean(false)) {
                    h.open("textarea", concat(common, limits)).text(value.isString() ? value.asString() : "").close("textarea");
                } else {
                    h.open("input", concat(concat(common, limits), "type", "text", "value", value.isString() ? value.asString() : null));
                }
            }
        }
        if (!help.isEmpty()) {
            h.element("p", help, "class", "hint", "id", id + "-help");
        }
        h.element("p", "", "class", "error", "id", id + "-error");
        h.close("div");
    }

    private static void discount(Html h, JsonNode checkout) {
        if (!checkout.path("allow_discount_codes").asBoolean(false) || !checkout.path("is_discount_applicable").asBoolean(false)) {
            return;
        }
        JsonNode discount = checkout.path("discount");
        boolean applied = discount.isObject();
        h.open("div", "class", "field", "id", "discount-field");
        h.open("div", "id", "discount-entry", "hidden", applied ? "" : null)
                .raw(label("f-discount_code", "Discount code", false))
                .open("div", "class", "inline")
                .open("input", "id", "f-discount_code", "name", "discount_code", "type", "text", "autocomplete", "off",
                        "aria-describedby", "f-discount_code-error")
                .element("button", "Apply", "type", "button", "id", "discount-apply", "class", "secondary")
                .close("div").close("div");
        h.open("p", "id", "discount-applied", "class", "applied", "hidden", applied ? null : "")
                .element("span", applied ? discountText(discount) : "", "id", "discount-applied-text")
                .text(" ")
                .element("button", "Remove discount", "type", "button", "id", "discount-remove", "class", "link")
                .close("p");
        h.element("p", "", "class", "error", "id", "f-discount_code-error");
        h.close("div");
    }

    private static void payment(Html h, JsonNode checkout, Options options) {
        boolean required = checkout.path("is_payment_form_required").asBoolean(false);
        h.open("div", "id", "payment", "hidden", required ? null : "");
        if (options.testMode()) {
            h.open("fieldset", "class", "group", "id", "test-cards", "role", "radiogroup", "aria-labelledby", "test-cards-legend",
                            "aria-describedby", "test-cards-hint")
                    .element("legend", "Test card", "id", "test-cards-legend")
                    .element("p", "Stripe test mode: pick how the payment goes.", "class", "hint", "id", "test-cards-hint");
            boolean first = true;
            for (String[] card : TEST_CARDS) {
                h.open("label", "class", "option")
                        .open("input", "type", "radio", "name", "test_card", "value", card[0], "checked", first ? "" : null)
                        .element("span", card[1], "class", "option-text").close("label");
                first = false;
            }
            h.close("fieldset");
        } else {
            h.open("fieldset", "class", "group").element("legend", "Payment")
                    .element("div", "", "id", "payment-element", "class", "payment-element")
                    .close("fieldset");
        }
        h.element("p", "", "class", "error", "id", "f-confirmation_token_id-error");
        h.close("div");
    }

    private static void threeDSecure(Html h) {
        h.open("section", "id", "three-ds", "class", "card three-ds", "hidden", "", "role", "dialog", "aria-modal", "false",
                "aria-labelledby", "three-ds-title");
        h.element("h2", "Test 3-D Secure", "id", "three-ds-title");
        h.element("p", "Your bank asks you to confirm this payment. In test mode, choose the outcome.");
        h.open("div", "class", "inline")
                .element("button", "Approve", "type", "button", "id", "three-ds-approve", "class", "pay")
                .element("button", "Fail authentication", "type", "button", "id", "three-ds-fail", "class", "secondary")
                .close("div");
        h.close("section");
    }

    /** A label whose accessible name is its text alone: the required mark sits beside it, hidden from assistive technology (the input says {@code required}). */
    private static String label(String forId, String text, boolean required) {
        return "<div class=\"label-row\"><label for=\"" + Html.escape(forId) + "\">" + Html.escape(text) + "</label>"
                + "<span class=\"req\" aria-hidden=\"true\"" + (required ? "" : " hidden") + ">*</span></div>";
    }

    // ---------------------------------------------------------------- wording

    /** The pay button's name says what happens: "Get it free", "Start trial", "Subscribe" or "Pay $19.99". */
    static String payLabel(JsonNode checkout) {
        if (!checkout.path("is_payment_form_required").asBoolean(false)) {
            return "Get it free";
        }
        if (checkout.path("product").path("is_recurring").asBoolean(false)) {
            return checkout.path("trial_end").isNull() || checkout.path("trial_end").isMissingNode() ? "Subscribe" : "Start trial";
        }
        return "Pay " + money(checkout, checkout.path("total_amount").asLong());
    }

    private static String taxLabel(JsonNode checkout) {
        String country = text(checkout.path("customer_billing_address"), "country");
        return VAT_COUNTRIES.contains(country) ? "VAT" : "Tax";
    }

    private static String priceLabel(JsonNode checkout, JsonNode product, JsonNode price) {
        String currency = text(price, "price_currency").isEmpty() ? text(checkout, "currency") : text(price, "price_currency");
        String label = switch (text(price, "amount_type")) {
            case "custom" -> "Pay what you want";
            case "free" -> "Free";
            default -> price.path("price_amount").asLong() == 0 ? "Free"
                    : money(locale(checkout), currency, price.path("price_amount").asLong());
        };
        return label + recurrence(product);
    }

    private static String recurrence(JsonNode product) {
        if (!product.path("is_recurring").asBoolean(false)) {
            return "";
        }
        String interval = text(product, "recurring_interval");
        long count = product.path("recurring_interval_count").asLong(1);
        return count <= 1 ? " / " + interval : " / " + count + " " + interval + "s";
    }

    private static String discountText(JsonNode discount) {
        String code = text(discount, "code");
        String name = text(discount, "name");
        return (code.isEmpty() ? name : code) + " applied";
    }

    /**
     * Whether the buyer is asked for billing details: only when something is paid or saved (Kassa then needs the
     * address for tax), the merchant requires the address, or the buyer is a business. A free checkout asks for none.
     */
    private static boolean needsBillingDetails(JsonNode checkout) {
        return checkout.path("is_payment_form_required").asBoolean(false) || checkout.path("require_billing_address").asBoolean(false)
                || checkout.path("is_business_customer").asBoolean(false);
    }

    private static boolean isDefaultSuccessUrl(JsonNode checkout) {
        return text(checkout, "success_url").equals(text(checkout, "url") + "/confirmation");
    }

    // ---------------------------------------------------------------- formatting

    static Locale locale(JsonNode checkout) {
        String tag = text(checkout, "locale");
        Locale locale = tag.isEmpty() ? Locale.US : Locale.forLanguageTag(tag);
        return locale.getLanguage().isEmpty() ? Locale.US : locale;
    }

    static String money(JsonNode checkout, long minor) {
        return money(locale(checkout), text(checkout, "currency"), minor);
    }

    /** The amount in the currency's major unit, formatted for the locale (the script formats it the same way). */
    static String money(Locale locale, String currency, long minor) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency javaCurrency = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        format.setCurrency(javaCurrency);
        int digits = Math.max(0, javaCurrency.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        long perMajor = Currencies.minorUnitsPerMajor(currency);
        return format.format(java.math.BigDecimal.valueOf(minor).divide(java.math.BigDecimal.valueOf(perMajor)));
    }

    private static String major(long minor, long perMajor) {
        return perMajor == 1 ? Long.toString(minor) : java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }

    private static String day(long unixSeconds) {
        return Instant.ofEpochSecond(unixSeconds).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "" : value.asString("");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
