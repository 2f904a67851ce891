package dev.kassa.checkoutpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

/**
 * What the checkout page's browser tests share: a headless Chromium (Debian's {@code /usr/bin/chromium}, driven by
 * Playwright) per test class, a fresh context and tenant per test, and a watch on the console: every test fails on
 * a console error or warning, an uncaught exception or a failed request ({@link #assertCleanConsole}). Elements are
 * found by their accessible names, as a buyer with a screen reader would find them.
 */
abstract class CheckoutPageBrowserSupport extends ApiTest {

    private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("KASSA_TEST_CHROMIUM", "/usr/bin/chromium"));
    protected static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static Playwright playwright;
    private static Browser browser;

    protected BrowserContext context;
    protected Page page;
    protected Tenant tenant;
    protected final List<String> consoleProblems = Collections.synchronizedList(new ArrayList<>());

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
        tenant = data.tenant();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        watch(page);
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    protected void watch(Page watched) {
        watched.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                consoleProblems.add(message.type() + ": " + message.text());
            }
        });
        watched.onPageError(error -> consoleProblems.add("uncaught: " + error));
        watched.onRequestFailed(request -> {
            // The page closes the event stream once it has the outcome (or navigates away): that abort is by design.
            boolean closedStream = request.url().endsWith("/stream") && "net::ERR_ABORTED".equals(request.failure());
            if (!closedStream) {
                consoleProblems.add("request failed: " + request.url() + " " + request.failure());
            }
        });
    }

    protected void assertCleanConsole() {
        assertThat(consoleProblems).as("console errors, uncaught exceptions and failed requests").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    protected String checkoutSecret;

    protected Map<String, Object> checkout(Map<String, Object> body) {
        Map<String, Object> checkout = as(tenant).body(body).post("/v1/checkouts/").then().statusCode(201).extract().jsonPath().getMap("");
        checkoutSecret = (String) checkout.get("client_secret");
        return checkout;
    }

    /** The checkout's url, on this test server's port (PUBLIC_BASE_URL names port 8000). */
    protected String pageUrl(Map<String, Object> checkout) {
        return "http://localhost:" + port + "/checkout/" + checkout.get("client_secret");
    }

    protected String product(Map<String, Object> body) {
        return as(tenant).body(body).post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    protected String organizationName() {
        return anonymous().get("/v1/checkouts/client/" + checkoutSecret).then().extract().path("organization.name");
    }

    protected String statusOf(String secret) {
        return anonymous().get("/v1/checkouts/client/" + secret).then().extract().path("status");
    }

    protected List<Object> orders() {
        return as(tenant).get("/v1/orders/").then().statusCode(200).extract().jsonPath().getList("items");
    }

    protected int orderAmount() {
        return as(tenant).get("/v1/orders/").then().extract().path("items[0].total_amount");
    }

    protected Locator label(String name) {
        return page.getByLabel(name, new Page.GetByLabelOptions().setExact(true));
    }

    protected Locator payButton(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    protected Locator testCard(String name) {
        return page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions().setName("Test card"))
                .getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    protected void assertConfirmation(String product, String amount, String email) {
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thank you for your purchase")))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(page.url()).endsWith("/checkout/" + checkoutSecret + "/confirmation");
        PlaywrightAssertions.assertThat(page.locator("#confirmation-product")).hasText(product);
        PlaywrightAssertions.assertThat(page.locator("#confirmation-amount")).hasText(amount);
        PlaywrightAssertions.assertThat(page.locator("#confirmation-email")).hasText(email);
    }

    /** The page at a phone's and a desktop's width, for the README; also checks nothing scrolls sideways at 360 px. */
    protected void screenshots(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.setViewportSize(360, 800);
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("sideways scrolling at 360 px").isLessThanOrEqualTo(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-360.png")).setFullPage(true));
        page.setViewportSize(1280, 900);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-1280.png")).setFullPage(true));
    }

    protected static HttpServer merchantServer(String html) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
