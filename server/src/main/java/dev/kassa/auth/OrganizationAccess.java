package dev.kassa.auth;

import dev.kassa.platform.web.RequestValidationError;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The authenticated caller: an organization access token, acting only on its own organization. */
public record OrganizationAccess(UUID organizationId, UUID tokenId, Set<Scope> scopes) {

    public OrganizationAccess {
        scopes = Set.copyOf(scopes);
    }

    /**
     * Checks an {@code organization_id} the client passed in a body or a filter: anything but the token's own
     * organization is a 422 on that field, as Polar answers for an organization the caller cannot write to.
     */
    /**
     * Checks an {@code organization_id} list filter, given once or repeated: each value must be the token's own
     * organization, reported at {@code ["query", name]} or {@code ["query", name, index]}.
     */
    public void requireOwnOrganizations(List<UUID> requested, String queryParameter) {
        for (int i = 0; i < requested.size(); i++) {
            requireOwnOrganization(requested.get(i),
                    requested.size() == 1 ? List.of("query", queryParameter) : List.of("query", queryParameter, i));
        }
    }

    public UUID requireOwnOrganization(UUID requested, List<Object> loc) {
        if (requested != null && !requested.equals(organizationId)) {
            throw RequestValidationError.service("value_error", loc, "Organization not found.", requested.toString());
        }
        return organizationId;
    }
}
