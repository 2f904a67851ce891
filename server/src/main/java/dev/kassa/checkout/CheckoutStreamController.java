package dev.kassa.checkout;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The buyer's event stream (Server-Sent Events); hidden from the document, as Polar hides it. */
@RestController
class CheckoutStreamController {

    private final CheckoutEventStream streams;

    CheckoutStreamController(CheckoutEventStream streams) {
        this.streams = streams;
    }

    @Hidden
    @GetMapping({"/v1/checkouts/client/{client_secret}/stream", "/v1/checkouts/custom/client/{client_secret}/stream"})
    SseEmitter stream(@PathVariable("client_secret") String clientSecret) {
        return streams.open(clientSecret);
    }
}
