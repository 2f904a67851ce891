package dev.kassa.checkoutpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The buyer's page in a real headless Chromium against the real server and database, paying through the Stripe
 * emulator with the page's test cards: the purchases, the embed and its messages ({@link CheckoutPageBrowserSupport}
 * fails each on any console problem).
 */
class CheckoutPageBrowserTest extends CheckoutPageBrowserSupport {

    @Test
    void oneTimePurchaseWithDiscountCode() throws Exception {
        String product = product(Map.of("name", "E-book", "description", "A practical guide to exact money math.",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1999))));
        as(tenant).body(Map.of("name", "Launch", "code", "LAUNCH10", "type", "percentage", "basis_points", 1000, "duration", "once"))
                .post("/v1/discounts/").then().statusCode(201);
        Map<String, Object> checkout = checkout(Map.of("products", List.of(product)));
        page.navigate(pageUrl(checkout));

        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("E-book"))).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#org-name")).hasText(organizationName());
        Locator pay = payButton("Pay $19.99");
        PlaywrightAssertions.assertThat(pay).isVisible();

        label("Email").fill("ada@example.com");
        label("Name").fill("Ada Lovelace");
        label("Country").selectOption(new SelectOption().setLabel("Germany"));
        PlaywrightAssertions.assertThat(page.locator("#tax-label")).hasText("VAT");
        PlaywrightAssertions.assertThat(page.locator("#total-tax")).hasText("$3.19");

        label("Discount code").fill("launch10");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        PlaywrightAssertions.assertThat(page.locator("#total-discount")).hasText("−$2.00");
        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$17.99");
        PlaywrightAssertions.assertThat(payButton("Pay $17.99")).isVisible();

        screenshots("checkout");
        testCard("Visa succeeds").check();
        payButton("Pay $17.99").click();

        assertConfirmation("E-book", "$17.99", "ada@example.com");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay $17.99"))).hasCount(0);
        page.setViewportSize(360, 800);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("confirmation-360.png")));
        page.setViewportSize(1280, 900);
        // The confirmation is a page of its own: the buyer holding the link reads it again later.
        Page later = context.newPage();
        watch(later);
        later.navigate(checkout.get("success_url").toString().replace("http://localhost:8000", "http://localhost:" + port));
        PlaywrightAssertions.assertThat(later.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thank you for your purchase"))).isVisible();
        PlaywrightAssertions.assertThat(later.locator("#confirmation-email")).hasText("ada@example.com");
        assertThat(orders()).hasSize(1);
        assertThat(orderAmount()).isEqualTo(1799);
        assertCleanConsole();
    }

    @Test
    void countryChangeChangesTheTax() {
        String product = product(Map.of("name", "Course", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Country").selectOption(new SelectOption().setLabel("France"));
        PlaywrightAssertions.assertThat(page.locator("#total-tax")).hasText("$1.67");
        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$10.00");
        PlaywrightAssertions.assertThat(label("Address")).isHidden();

        label("Country").selectOption(new SelectOption().setLabel("United States"));
        PlaywrightAssertions.assertThat(page.locator("#tax-label")).hasText("Tax");
        PlaywrightAssertions.assertThat(label("Address")).isVisible();
        PlaywrightAssertions.assertThat(label("State")).isVisible();
        label("Address").fill("1 Market St");
        label("City").fill("San Francisco");
        label("Postal code").fill("94105");
        label("State").selectOption(new SelectOption().setLabel("California"));
        PlaywrightAssertions.assertThat(page.locator("#total-tax")).hasText("$0.73");
        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$10.73");
        PlaywrightAssertions.assertThat(payButton("Pay $10.73")).isVisible();
        assertCleanConsole();
    }

    @Test
    void subscription() throws Exception {
        String product = product(Map.of("name", "Pro plan", "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1299))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$12.99 / month");
        label("Email").fill("grace@example.com");
        label("Country").selectOption(new SelectOption().setLabel("United States"));
        label("Address").fill("1 Main St");
        label("City").fill("Austin");
        label("Postal code").fill("73301");
        label("State").selectOption(new SelectOption().setLabel("Texas"));
        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$13.80 / month");
        payButton("Subscribe").click();

        assertConfirmation("Pro plan", "$13.80", "grace@example.com");
        assertThat(as(tenant).get("/v1/subscriptions/").then().statusCode(200).extract().jsonPath().getList("items")).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void aSubscriberIsToldTheyAlreadyHaveASubscription() throws Exception {
        Map<String, Object> recurring = Map.of("amount_type", "fixed", "price_amount", 1299);
        String basic = product(Map.of("name", "Basic plan", "recurring_interval", "month", "prices", List.of(recurring)));
        String pro = product(Map.of("name", "Pro plan", "recurring_interval", "month", "prices", List.of(recurring)));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(basic)))));
        label("Email").fill("grace@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        payButton("Subscribe").click();
        assertConfirmation("Basic plan", "$12.99", "grace@example.com");

        String secondPage = pageUrl(checkout(Map.of("products", List.of(pro))));
        page.navigate(secondPage);
        label("Email").fill("Grace@Example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        payButton("Subscribe").click();

        PlaywrightAssertions.assertThat(page.locator("#form-error")).hasText("You already have an active subscription.");
        assertThat(page.url()).isEqualTo(secondPage);
        assertThat(as(tenant).get("/v1/subscriptions/").then().statusCode(200).extract().jsonPath().getList("items")).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void freeProduct() throws Exception {
        String product = product(Map.of("name", "Sample chapter", "prices", List.of(Map.of("amount_type", "free"))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions().setName("Test card"))).isHidden();
        label("Email").fill("free@example.com");
        payButton("Get it free").click();

        assertConfirmation("Sample chapter", "$0.00", "free@example.com");
        assertThat(orders()).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void customSuccessUrlGetsTheCheckoutId() throws Exception {
        HttpServer merchant = merchantServer("<!doctype html><html><head><link rel=\"icon\" href=\"data:,\"><title>Thanks</title></head>"
                + "<body><h1>Merchant thanks you</h1></body></html>");
        try {
            String product = product(Map.of("name", "Wallpaper", "prices", List.of(Map.of("amount_type", "free"))));
            String successUrl = "http://127.0.0.1:" + merchant.getAddress().getPort() + "/thanks?checkout={CHECKOUT_ID}";
            Map<String, Object> checkout = checkout(Map.of("products", List.of(product), "success_url", successUrl));
            page.navigate(pageUrl(checkout));
            label("Email").fill("redirect@example.com");
            payButton("Get it free").click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Merchant thanks you")))
                    .isVisible();
            assertThat(page.url()).isEqualTo(successUrl.replace("{CHECKOUT_ID}", (String) checkout.get("id")));
        } finally {
            merchant.stop(0);
        }
        assertCleanConsole();
    }

    @Test
    void switchingProductShowsTheOtherProduct() {
        String basic = product(Map.of("name", "Basic", "description", "The essentials.",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))));
        String deluxe = product(Map.of("name", "Deluxe", "description", "Everything, in a box.",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 2900))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(basic, deluxe)))));

        PlaywrightAssertions.assertThat(payButton("Pay $9.00")).isVisible();
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Product"))
                .getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(Pattern.compile("^Deluxe"))).check();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Deluxe"))).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#product-description")).hasText("Everything, in a box.");
        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$29.00");
        PlaywrightAssertions.assertThat(payButton("Pay $29.00")).isVisible();
        assertThat(anonymous().get("/v1/checkouts/client/" + checkoutSecret).then().extract().<String>path("product_id")).isEqualTo(deluxe);
        assertCleanConsole();
    }

    @Test
    void declinedCardThenAGoodOne() throws Exception {
        String product = product(Map.of("name", "Poster", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 2500))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("decline@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        testCard("Declined").check();
        payButton("Pay $25.00").click();
        PlaywrightAssertions.assertThat(page.locator("#form-error")).containsText("Your card was declined.");
        PlaywrightAssertions.assertThat(label("Email")).hasValue("decline@example.com");
        assertThat(orders()).isEmpty();

        testCard("Visa succeeds").check();
        payButton("Pay $25.00").click();
        assertConfirmation("Poster", "$25.00", "decline@example.com");
        assertThat(orders()).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void threeDSecureApproved() throws Exception {
        String product = product(Map.of("name", "Camera", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 4900))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("tds@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        testCard("3-D Secure required").check();
        payButton("Pay $49.00").click();
        Locator approve = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"));
        PlaywrightAssertions.assertThat(approve).isVisible();
        approve.click();

        assertConfirmation("Camera", "$49.00", "tds@example.com");
        assertThat(orders()).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void threeDSecureFailedReopensTheCheckout() {
        String product = product(Map.of("name", "Lens", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 3000))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("tdsfail@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        testCard("3-D Secure required").check();
        payButton("Pay $30.00").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Fail authentication")).click();
        PlaywrightAssertions.assertThat(page.locator("#form-error")).containsText("did not go through",
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        PlaywrightAssertions.assertThat(payButton("Pay $30.00")).isEnabled();
        assertThat(orders()).isEmpty();
        assertCleanConsole();
    }

    @Test
    void requiredCustomFieldLeftEmpty() throws Exception {
        String field = as(tenant).body(Map.of("type", "text", "slug", "company-size", "name", "Company size",
                        "properties", Map.of("form_label", "Team size", "max_length", 20)))
                .post("/v1/custom-fields/").then().statusCode(201).extract().path("id");
        String product = product(Map.of("name", "Workshop", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1500)),
                "attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", true))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("team@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        payButton("Pay $15.00").click();
        PlaywrightAssertions.assertThat(page.locator("#f-custom_field_data-company-size-error")).hasText("Team size is required.");
        PlaywrightAssertions.assertThat(label("Team size")).isFocused();
        assertThat(statusOf(checkoutSecret)).isEqualTo("open");

        label("Team size").fill("12");
        payButton("Pay $15.00").click();
        assertConfirmation("Workshop", "$15.00", "team@example.com");
        Object stored = as(tenant).get("/v1/orders/").then().extract().jsonPath().get("items[0].custom_field_data.company-size");
        assertThat(stored).isEqualTo("12");
        assertCleanConsole();
    }

    @Test
    void payWhatYouWantBelowTheMinimum() {
        String product = product(Map.of("name", "Donation", "prices", List.of(Map.of("amount_type", "custom",
                "minimum_amount", 500, "preset_amount", 1000))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        Locator amount = label("Amount (USD)");
        PlaywrightAssertions.assertThat(amount).hasValue("10.00");
        amount.fill("2");
        PlaywrightAssertions.assertThat(page.locator("#f-amount-error")).containsText("between $5.00 and");
        label("Email").fill("donor@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        payButton("Pay $10.00").click();
        PlaywrightAssertions.assertThat(amount).isFocused();
        assertThat(statusOf(checkoutSecret)).isEqualTo("open");

        amount.fill("7.50");
        PlaywrightAssertions.assertThat(page.locator("#total-total")).hasText("$7.50");
        PlaywrightAssertions.assertThat(payButton("Pay $7.50")).isVisible();
        assertCleanConsole();
    }

    @Test
    void expiredCheckoutShowsTheExpiredState() {
        String product = product(Map.of("name", "Ticket", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))));
        Map<String, Object> checkout = checkout(Map.of("products", List.of(product)));
        as(tenant).post("/v1/checkouts/" + checkout.get("id") + "/expire").then().statusCode(200);
        page.navigate(pageUrl(checkout));
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This checkout has expired"))).isVisible();
        assertCleanConsole();
    }

    @Test
    void embeddedOnAnotherOriginReceivesLoadedConfirmedAndSuccess() throws Exception {
        String product = product(Map.of("name", "Plugin", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1200))));
        Map<String, Object> checkout = checkout(Map.of("products", List.of(product)));
        String merchantPage = """
                <!doctype html><html><head><meta charset="utf-8"><title>Merchant</title>
                <link rel="icon" href="data:,">
                <script src="http://localhost:%d/embed.js" data-auto-init></script></head>
                <body><h1>Merchant</h1><a href="%s" data-polar-checkout data-polar-checkout-theme="light">Buy the plugin</a>
                <ul id="events"></ul>
                <script>
                  window.addEventListener("message", (e) => {
                    if (!e.data || e.data.type !== "POLAR_CHECKOUT") return;
                    const li = document.createElement("li");
                    li.textContent = e.data.event + (e.data.event === "success" ? " redirect=" + e.data.redirect : "");
                    document.getElementById("events").appendChild(li);
                  });
                </script></body></html>
                """.formatted(port, pageUrl(checkout));
        HttpServer merchant = merchantServer(merchantPage);
        try {
            String origin = "http://127.0.0.1:" + merchant.getAddress().getPort();
            page.navigate(origin + "/");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Buy the plugin")).click();
            FrameLocator frame = page.frameLocator("iframe[title=Checkout]");
            PlaywrightAssertions.assertThat(page.locator("#events li").first()).hasText("loaded");

            frame.getByLabel("Email", new FrameLocator.GetByLabelOptions().setExact(true)).fill("embed@example.com");
            frame.getByLabel("Country", new FrameLocator.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("Ireland"));
            frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Pay $12.00")).click();

            PlaywrightAssertions.assertThat(frame.getByRole(AriaRole.HEADING, new FrameLocator.GetByRoleOptions()
                    .setName("Thank you for your purchase"))).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#events li")).hasText(new String[] {"loaded", "confirmed", "success redirect=false", "loaded"});
            assertThat(page.url()).startsWith(origin);
            assertThat(as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().extract().<String>path("embed_origin")).isEqualTo(origin);
            assertThat(orders()).hasSize(1);

            // The embedded page's Close button asks the merchant page to close the frame.
            frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Close")).click();
            PlaywrightAssertions.assertThat(page.locator("iframe[title=Checkout]")).hasCount(0);
        } finally {
            merchant.stop(0);
        }
        assertCleanConsole();
    }

    @Test
    void embedCreateWithoutOptionsAndEscapeCloses() throws Exception {
        String product = product(Map.of("name", "Theme", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 800))));
        Map<String, Object> checkout = checkout(Map.of("products", List.of(product)));
        String merchantPage = """
                <!doctype html><html><head><meta charset="utf-8"><title>Merchant</title><link rel="icon" href="data:,">
                <script src="http://localhost:%d/embed.js"></script></head>
                <body><button id="buy">Buy</button><p id="state">idle</p>
                <script>
                  document.getElementById("buy").addEventListener("click", async () => {
                    const checkout = await window.Polar.EmbedCheckout.create("%s");
                    document.getElementById("state").textContent = "loaded";
                    checkout.addEventListener("close", () => { document.getElementById("state").textContent = "closed"; });
                  });
                </script></body></html>
                """.formatted(port, pageUrl(checkout));
        HttpServer merchant = merchantServer(merchantPage);
        try {
            page.navigate("http://127.0.0.1:" + merchant.getAddress().getPort() + "/");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy")).click();
            PlaywrightAssertions.assertThat(page.locator("#state")).hasText("loaded");
            FrameLocator frame = page.frameLocator("iframe[title=Checkout]");
            frame.getByLabel("Email", new FrameLocator.GetByLabelOptions().setExact(true)).focus();
            page.keyboard().press("Escape");
            PlaywrightAssertions.assertThat(page.locator("#state")).hasText("closed");
            PlaywrightAssertions.assertThat(page.locator("iframe")).hasCount(0);
        } finally {
            merchant.stop(0);
        }
        assertCleanConsole();
    }

    @Test
    void embedOriginMustBeAnAllowedOrigin() {
        String product = product(Map.of("name", "Font", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 800))));
        Map<String, Object> checkout = checkout(Map.of("products", List.of(product)));
        String secret = (String) checkout.get("client_secret");
        anonymous().accept("text/html").get("/checkout/" + secret + "?embed=true&embed_origin=http://evil.example").then()
                .statusCode(400);
        anonymous().accept("text/html").get("/checkout/" + secret + "?embed=true&embed_origin=https://shop.example/path").then()
                .statusCode(400);
        String policy = anonymous().accept("text/html").get("/checkout/" + secret + "?embed=true&embed_origin=https://shop.example:8443")
                .then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(policy).contains("frame-ancestors https://shop.example:8443").contains("script-src 'self';")
                .contains("default-src 'none'");
        String plain = anonymous().accept("text/html").get("/checkout/" + secret).then().statusCode(200).extract()
                .header("Content-Security-Policy");
        assertThat(plain).contains("frame-ancestors 'none'");
    }
}
