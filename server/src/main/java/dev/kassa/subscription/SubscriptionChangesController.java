package dev.kassa.subscription;

import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.subscription.schemas.CustomerSubscription;
import dev.kassa.subscription.schemas.Subscription;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Changes of a subscription by the merchant ({@code subscriptions:write}) and by its customer (the portal). */
@RestController
class SubscriptionChangesController {

    private final SubscriptionChanges changes;

    SubscriptionChangesController(SubscriptionChanges changes) {
        this.changes = changes;
    }

    @PatchMapping("/v1/subscriptions/{id}")
    @RequireScopes(Scope.SUBSCRIPTIONS_WRITE)
    Subscription update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return changes.update(access.organizationId(), id, SubscriptionChangeRequests.merchant(body));
    }

    @DeleteMapping("/v1/subscriptions/{id}")
    @RequireScopes(Scope.SUBSCRIPTIONS_WRITE)
    Subscription revoke(OrganizationAccess access, @PathVariable UUID id) {
        return changes.revoke(access.organizationId(), id);
    }

    @PatchMapping("/v1/customer-portal/subscriptions/{id}")
    @RequireCustomerSession
    CustomerSubscription portalUpdate(CustomerAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return changes.portalUpdate(access.organizationId(), access.customerId(), id, SubscriptionChangeRequests.portal(body));
    }

    @DeleteMapping("/v1/customer-portal/subscriptions/{id}")
    @RequireCustomerSession
    CustomerSubscription portalCancel(CustomerAccess access, @PathVariable UUID id) {
        return changes.portalCancel(access.organizationId(), access.customerId(), id);
    }
}
