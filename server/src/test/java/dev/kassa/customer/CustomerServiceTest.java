package dev.kassa.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.auth.CustomerAccess;
import dev.kassa.customer.CustomerCommands.CheckoutCustomerUpdate;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.platform.crypto.Tokens;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

class CustomerServiceTest extends ApiTest {

    @Autowired
    CustomerService customers;
    @Autowired
    CustomerSessionService sessions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    @Test
    void createAndFind() {
        Customer created = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "Mixed@Example.com", "ext-1"));
        assertThat(created.emailVerified()).isFalse();
        assertThat(customers.findByEmail(tenant.organizationId(), "mixed@example.COM")).contains(created);
        assertThat(customers.findByExternalId(tenant.organizationId(), "ext-1")).contains(created);
        assertThat(customers.findById(tenant.organizationId(), created.id())).contains(created);
        assertThat(customers.findById(data.tenant().organizationId(), created.id())).isEmpty();
        assertThat(customers.findByEmail(data.tenant().organizationId(), "mixed@example.com")).isEmpty();
    }

    @Test
    void createConflictLeavesTheTransactionUsable() {
        customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "dup@example.com", null));
        Customer found = transactions.execute(status -> {
            assertThatThrownBy(() -> customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "DUP@example.com", null)))
                    .isInstanceOf(RequestValidationError.class);
            return customers.findByEmail(tenant.organizationId(), "dup@example.com").orElseThrow();
        });
        assertThat(found.email()).isEqualTo("dup@example.com");
    }

    @Test
    void updateFromCheckout() {
        Customer created = customers.create(new NewCustomer(tenant.organizationId(), "u@example.com", null, "Old name",
                null, null, null, null, Map.of("a", "1", "b", "2")));
        Customer updated = customers.updateFromCheckout(created.id(), new CheckoutCustomerUpdate("New name", "ACME Ltd",
                new Address("1 Rue", null, "75001", "Paris", null, "FR"), new TaxId("FR40303265045", "eu_vat"), "fr",
                "cus_123", Map.of("b", "checkout", "c", true)));
        assertThat(updated.name()).isEqualTo("Old name");
        assertThat(updated.billingName()).isEqualTo("ACME Ltd");
        assertThat(updated.billingAddress().city()).isEqualTo("Paris");
        assertThat(updated.taxId().format()).isEqualTo("eu_vat");
        assertThat(updated.locale()).isEqualTo("fr");
        assertThat(updated.stripeCustomerId()).isEqualTo("cus_123");
        assertThat(updated.metadata()).isEqualTo(Map.of("a", "1", "b", "checkout", "c", true));
        assertThat(customers.findById(tenant.organizationId(), created.id())).contains(updated);

        Customer nameless = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "n@example.com", null));
        Customer named = customers.updateFromCheckout(nameless.id(), new CheckoutCustomerUpdate("Given", null, null, null,
                null, null, Map.of()));
        assertThat(named.name()).isEqualTo("Given");
        assertThat(named.billingAddress()).isNull();
        assertThat(named.stripeCustomerId()).isNull();
    }

    @Test
    void lockForUpdateNeedsATransaction() {
        Customer created = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "l@example.com", null));
        assertThatThrownBy(() -> customers.lockForUpdate(created.id())).isInstanceOf(IllegalTransactionStateException.class);
        java.util.Optional<Customer> locked = transactions.execute(s -> customers.lockForUpdate(created.id()));
        assertThat(locked).contains(created);
    }

    @Test
    void issuedSessionsVerifyUntilTheyExpire() {
        Customer created = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "s@example.com", null));
        String token = customers.issueSession(created.id());
        assertThat(token).startsWith("polar_cst_").hasSize("polar_cst_".length() + 43);
        assertThat(sessions.verify(token)).contains(new CustomerAccess(created.id(), tenant.organizationId()));
        assertThat(jdbc.sql("SELECT count(*) FROM customer_sessions WHERE token_hash = :h").param("h", Tokens.hash(token))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(sessions.verify(token + "x")).isEmpty();
        jdbc.sql("UPDATE customer_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = :h")
                .param("h", Tokens.hash(token)).update();
        assertThat(sessions.verify(token)).isEmpty();
    }
}
