package dev.kassa.customer;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.platform.web.Patch;
import java.util.Map;
import java.util.UUID;

/** The inputs of the customer service, for the API and for the checkout flow. */
public final class CustomerCommands {

    private CustomerCommands() {
    }

    /**
     * A new customer. {@code taxId} must already be validated against the billing address country (see
     * {@link dev.kassa.address.TaxIds#validate}); {@code metadata} may be empty, never null.
     */
    public record NewCustomer(UUID organizationId, String email, String externalId, String name, String billingName,
            Address billingAddress, TaxId taxId, String locale, Map<String, Object> metadata) {

        /** A bare customer: email and external ID only, unverified, empty metadata. */
        public static NewCustomer fromCheckout(UUID organizationId, String email, String externalId) {
            return new NewCustomer(organizationId, email, externalId, null, null, null, null, null, Map.of());
        }
    }

    /**
     * What a confirmed checkout writes onto its customer ({@code _create_or_update_customer}): {@code name} only when
     * the customer has none; {@code billingName}, {@code billingAddress}, {@code taxId} and {@code locale} when not
     * null; {@code stripeCustomerId} when not null; {@code metadata} merged over the existing map (its keys win).
     */
    public record CheckoutCustomerUpdate(String name, String billingName, Address billingAddress, TaxId taxId,
            String locale, String stripeCustomerId, Map<String, Object> metadata) {
    }

    /** An API PATCH; the raw tax ID number is validated by the service against the resulting billing country. */
    record CustomerUpdate(Patch<String> email, Patch<String> name, Patch<Address> billingAddress, Patch<String> taxId,
            Patch<String> externalId, Map<String, Object> metadata) {
    }

    /** An API create; the raw tax ID number is validated by the service. */
    record CustomerCreate(UUID organizationId, String email, String externalId, String name, Address billingAddress,
            String taxId, Map<String, Object> metadata) {
    }
}
