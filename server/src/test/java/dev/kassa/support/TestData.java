package dev.kassa.support;

import dev.kassa.auth.AccessTokenService;
import dev.kassa.auth.Scope;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Factories with defaults, in the spirit of Polar's random_objects fixtures. */
@Component
public class TestData {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final OrganizationService organizations;
    private final AccessTokenService tokens;

    TestData(OrganizationService organizations, AccessTokenService tokens) {
        this.organizations = organizations;
        this.tokens = tokens;
    }

    /** An organization and a token holding every scope. */
    public Tenant tenant() {
        return tenant(AccessTokenService.allScopes());
    }

    public Tenant tenant(Set<Scope> scopes) {
        String slug = "org-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Organization organization = organizations.create("Test " + slug, slug);
        AccessTokenService.IssuedToken token = tokens.issue(organization.id(), scopes, null, "test");
        return new Tenant(organization.id(), token.token(), token.id());
    }

    /** Another token of the same organization. */
    public Tenant withScopes(Tenant tenant, Set<Scope> scopes) {
        AccessTokenService.IssuedToken token = tokens.issue(tenant.organizationId(), scopes, null, "test");
        return new Tenant(tenant.organizationId(), token.token(), token.id());
    }

    public Tenant expiringToken(Tenant tenant, Duration expiresIn) {
        AccessTokenService.IssuedToken token = tokens.issue(tenant.organizationId(), AccessTokenService.allScopes(), expiresIn, "test");
        return new Tenant(tenant.organizationId(), token.token(), token.id());
    }

    public void revoke(Tenant tenant) {
        tokens.revoke(tenant.tokenId());
    }

    public record Tenant(UUID organizationId, String token, UUID tokenId) {
    }
}
