package dev.kassa.checkout;

import dev.kassa.checkout.schemas.CheckoutPublic;
import dev.kassa.checkout.schemas.CheckoutPublicConfirmed;
import dev.kassa.platform.web.JsonBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The buyer's checkout API: the client secret in the path is the credential; no token is needed. */
@RestController
class CheckoutClientController {

    private final CheckoutService checkouts;
    private final ConfirmCheckout confirm;

    CheckoutClientController(CheckoutService checkouts, ConfirmCheckout confirm) {
        this.checkouts = checkouts;
        this.confirm = confirm;
    }

    @GetMapping({"/v1/checkouts/client/{client_secret}", "/v1/checkouts/custom/client/{client_secret}"})
    CheckoutPublic get(@PathVariable("client_secret") String clientSecret) {
        return checkouts.clientGet(clientSecret);
    }

    @PatchMapping({"/v1/checkouts/client/{client_secret}", "/v1/checkouts/custom/client/{client_secret}"})
    CheckoutPublic update(@PathVariable("client_secret") String clientSecret, @JsonBody JsonNode body) {
        return checkouts.clientUpdate(clientSecret, CheckoutRequests.update(body, true), CheckoutRequests.seatFieldsIn(body));
    }

    /** Polar's {@code CheckoutPublicConfirmed}: the checkout, now confirmed, and the buyer's customer session token. */
    @PostMapping({"/v1/checkouts/client/{client_secret}/confirm", "/v1/checkouts/custom/client/{client_secret}/confirm"})
    CheckoutPublicConfirmed confirm(@PathVariable("client_secret") String clientSecret, @JsonBody JsonNode body) {
        return confirm.confirm(clientSecret, CheckoutRequests.update(body, true), CheckoutRequests.seatFieldsIn(body),
                CheckoutRequests.confirmationTokenId(body));
    }
}
