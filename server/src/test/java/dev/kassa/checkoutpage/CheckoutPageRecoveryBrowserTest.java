package dev.kassa.checkoutpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page when things go wrong, in headless Chromium: cards that fail, errors the server finds, a checkout that
 * runs out while open, and a reload while the payment waits for 3-D Secure. Each answer the page handles is an API
 * error it meets under {@code Kassa-Client: checkout-page}, so the console stays clean
 * ({@link CheckoutPageBrowserSupport#assertCleanConsole}).
 */
class CheckoutPageRecoveryBrowserTest extends CheckoutPageBrowserSupport {

    @Test
    void insufficientFundsThenAGoodCard() throws Exception {
        String product = product(Map.of("name", "Print", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1800))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("funds@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        testCard("Insufficient funds").check();
        payButton("Pay $18.00").click();
        PlaywrightAssertions.assertThat(page.locator("#form-error")).containsText("insufficient funds");
        PlaywrightAssertions.assertThat(payButton("Pay $18.00")).isEnabled();
        assertThat(orders()).isEmpty();
        assertCleanConsole();

        testCard("Visa succeeds").check();
        payButton("Pay $18.00").click();
        assertConfirmation("Print", "$18.00", "funds@example.com");
        assertCleanConsole();
    }

    @Test
    void validationErrorsFromTheServerShowNextToTheirFields() throws Exception {
        String product = product(Map.of("name", "Manual", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1100))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("valid@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Germany"));
        label("Discount code").fill("NO-SUCH-CODE");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        PlaywrightAssertions.assertThat(page.locator("#f-discount_code-error")).not().isEmpty();
        PlaywrightAssertions.assertThat(label("Discount code")).hasAttribute("aria-invalid", "true");

        label("I'm purchasing as a business").check();
        label("Business name").fill("Analytical Engines GmbH");
        label("Tax ID").fill("12");
        label("Tax ID").blur();
        PlaywrightAssertions.assertThat(page.locator("#f-customer_tax_id-error")).not().isEmpty();
        PlaywrightAssertions.assertThat(label("Tax ID")).hasAttribute("aria-invalid", "true");
        assertThat(statusOf(checkoutSecret)).isEqualTo("open");
        assertCleanConsole();
    }

    @Test
    void aCheckoutThatExpiresWhileOpenShowsTheExpiredStateWhenPaying() {
        String product = product(Map.of("name", "Pass", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 700))));
        Map<String, Object> checkout = checkout(Map.of("products", List.of(product)));
        page.navigate(pageUrl(checkout));

        label("Email").fill("late@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        PlaywrightAssertions.assertThat(page.locator("#total-tax")).not().hasText("Calculated from your address");
        as(tenant).post("/v1/checkouts/" + checkout.get("id") + "/expire").then().statusCode(200);
        payButton("Pay $7.00").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This checkout has expired")))
                .isVisible();
        assertCleanConsole();
    }

    @Test
    void reloadedDuringThreeDSecureShowsTheStepAgainAndApproves() throws Exception {
        String product = product(Map.of("name", "Tripod", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 3900))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("reload@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        testCard("3-D Secure required").check();
        payButton("Pay $39.00").click();
        Locator approve = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"));
        PlaywrightAssertions.assertThat(approve).isVisible();

        page.reload();
        PlaywrightAssertions.assertThat(approve).isVisible();
        PlaywrightAssertions.assertThat(label("Email")).hasValue("reload@example.com");
        approve.click();

        assertConfirmation("Tripod", "$39.00", "reload@example.com");
        assertThat(orders()).hasSize(1);
        assertCleanConsole();
    }

    @Test
    void reloadedDuringThreeDSecureThenFailedThenPaidWithAGoodCard() throws Exception {
        String product = product(Map.of("name", "Flash", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 2200))));
        page.navigate(pageUrl(checkout(Map.of("products", List.of(product)))));

        label("Email").fill("refail@example.com");
        label("Country").selectOption(new SelectOption().setLabel("Ireland"));
        testCard("3-D Secure required").check();
        payButton("Pay $22.00").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))).isVisible();

        // The default success_url is where a bank's redirect comes back to: it too leads to the step.
        page.navigate(pageUrl(Map.of("client_secret", checkoutSecret)) + "/confirmation");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Fail authentication")).click();
        PlaywrightAssertions.assertThat(page.locator("#form-error")).containsText("did not go through",
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(orders()).isEmpty();

        testCard("Visa succeeds").check();
        payButton("Pay $22.00").click();
        assertConfirmation("Flash", "$22.00", "refail@example.com");
        assertThat(orders()).hasSize(1);
        assertCleanConsole();
    }
}
