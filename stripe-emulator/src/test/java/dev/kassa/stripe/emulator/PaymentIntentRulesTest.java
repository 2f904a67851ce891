package dev.kassa.stripe.emulator;

import static dev.kassa.stripe.emulator.Calls.error;
import static dev.kassa.stripe.emulator.Calls.json;
import static dev.kassa.stripe.emulator.Calls.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stripe's rules on PaymentIntent create: minimum charge amounts, ISK/UGX amounts, single-use ConfirmationTokens. */
class PaymentIntentRulesTest {

    private final StripeEmulator emulator = new StripeEmulator(new InMemoryEmulatorStore());

    @AfterEach
    void close() {
        emulator.close();
    }

    private StripeEmulator.Response create(long amount, String currency) {
        return post(emulator, "/v1/payment_intents", "amount=" + amount + "&currency=" + currency);
    }

    @Test
    void anAmountBelowTheCurrencysMinimumIsAmountTooSmall() {
        StripeEmulator.Response response = create(49, "usd");

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).isEqualTo(Map.of("type", "invalid_request_error", "code", "amount_too_small",
                "message", "Amount must be at least $0.50 usd", "param", "amount"));
    }

    @Test
    void eachCurrencyHasItsOwnMinimum() {
        assertThat(create(50, "usd").status()).isEqualTo(200);
        assertThat(create(49, "eur").status()).isEqualTo(400);
        assertThat(create(50, "eur").status()).isEqualTo(200);
        assertThat(create(29, "gbp").status()).isEqualTo(400);
        assertThat(create(30, "gbp").status()).isEqualTo(200);
        assertThat(error(create(299, "sek"))).containsEntry("message", "Amount must be at least SEK3.00 sek");
    }

    @Test
    void aZeroDecimalCurrencysMinimumIsInWholeUnits() {
        assertThat(error(create(49, "jpy"))).containsEntry("code", "amount_too_small")
                .containsEntry("message", "Amount must be at least ¥50 jpy");
        assertThat(json(create(50, "jpy"))).containsEntry("amount", 50L).containsEntry("currency", "jpy");
    }

    @Test
    void iskAndUgxAmountsMustBeDivisibleBy100() {
        StripeEmulator.Response response = create(1050, "isk");

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).isEqualTo(Map.of("type", "invalid_request_error", "code", "amount_invalid",
                "message", "Invalid amount: isk amounts are given with two decimals but charged in whole units, so "
                        + "the amount must be divisible by 100 (for example 1000).", "param", "amount"));
        assertThat(create(1000, "isk").status()).isEqualTo(200);
        assertThat(create(250, "ugx").status()).isEqualTo(400);
        assertThat(create(300, "ugx").status()).isEqualTo(200);
    }

    private String token() {
        return (String) json(post(emulator, "/v1/test_helpers/confirmation_tokens", "payment_method=pm_card_visa"))
                .get("id");
    }

    @Test
    void aConfirmationTokenUsedByOnePaymentIntentIsRefusedForAnother() {
        String token = token();
        String first = (String) json(post(emulator, "/v1/payment_intents",
                "amount=1000&currency=eur&confirm=true&confirmation_token=" + token)).get("id");

        StripeEmulator.Response second = post(emulator, "/v1/payment_intents",
                "amount=1000&currency=eur&confirm=true&confirmation_token=" + token);

        assertThat(second.status()).isEqualTo(400);
        assertThat(error(second)).isEqualTo(Map.of("type", "invalid_request_error", "param", "confirmation_token",
                "message", "This ConfirmationToken (" + token + ") has already been used to confirm " + first
                        + ". A ConfirmationToken can be used only once; create a new one."));
        assertThat(Calls.get(emulator, "/v1/payment_intents").body()).doesNotContain("\"status\": \"requires_payment_method\"");
    }

    @Test
    void aConfirmationTokenUsedByAPaymentIntentIsRefusedForASetupIntent() {
        String token = token();
        post(emulator, "/v1/payment_intents", "amount=1000&currency=eur&confirm=true&confirmation_token=" + token);

        StripeEmulator.Response setup = post(emulator, "/v1/setup_intents", "confirm=true&confirmation_token=" + token);

        assertThat(setup.status()).isEqualTo(400);
        assertThat(error(setup)).containsEntry("param", "confirmation_token").doesNotContainKey("code");
    }
}
