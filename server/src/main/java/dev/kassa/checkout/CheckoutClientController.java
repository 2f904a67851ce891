package dev.kassa.checkout;

import dev.kassa.platform.web.JsonBody;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The buyer's checkout API: the client secret in the path is the credential; no token is needed. */
@RestController
class CheckoutClientController {

    private final CheckoutService checkouts;

    CheckoutClientController(CheckoutService checkouts) {
        this.checkouts = checkouts;
    }

    @GetMapping({"/v1/checkouts/client/{client_secret}", "/v1/checkouts/custom/client/{client_secret}"})
    Map<String, Object> get(@PathVariable("client_secret") String clientSecret) {
        return checkouts.clientGet(clientSecret);
    }

    @PatchMapping({"/v1/checkouts/client/{client_secret}", "/v1/checkouts/custom/client/{client_secret}"})
    Map<String, Object> update(@PathVariable("client_secret") String clientSecret, @JsonBody JsonNode body) {
        return checkouts.clientUpdate(clientSecret, CheckoutRequests.update(body, true), CheckoutRequests.seatFieldsIn(body));
    }
}
