package dev.kassa.customer;

import dev.kassa.customer.schemas.CustomerSchemas;
import dev.kassa.customer.schemas.CustomerSession;
import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.CustomerSessionVerifier;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.crypto.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer portal sessions ({@code customer_session/}): a {@code polar_cst_} token, shown once and stored as its
 * SHA-256, valid for one hour; it authenticates {@code /v1/customer-portal/*} as the customer.
 */
@Service
class CustomerSessionService implements CustomerSessionVerifier {

    static final Duration TTL = Duration.ofHours(1);
    static final int TOKEN_LENGTH = 43;

    private final CustomerRepository customers;
    private final OrganizationService organizations;
    private final KassaSettings settings;
    private final Clock clock;

    CustomerSessionService(CustomerRepository customers, OrganizationService organizations, KassaSettings settings, Clock clock) {
        this.customers = customers;
        this.organizations = organizations;
        this.settings = settings;
        this.clock = clock;
    }

    record Issued(UUID id, String token, Instant expiresAt, Instant createdAt) {
    }

    @Transactional
    Issued issue(UUID customerId) {
        return issue(customerId, null);
    }

    @Transactional
    Issued issue(UUID customerId, String returnUrl) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String token = Tokens.generate(TOKEN_PREFIX, TOKEN_LENGTH);
        Issued issued = new Issued(UUID.randomUUID(), token, now.plus(TTL), now);
        customers.insertSession(issued.id(), customerId, Tokens.hash(token), issued.expiresAt(), now, returnUrl);
        return issued;
    }

    /** {@code POST /v1/customer-sessions/}: by customer id or external id, within the token's organization. */
    @Transactional
    CustomerSession create(OrganizationAccess access, CustomerRequests.SessionCreate command) {
        UUID organizationId = access.organizationId();
        Object target = command.target();
        Optional<Customer> customer = switch (target) {
            case UUID id -> customers.findLive(organizationId, id);
            case CustomerRequests.ExternalId external -> customers.findByExternalId(organizationId, external.value(), false);
            default -> throw new IllegalArgumentException(String.valueOf(target));
        };
        if (customer.isEmpty()) {
            boolean byId = target instanceof UUID;
            throw CustomerRequests.single("value_error", List.of("body", byId ? "customer_id" : "external_customer_id"),
                    "Customer does not exist.", byId ? target.toString() : ((CustomerRequests.ExternalId) target).value());
        }
        Issued issued = issue(customer.get().id(), command.returnUrl());
        Organization organization = organizations.findById(organizationId).orElseThrow();
        return new CustomerSession(issued.createdAt(), null, issued.id(), issued.token(), issued.expiresAt(),
                command.returnUrl(), portalUrl(organization.slug(), issued.token(), customer.get().email()),
                customer.get().id(), CustomerSchemas.customer(customer.get()));
    }

    /** Polar's {@code FRONTEND/{org slug}/portal?customer_session_token=...&email=...}. */
    String portalUrl(String organizationSlug, String token, String email) {
        return settings.publicBaseUrlWithoutTrailingSlash() + "/" + organizationSlug + "/portal?customer_session_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerAccess> verify(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return customers.findSession(Tokens.hash(token), clock.instant())
                .map(row -> new CustomerAccess(row.customerId(), row.organizationId()));
    }
}
