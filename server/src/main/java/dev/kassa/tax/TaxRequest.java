package dev.kassa.tax;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.platform.crypto.Tokens;
import dev.kassa.pricing.TaxResult;
import java.util.Objects;

/**
 * What tax is calculated on: one line of {@code amount} (after discount) in {@code currency}, priced with
 * {@code behavior}, sold to a buyer at {@code address} who may have a business {@code taxId}.
 */
public record TaxRequest(String reference, String currency, long amount, TaxResult.Behavior behavior, Address address,
        TaxId taxId) {

    /** Stripe's tax code for "general electronically supplied services", as Polar sends for every product. */
    public static final String TAX_CODE = "txcd_10000000";

    public TaxRequest {
        Objects.requireNonNull(currency, "currency is null");
        Objects.requireNonNull(behavior, "behavior is null");
        Objects.requireNonNull(address, "address is null");
    }

    /**
     * A hash of everything sent: equal hashes give equal results, so a checkout whose inputs did not change is not
     * calculated again, and the hash is the Stripe idempotency key (which Stripe refuses to reuse for other
     * parameters, hence the reference in it).
     */
    public String inputsHash() {
        return Tokens.hash(String.join("\u001f", reference == null ? "" : reference, currency, Long.toString(amount), behavior.wireName(), TAX_CODE,
                String.valueOf(address.line1()), String.valueOf(address.line2()), String.valueOf(address.postalCode()),
                String.valueOf(address.city()), String.valueOf(address.state()), address.country(),
                taxId == null ? "" : taxId.format() + ":" + taxId.value()));
    }
}
