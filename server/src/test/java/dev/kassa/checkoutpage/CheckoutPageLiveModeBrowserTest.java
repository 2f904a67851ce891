package dev.kassa.checkoutpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData;
import dev.kassa.support.TestData.Tenant;
import dev.kassa.stripe.emulator.StripeEmulatorServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page's live-mode path (Stripe.js, the Payment Element, {@code createConfirmationToken}, {@code handleNextAction})
 * in headless Chromium. Kassa runs as in production with a Stripe key ({@code STRIPE_SECRET_KEY},
 * {@code STRIPE_PUBLISHABLE_KEY}) and {@code STRIPE_API_BASE} at a Stripe emulator of its own on loopback, which
 * accepts only {@code sk_test_} keys: the page renders the live path and Kassa's Stripe calls reach the emulator, whose
 * signed webhooks reach Kassa. js.stripe.com and api.stripe.com are not reachable here: {@link FakeStripeJs} serves a
 * small fake Stripe.js ({@code src/test/resources/fake-stripe}) at {@code https://js.stripe.com/v3/}, and answers its
 * {@code https://api.stripe.com} requests (made with the publishable key) from the emulator with the secret key, as
 * Stripe's servers would. The page's Content-Security-Policy is the live one, enforced by Chromium on these loads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheckoutPageLiveModeBrowserTest {

    private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("KASSA_TEST_CHROMIUM", "/usr/bin/chromium"));
    /** A key only the emulator below knows: no real Stripe account is involved. */
    private static final String SECRET_KEY = "sk_test_kassa_live_page";
    private static final String PUBLISHABLE_KEY = "pk_test_kassa_live_page";
    private static final StripeEmulatorServer STRIPE = startEmulator();
    private static final Path OWN_DATA_DIR = createDataDir();
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private static Playwright playwright;
    private static Browser browser;
    private static boolean webhooksWired;

    @LocalServerPort
    int port;
    @Autowired
    TestData data;

    private final List<String> consoleProblems = Collections.synchronizedList(new ArrayList<>());
    /** What the page asked of the fake Stripe.js, in order, across reloads and navigations. */
    private final List<Object> stripeCalls = Collections.synchronizedList(new ArrayList<>());
    private BrowserContext context;
    private Page page;
    private Tenant tenant;
    private String checkoutSecret;

    /** A server of its own (data folder, embedded PostgreSQL): the suite's shared server stays in test mode. */
    @DynamicPropertySource
    static void liveMode(DynamicPropertyRegistry registry) {
        registry.add("KASSA_DATA_DIR", OWN_DATA_DIR::toString);
        registry.add("PUBLIC_BASE_URL", () -> "http://localhost:8000");
        registry.add("kassa.test.throwaway-embedded-database", () -> "true");
        registry.add("STRIPE_SECRET_KEY", () -> SECRET_KEY);
        registry.add("STRIPE_PUBLISHABLE_KEY", () -> PUBLISHABLE_KEY);
        registry.add("STRIPE_WEBHOOK_SECRET", () -> ApiTest.TEST_WEBHOOK_SECRET);
        registry.add("STRIPE_API_BASE", STRIPE::apiBase);
        registry.add("kassa.subscription-end-initial-delay", () -> "PT24H");
        registry.add("kassa.renewals.initial-delay", () -> "PT24H");
    }

    @BeforeAll
    static void startBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openContext() {
        if (!webhooksWired) {
            STRIPE.emulator().addWebhookEndpoint("http://127.0.0.1:" + port + "/v1/integrations/stripe/webhook",
                    ApiTest.TEST_WEBHOOK_SECRET);
            webhooksWired = true;
        }
        tenant = data.tenant();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        FakeStripeJs.install(context, STRIPE.apiBase(), PUBLISHABLE_KEY, SECRET_KEY);
        context.exposeFunction("kassaTestRecordStripeCall", args -> {
            stripeCalls.add(JSON.readValue((String) args[0], List.class));
            return null;
        });
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                consoleProblems.add(message.type() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleProblems.add("uncaught: " + error));
        page.onRequestFailed(request -> {
            boolean closedStream = request.url().endsWith("/stream") && "net::ERR_ABORTED".equals(request.failure());
            if (!closedStream) {
                consoleProblems.add("request failed: " + request.url() + " " + request.failure());
            }
        });
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @AfterAll
    static void stopEmulator() {
        STRIPE.close();
    }

    // ---------------------------------------------------------------- flows

    @Test
    void paysWithStripeJsAConfirmationTokenAndThePaymentElement() {
        page.navigate(pageUrl(checkout(product("Atlas", 2400))));

        PlaywrightAssertions.assertThat(page.frameLocator("iframe[title='Secure payment input frame']").locator("input")).isVisible();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions().setName("Test card"))).hasCount(0);
        label("Email").fill("live@example.com");
        label("Name").fill("Ada Lovelace");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        PlaywrightAssertions.assertThat(page.locator("#total-tax")).not().hasText("Calculated from your address");
        payButton("Pay $24.00").click();

        assertConfirmation("Atlas", "$24.00", "live@example.com");
        assertThat(orders()).hasSize(1);
        List<Object> calls = calls();
        assertThat(names(calls)).startsWith("Stripe", "elements", "create", "mount").contains("submit", "createConfirmationToken")
                .doesNotContain("handleNextAction");
        assertThat(calls.get(0)).isEqualTo(List.of("Stripe", PUBLISHABLE_KEY));
        assertThat(call(calls, "elements")).isEqualTo(Map.of("currency", "usd", "mode", "payment", "amount", 2400));
        assertThat(call(calls, "createConfirmationToken")).isEqualTo(Map.of("payment_method_data", Map.of("billing_details",
                Map.of("email", "live@example.com", "name", "Ada Lovelace", "address", Map.of("country", "IE")))));
        assertCleanConsole();
    }

    @Test
    void threeDSecureIsFinishedWithHandleNextAction() {
        page.navigate(pageUrl(checkout(product("Globe", 5600))));

        label("Email").fill("live3ds@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        card("pm_card_authenticationRequired");
        payButton("Pay $56.00").click();
        challenge().getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Complete authentication")).click();

        assertConfirmation("Globe", "$56.00", "live3ds@example.com");
        assertThat(orders()).hasSize(1);
        assertThat(names(calls())).contains("handleNextAction");
        assertCleanConsole();
    }

    @Test
    void reloadedDuringThreeDSecureTheStepIsShownAgainThroughStripeJs() {
        page.navigate(pageUrl(checkout(product("Compass", 3300))));

        label("Email").fill("livereload@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        card("pm_card_authenticationRequired");
        payButton("Pay $33.00").click();
        PlaywrightAssertions.assertThat(page.locator("iframe[title='3D Secure challenge']")).isVisible();

        int before = stripeCalls.size();
        page.reload();
        challenge().getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Complete authentication")).click();

        assertConfirmation("Compass", "$33.00", "livereload@example.com");
        assertThat(names(calls().subList(before, calls().size()))).contains("Stripe", "retrievePaymentIntent", "handleNextAction")
                .doesNotContain("createConfirmationToken");
        assertThat(orders()).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void aFailedChallengeReopensTheCheckoutForAnotherCard() {
        page.navigate(pageUrl(checkout(product("Sextant", 4100))));

        label("Email").fill("livefail@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        card("pm_card_authenticationRequired");
        payButton("Pay $41.00").click();
        challenge().getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Fail authentication")).click();
        PlaywrightAssertions.assertThat(page.locator("#form-error")).containsText("did not go through",
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(orders()).isEmpty();

        card("pm_card_visa");
        payButton("Pay $41.00").click();
        assertConfirmation("Sextant", "$41.00", "livefail@example.com");
        assertCleanConsole();
    }

    @Test
    void theContentSecurityPolicyAllowsKassaAndStripeOnly() {
        String secret = checkout(product("Map", 900));
        String policy = anonymous().accept("text/html").get("/checkout/" + secret).then().statusCode(200).extract()
                .header("Content-Security-Policy");
        assertThat(policy).isEqualTo("default-src 'none'; script-src 'self' https://js.stripe.com https://*.js.stripe.com; "
                + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' https://api.stripe.com; "
                + "frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com; form-action 'self'; "
                + "base-uri 'none'; frame-ancestors 'none'");

        // The emulator Kassa's server talks to is not the browser's business: the page cannot reach it.
        page.navigate(pageUrl(secret));
        PlaywrightAssertions.assertThat(payButton("Pay $9.00")).isVisible();
        Object reached = page.evaluate("url => fetch(url).then(() => 'reached', () => 'blocked')", STRIPE.apiBase() + "/v1/customers");
        assertThat(reached).isEqualTo("blocked");
        assertThat(consoleProblems).isNotEmpty().allSatisfy(problem -> assertThat(problem).contains("Content Security Policy"));
    }

    // ---------------------------------------------------------------- helpers

    private static StripeEmulatorServer startEmulator() {
        try {
            return StripeEmulatorServer.start("127.0.0.1", 0, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("kassa-live-page-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RequestSpecification anonymous() {
        return RestAssured.given().port(port).contentType("application/json");
    }

    private RequestSpecification asTenant() {
        return anonymous().header("Authorization", "Bearer " + tenant.token());
    }

    private String product(String name, long amount) {
        return asTenant().body(Map.of("name", name, "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    private String checkout(String product) {
        checkoutSecret = asTenant().body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
        return checkoutSecret;
    }

    private String pageUrl(String secret) {
        return "http://localhost:" + port + "/checkout/" + secret;
    }

    private List<Object> orders() {
        return asTenant().get("/v1/orders/").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The test card "typed" into the fake Payment Element. */
    private void card(String paymentMethod) {
        page.evaluate("card => { window.__fakeStripe.card = card; }", paymentMethod);
    }

    private FrameLocator challenge() {
        return page.frameLocator("iframe[title='3D Secure challenge']");
    }

    private List<Object> calls() {
        return List.copyOf(stripeCalls);
    }

    private static List<String> names(List<Object> calls) {
        return calls.stream().map(call -> (String) ((List<?>) call).get(0)).toList();
    }

    private static Object call(List<Object> calls, String name) {
        return calls.stream().map(call -> (List<?>) call).filter(call -> call.get(0).equals(name)).findFirst()
                .map(call -> call.get(1)).orElse(null);
    }

    private Locator label(String name) {
        return page.getByLabel(name, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator payButton(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private void assertConfirmation(String product, String amount, String email) {
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thank you for your purchase")))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(page.url()).endsWith("/checkout/" + checkoutSecret + "/confirmation");
        PlaywrightAssertions.assertThat(page.locator("#confirmation-product")).hasText(product);
        PlaywrightAssertions.assertThat(page.locator("#confirmation-amount")).hasText(amount);
        PlaywrightAssertions.assertThat(page.locator("#confirmation-email")).hasText(email);
    }

    private void assertCleanConsole() {
        assertThat(consoleProblems).as("console errors, uncaught exceptions and failed requests").isEmpty();
    }
}
