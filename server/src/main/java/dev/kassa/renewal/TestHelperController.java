package dev.kassa.renewal;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.subscription.schemas.Subscription;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Kassa's test helpers (test mode only; not Polar's API): time travel for a subscription, see {@link TestClock}. */
@RestController
class TestHelperController {

    private final TestClock testClock;

    TestHelperController(TestClock testClock) {
        this.testClock = testClock;
    }

    @PostMapping("/v1/test-helpers/subscriptions/{id}/advance")
    @RequireScopes({Scope.SUBSCRIPTIONS_WRITE})
    Subscription advance(OrganizationAccess access, @PathVariable UUID id) {
        return testClock.advance(access.organizationId(), id);
    }
}
