package dev.kassa.platform.openapi;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kassa.support.ApiTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /docs} in a real headless Chromium (as the checkout page's browser tests): it renders the API, from Kassa alone. */
class DocsPageBrowserTest extends ApiTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KASSA_TEST_CHROMIUM", "/usr/bin/chromium"));

    @Test
    void theDocsPageRendersKassasOperationsWithNoErrorAndNoRequestElsewhere() {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<String> hosts = Collections.synchronizedList(new ArrayList<>());
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newPage();
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    problems.add(message.text());
                }
            });
            page.onPageError(error -> problems.add("uncaught: " + error));
            page.onRequestFailed(request -> problems.add("failed: " + request.url()));
            page.onRequest(request -> hosts.add(URI.create(request.url()).getHost()));
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    problems.add(response.status() + ": " + response.url());
                }
            });

            page.navigate("http://localhost:" + port + "/docs");

            assertThat(page.getByText("Create Checkout Session").first()).isVisible();
            assertThat(page.getByText("/v1/checkouts/client/{client_secret}/confirm").first()).isAttached();
        }
        assertThat(problems).isEmpty();
        assertThat(hosts).containsOnly("localhost");
    }
}
